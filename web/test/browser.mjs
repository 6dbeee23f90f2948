// What the browser tests share: Debian's Chromium (playwright-core) and a signed-in page of
// the dashboard served by a real `vigil serve`. Screenshots go to web/test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = join(here, '..', 'dist');
export const artifacts = join(here, '..', 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Chromium, headless, with nothing reaching past the test's server; the built dashboard is
// required (npm run build in web/, which scripts/test.sh runs).
export async function launchBrowser() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('build the dashboard first: npm run build in web/');
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// One browser context per kind of device, shared by a file's pages, as one user's browser
// would be: the dashboard's hashed assets (Cache-Control: immutable) come from its cache after
// the first page. Each page keeps its own key (sessionStorage is per tab).
const contexts = new WeakMap();
async function contextFor(browser, isMobile, hasTouch) {
  if (!contexts.has(browser)) contexts.set(browser, new Map());
  const kinds = contexts.get(browser);
  const kind = `${isMobile} ${hasTouch}`;
  if (!kinds.has(kind)) kinds.set(kind, browser.newContext({ isMobile, hasTouch }));
  return kinds.get(kind);
}

// A page signed in with `key` whose first listing and map have loaded. Console errors, page
// errors and (with `responses`) answers of 400 and above are collected in `errors`.
export async function signIn(browser, server, key, { width = 1400, height = 900, responses = false } = {}) {
  const context = await contextFor(browser, width < 700, width < 1200);
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  if (responses) page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(server.address + '/');
  await page.fill('#key', key);
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.loaded >= '1' && window.vigil?.map?.loaded(), null, { timeout: 30_000 });
  const camera = await page.evaluate(() => {
    const map = window.vigil.map;
    return { center: map.getCenter().toArray(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  });
  return { page, errors, size: { width, height }, camera };
}

// Brings a page that `signIn` opened back to what signing in showed, for the next test of a
// file to start from: the map tab, no incident or vessel open, the list unsearched in its
// first order, the forms (filters, line, layers) at their defaults and their data reloaded,
// the first view of the map, the first window size, no errors yet. Loading the map is most
// of what a sign-in costs (about 5 s and 10 s of CPU under software WebGL); a file's tests
// that share a role and a screen share one page, as a user's session keeps one map open.
export async function fresh(opened) {
  const { page } = opened;
  // The tab comes to the front, as a user's would: Chromium runs a tab behind another at one
  // animation frame a second, and every wait for a stable element or a new frame waits for two.
  await page.bringToFront();
  await page.setViewportSize(opened.size);
  const counters = await page.evaluate((camera) => {
    const $ = (selector) => document.querySelector(selector);
    const counter = (name) => Number(document.body.dataset[name] ?? 0);
    $('#tabs button[data-tab=map]')?.click();
    if (!$('#detail').hidden) $('#close-detail').click();
    const list = $('#list-form');
    list.reset();
    list.dispatchEvent(new Event('input', { bubbles: true }));
    // Each form whose values differ from its defaults is reset, and its change reloads what
    // it shows; the counters say which loads to wait for.
    const waits = {};
    for (const [form, name] of [['#filters', 'loaded'], ['#line-form', 'lineLoaded'], ['#layers-form', 'layersLoaded']]) {
      const element = $(form);
      const values = () => JSON.stringify([...element.elements].map((e) => [e.name, e.type === 'checkbox' ? e.checked : e.value]));
      const now = values();
      element.reset();
      if (values() === now) continue;
      waits[name] = counter(name);
      element.dispatchEvent(new Event('change', { bubbles: true }));
    }
    window.vigil.map.jumpTo(camera);
    return waits;
  }, opened.camera);
  for (const [name, before] of Object.entries(counters)) await passed(page, name, before, 30_000);
  await page.waitForFunction(() => document.body.dataset.loading !== 'true');
  opened.errors.length = 0;
  return opened;
}

// Waits until the page's load counter `name` (document.body.dataset) has moved past `before`.
function passed(page, name, before, timeout) {
  return page.waitForFunction(([n, b]) => Number(document.body.dataset[n] ?? 0) > b, [name, before], { timeout });
}

// Runs `action` and waits until the page's counter `name` has moved past where it stood
// before: the load that the action started has ended.
export async function reloads(page, name, action) {
  const before = await page.evaluate((n) => Number(document.body.dataset[n] ?? 0), name);
  await action();
  await passed(page, name, before, 60_000);
}
