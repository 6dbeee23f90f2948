// The dashboard on a phone (390×844) and on tablets (820×1180 upright, 1180×820 on its side):
// the map keeps a usable share of the screen, the list stays reachable, the detail opens over
// the map without hiding the incident it is about, and the report tab opens the latest
// publication. Screenshots of each go to web/test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, signIn, dist, artifacts } from './browser.mjs';
import { makeWorkspace, startServer, request, vigil } from '../../tests/api/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let ws, server, browser;
const ids = [];

before(async () => {
  ws = makeWorkspace();
  server = await startServer(ws.ws, ['--web', dist]);
  const post = (path, key, body) => request(server, { method: 'POST', path, key, body: JSON.stringify(body) });
  for (const [i, [lat, lon]] of [[48.3, 38.1], [47.1, 37.6], [46.75, 32.9], [48.6, 38.4]].entries()) {
    const res = await post('/api/v1/incidents', ws.keys.analyst, {
      rule: 'ceasefire.fire', start: `2025-03-01T0${i}:00:00Z`, lat, lon, confidence: 0.8, note: `incident ${i}`,
      attributes: { kind: 'shelling', count: i + 1, sources: ['patrol:P-1'] } });
    assert.equal(res.status, 201, res.body);
    ids.push(res.json.id);
    assert.equal((await post(`/api/v1/incidents/${res.json.id}/reviews`, ws.keys.analyst, { status: 'confirmed', note: 'seen' })).status, 201);
  }
  const data = join(here, '..', '..', 'data');
  vigil(['line', 'import', '-w', ws.ws, '--name', 'donbas', '--valid-from', '2025-02-20',
    '--from-control', join(data, 'frontline', 'deepstatemap_data_20250220.geojson'),
    '--within', join(data, 'boundaries', 'ua_oblasts_osm.geojson')]);
  vigil(['zones', 'build', '-w', ws.ws, '--settlement', join(here, '..', '..', 'examples', 'settlements', 'minsk2.json')]);
  vigil(['report', 'publish', '-w', ws.ws, '--date', '2025-03-01', '--by', 'test', '--note', 'the day']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  ws?.remove();
});

const open = (width, height, key = ws.keys.observer) => signIn(browser, server, key, { width, height });

const box = (page, selector) => page.$eval(selector, (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; });

// Chooses the first listed incident; returns where its point is drawn on the page once the
// map has flown there.
async function chooseFirst(page) {
  const before = await page.evaluate(() => Number(document.body.dataset.selectedShown ?? 0));
  await page.tap?.('#incident-list li:first-child').catch(() => page.click('#incident-list li:first-child'));
  await page.waitForFunction((n) => Number(document.body.dataset.selectedShown ?? 0) > n, before);
  await page.evaluate(() => new Promise((resolve) => { const map = window.vigil.map; if (!map.isMoving()) resolve(); else map.once('moveend', () => resolve()); }));
  return page.evaluate(() => {
    const id = window.vigil.state.selected;
    const f = window.vigil.state.features.find((x) => x.id === id);
    const p = window.vigil.map.project(f.geometry.coordinates);
    const r = window.vigil.map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
}

const inside = (point, r) => point.x >= r.left && point.x <= r.right && point.y >= r.top && point.y <= r.bottom;

test('on a phone the map takes a good share, the list follows, the detail is a sheet that leaves the incident in sight', async () => {
  const { page, errors } = await open(390, 844);
  const map = await box(page, '#map');
  assert.ok(map.height >= 300 && map.width >= 380, `map ${map.width}×${map.height}`);
  const side = await box(page, '#side');
  assert.ok(side.top >= map.bottom - 1 && side.width >= 380, 'the list is under the map, full width');
  assert.equal(await page.locator('#status-filter').isVisible(), false, 'observers see confirmed incidents only: no status filter');
  await page.screenshot({ path: join(artifacts, 'layout-phone.png') });
  const point = await chooseFirst(page);
  const sheet = await box(page, '#detail');
  assert.ok(sheet.width >= 380 && sheet.top > 844 * 0.3, `the detail sheet ${JSON.stringify(sheet)}`);
  assert.ok(inside(point, { ...map, bottom: Math.min(map.bottom, sheet.top) }), `the incident at ${JSON.stringify(point)} is in the uncovered map`);
  assert.ok(await page.locator('#close-detail').isVisible());
  await page.screenshot({ path: join(artifacts, 'layout-phone-detail.png') });
  await page.click('#tabs button[data-tab=report]');
  await page.waitForFunction(() => /^published:/.test(document.body.dataset.reportShown ?? ''), null, { timeout: 20_000 });
  assert.match(await page.frameLocator('#report-frame').locator('h1').first().textContent(), /daily report of 2025-03-01/);
  await page.screenshot({ path: join(artifacts, 'layout-phone-report.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [width, height] of [[820, 1180], [1180, 820]]) {
  test(`on a ${width}×${height} tablet the list sits beside the map and the detail over it, the incident in sight`, async () => {
    const { page, errors } = await open(width, height, ws.keys.analyst);
    const map = await box(page, '#map');
    const side = await box(page, '#side');
    assert.ok(side.right <= map.left + 1, 'the list beside the map');
    assert.ok(map.width >= width * 0.5, `map ${map.width} wide`);
    const point = await chooseFirst(page);
    const detail = await box(page, '#detail');
    assert.ok(detail.left > map.left && detail.right <= width + 1, 'the detail over the map\'s right side');
    assert.ok(inside(point, { ...map, right: detail.left }), `the incident at ${JSON.stringify(point)} is left of the panel at ${detail.left}`);
    await page.screenshot({ path: join(artifacts, `layout-tablet-${width}x${height}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
