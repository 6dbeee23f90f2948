import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace, startServer } from '../../tests/api/support.mjs';
const here = dirname(fileURLToPath(import.meta.url));
const cpu = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number); return { busy: f[0] + f[1] + f[2] + f[5] + f[6], all: f.reduce((a, b) => a + b, 0) }; };
const ws = makeWorkspace();
const server = await startServer(ws.ws, ['--web', join(here, '..', 'dist')]);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const vp = JSON.parse(process.env.VP ?? '{"width":1400,"height":900}');
for (let i = 0; i < 3; ++i) {
  const c0 = cpu(); const t0 = Date.now();
  const page = await browser.newPage({ viewport: vp });
  await page.goto(server.address + '/');
  await page.fill('#key', ws.keys.analyst);
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.loaded >= '1' && window.vigil?.map?.loaded(), null, { timeout: 30_000 });
  const t1 = Date.now();
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
  await page.evaluate(() => new Promise((resolve) => { const map = window.vigil.map; map.triggerRepaint(); map.once('idle', resolve); }));
  const c1 = cpu(); const t2 = Date.now();
  await new Promise((r) => setTimeout(r, 5000));
  const c2 = cpu();
  await page.close();
  console.log(`open ${t1 - t0} ms, settle ${t2 - t1} ms, cpu-s to settle ${((c1.busy - c0.busy) / 100).toFixed(1)}, cpu-s in 5 s idle ${((c2.busy - c1.busy) / 100).toFixed(1)}`);
}
await browser.close(); await server.stop(); ws.remove();
