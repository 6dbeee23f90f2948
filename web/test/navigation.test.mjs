// Browser tests of finding one's way: the list reads (newest first, one-line summaries, places,
// search, sort), choosing an incident flies the map to it, a click on the map chooses and
// scrolls the list, hovering says what an incident is, evidence shows what each report said
// with its media and a "show on map", and a vessel named in an incident opens its page.
// Chromium drives a real `vigil serve`; screenshots go to web/test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, signIn, fresh, reloads, dist, artifacts } from './browser.mjs';
import { makeWorkspace, startServer, request } from '../../tests/api/support.mjs';


let ws, server, browser;
const ids = {};

before(async () => {
  ws = makeWorkspace();
  server = await startServer(ws.ws, ['--web', dist]);
  const post = (path, body) => request(server, { method: 'POST', path, key: ws.keys.analyst, body: typeof body === 'string' ? body : JSON.stringify(body) });
  // Two reports of the weapons near Popasna, one with its media.
  const reports = [
    { id: 'rep-1', time: '2025-03-02T06:10:00Z', lat: 48.64, lon: 38.54, kind: 'weapon', source: 'uav:U-2',
      attributes: { weapon_class: 'mlrs', count: 2, description: 'Two MLRS under camouflage nets', video: 'https://example.org/uav/u-2/0610.mp4' } },
    { id: 'rep-2', time: '2025-03-02T06:40:00Z', lat: 48.641, lon: 38.541, kind: 'weapon', source: 'patrol:P-3',
      attributes: { weapon_class: 'mlrs', count: 2, description: 'Patrol saw two MLRS moving west' } },
  ];
  // Two tankers meeting in the Black Sea from 12:00 to 15:00: EAGLE TEST from the west,
  // OCEAN TEST from the south, every 20 minutes from 09:00 to 18:00.
  for (let minutes = 0; minutes <= 540; minutes += 20) {
    const time = new Date(Date.UTC(2025, 2, 1, 9, minutes)).toISOString();
    const along = Math.min(Math.max(minutes - 180, 0), 180) === minutes - 180 ? 1 : minutes < 180 ? minutes / 180 : 1 + (minutes - 360) / 180;
    const meeting = minutes >= 180 && minutes <= 360;
    reports.push({ time, lat: 43.6, lon: meeting ? 34.5 : minutes < 180 ? 33.5 + along : 34.5 + (minutes - 360) / 180, kind: 'position', source: 'ais:test', entity: 'mmsi:273274000' });
    reports.push({ time, lat: meeting ? 43.601 : minutes < 180 ? 42.8 + 0.8 * along : 43.601 + (minutes - 360) / 360, lon: 34.5, kind: 'position', source: 'ais:test', entity: 'mmsi:636012345' });
  }
  assert.equal((await post('/api/v1/observations', reports.map((r) => JSON.stringify(r)).join('\n') + '\n')).status, 201);
  const make = async (name, body) => {
    const res = await post('/api/v1/incidents', { note: name, evidence: [], ...body });
    assert.equal(res.status, 201, res.body);
    ids[name] = res.json.id;
  };
  await make('weapons', {
    rule: 'ceasefire.weapon_in_zone', start: '2025-03-02T06:10:00Z', lat: 48.64, lon: 38.54, severity: 'high', confidence: 0.95,
    evidence: ['rep-1', 'rep-2'], attributes: { weapon_class: 'mlrs', count: 2, withdrawal_km: 70, sources: ['uav:U-2', 'patrol:P-3'] },
  });
  await make('kherson', { rule: 'ceasefire.fire', start: '2025-03-01T04:00:00Z', lat: 46.75, lon: 32.9, severity: 'medium', confidence: 0.6,
    attributes: { kind: 'shelling', count: 4, side: 'ukraine', sources: ['acoustic:A-1'] } });
  await make('denmark', { rule: 'maritime.gap', start: '2025-02-28T10:00:00Z', end: '2025-02-28T22:00:00Z', lat: 57.9, lon: 11.2, severity: 'high', confidence: 0.8,
    entities: ['mmsi:273274000'], attributes: { hours: 12, distance_km: 140, likely_intentional: true, vessel_details: [{ mmsi: 273274000, name: 'EAGLE TEST', class: 'tanker' }] } });
  await make('black-sea', { rule: 'maritime.encounter', start: '2025-03-01T12:00:00Z', end: '2025-03-01T15:00:00Z', lat: 43.6, lon: 34.5, severity: 'high', confidence: 0.7,
    entities: ['mmsi:273274000', 'mmsi:636012345'],
    attributes: { hours: 3, min_distance_m: 110, vessel_details: [{ mmsi: 273274000, name: 'EAGLE TEST' }, { mmsi: 636012345, name: 'OCEAN TEST' }] } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  ws?.remove();
});

// The analyst's page, signed in once and brought back for each test to what signing in shows
// (browser.mjs, fresh): one analyst's session finding their way.
let kept;
const openDashboard = async () => (kept = kept ? await fresh(kept) : await signIn(browser, server, ws.keys.analyst));

const listIds = (page) => page.$$eval('#incident-list li', (items) => items.map((li) => li.dataset.id));

// Chooses an incident in the list and waits for its page and the end of the flight.
async function choose(page, id) {
  const before = await page.evaluate(() => Number(document.body.dataset.selectedShown ?? 0));
  await page.click(`#incident-list li[data-id="${id}"]`);
  await page.waitForFunction((n) => Number(document.body.dataset.selectedShown ?? 0) > n, before);
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.vigil.map;
    if (!map.isMoving()) resolve();
    else map.once('moveend', () => resolve());
  }));
}

const centre = (page) => page.evaluate(() => window.vigil.map.getCenter().toArray());
const near = ([lon, lat], [lon2, lat2]) => Math.abs(lon - lon2) < 0.05 && Math.abs(lat - lat2) < 0.05;

test('the list reads newest first, says what and where, and searches and sorts', async () => {
  const { page, errors } = await openDashboard();
  assert.deepEqual(await listIds(page), [ids.weapons, ids['black-sea'], ids.kherson, ids.denmark]);
  const first = await page.textContent(`#incident-list li[data-id="${ids.weapons}"]`);
  assert.match(first, /MLRS ×2 in the 70 km withdrawal zone/);
  assert.match(first, /Pervomaisk \(Luhansk\)/);
  assert.match(await page.getAttribute(`#incident-list li[data-id="${ids.weapons}"]`, 'title'), /by UAV and patrol$/);
  await page.fill('#list-form input[name=q]', 'eagle');
  await page.waitForFunction(() => document.querySelectorAll('#incident-list li').length === 2);
  assert.deepEqual(await listIds(page), [ids['black-sea'], ids.denmark]);
  assert.match(await page.textContent('#count'), /^2 of 4 incidents/);
  assert.equal(await page.evaluate(async () => (await window.vigil.map.getSource('incidents').getData()).features.length), 2, 'the map shows what the search kept');
  await page.fill('#list-form input[name=q]', '');
  await page.selectOption('#list-form select[name=sort]', 'confidence');
  await page.waitForFunction((id) => document.querySelector('#incident-list li')?.dataset.id === id, ids.weapons);
  assert.deepEqual(await listIds(page), [ids.weapons, ids.denmark, ids['black-sea'], ids.kherson]);
  await page.selectOption('#list-form select[name=sort]', 'oldest');
  assert.deepEqual(await listIds(page), [ids.denmark, ids.kherson, ids['black-sea'], ids.weapons]);
  await page.screenshot({ path: join(artifacts, 'navigation-list.png') });
  assert.deepEqual(errors, []);
});

test('choosing an incident flies the map to it, in Kherson, off Denmark and in the Black Sea', async () => {
  const { page, errors } = await openDashboard();
  for (const [name, point] of [['kherson', [32.9, 46.75]], ['denmark', [11.2, 57.9]], ['black-sea', [34.5, 43.6]]]) {
    await choose(page, ids[name]);
    // The map centres on the incident, or (an encounter) fits both vessels' tracks around it.
    if (name === 'black-sea') {
      const inView = await page.evaluate((p) => window.vigil.map.getBounds().contains(p), point);
      assert.ok(inView, `${name}: ${point} is in view`);
    } else {
      assert.ok(near(await centre(page), point), `${name}: the map is at ${await centre(page)}`);
    }
    const onScreen = await page.evaluate((id) => window.vigil.map.queryRenderedFeatures({ layers: ['selected'] }).some((f) => f.properties.id === id), ids[name]);
    assert.ok(onScreen, `${name}: the ring is drawn on screen`);
  }
  await page.screenshot({ path: join(artifacts, 'navigation-fly-to.png') });
  assert.deepEqual(errors, []);
});

test('a click on the map chooses the incident and scrolls the list; hovering says what it is', async () => {
  const { page, errors } = await openDashboard();
  // A short window, so the list must scroll to show the chosen incident.
  await page.setViewportSize({ width: 1400, height: 560 });
  await page.evaluate(() => new Promise((resolve) => { window.vigil.map.jumpTo({ center: [11.2, 57.9], zoom: 8 }); window.vigil.map.once('idle', () => resolve()); }));
  const point = await page.evaluate(() => { const p = window.vigil.map.project([11.2, 57.9]); const r = window.vigil.map.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; });
  await page.mouse.move(point[0], point[1]);
  await page.waitForSelector('.hover-summary');
  assert.match(await page.textContent('.hover-summary'), /EAGLE TEST silent 12 h over 140 km, likely on purpose/);
  const before = await page.evaluate(() => Number(document.body.dataset.selectedShown ?? 0));
  await page.mouse.click(point[0], point[1]);
  await page.waitForFunction((n) => Number(document.body.dataset.selectedShown ?? 0) > n, before);
  const item = page.locator(`#incident-list li[data-id="${ids.denmark}"]`);
  assert.match(await item.getAttribute('class'), /selected/);
  const visible = await item.evaluate((li) => {
    const list = li.closest('#incident-list').getBoundingClientRect();
    const box = li.getBoundingClientRect();
    return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
  });
  assert.ok(visible, 'the chosen row is scrolled into view');
  assert.deepEqual(errors, []);
});

test("evidence shows what each report said, by whom, with its media; 'show on map' and vessel links work", async () => {
  const { page, errors } = await openDashboard();
  await choose(page, ids.weapons);
  const evidence = await page.textContent('#detail .evidence');
  assert.match(evidence, /Two MLRS under camouflage nets/);
  assert.match(evidence, /by UAV \(uav:U-2\)/);
  assert.match(evidence, /Patrol saw two MLRS moving west/);
  assert.match(evidence, /Pervomaisk \(Luhansk\)/);
  assert.equal(await page.getAttribute('#detail .evidence a', 'href'), 'https://example.org/uav/u-2/0610.mp4');
  assert.match(await page.textContent('#detail h2'), /MLRS ×2 in the 70 km withdrawal zone/);
  assert.match(await page.textContent('#detail table'), /MLRS \(mlrs\)/);
  // Braced: jumpTo returns the map, which Playwright would serialise back whole.
  await page.evaluate(() => { window.vigil.map.jumpTo({ center: [30, 50], zoom: 5 }); });
  await page.click('#detail .evidence li:nth-child(2) button.show-on-map');
  await page.evaluate(() => new Promise((resolve) => { const map = window.vigil.map; if (!map.isMoving()) resolve(); else map.once('moveend', () => resolve()); }));
  assert.ok(near(await centre(page), [38.541, 48.641]));
  assert.ok((await page.evaluate(() => window.vigil.map.getZoom())) >= 12);
  await page.screenshot({ path: join(artifacts, 'navigation-evidence.png') });

  // The patrol that reported the weapons opens its page: not a declared sensor here, one report
  // that day, and the incident it reported.
  await reloads(page, 'sourceLoaded', () => page.click('#detail .evidence li:nth-child(2) button.source[data-source="patrol:P-3"]'));
  const source = await page.textContent('#detail-body');
  assert.match(source, /Patrol patrol:P-3/);
  assert.match(source, /not a declared sensor/);
  assert.match(source, /1 report in the 14 days to 2025-03-02: weapons 1\./);
  assert.match(source, /Incidents it reported on 2025-03-02 \(1\)/);
  assert.equal(await page.locator(`#detail-body button.incident-link[data-id="${ids.weapons}"]`).count(), 1);

  await choose(page, ids.denmark);
  const loaded = await page.evaluate(() => Number(document.body.dataset.vesselLoaded ?? 0));
  await page.click('#detail button.entity[data-mmsi="273274000"]');
  await page.waitForFunction((n) => Number(document.body.dataset.vesselLoaded ?? 0) > n, loaded);
  assert.match(await page.textContent('#detail-body'), /273274000/);
  assert.equal(await page.locator('#detail-body .evidence').count(), 0, 'the vessel page replaced the incident page');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
});

test('an encounter draws both vessels\' tracks around it, with times', async () => {
  const { page, errors } = await openDashboard();
  const shown = await page.evaluate(() => Number(document.body.dataset.tracksShown ?? 0));
  await choose(page, ids['black-sea']);
  await page.waitForFunction((n) => Number(document.body.dataset.tracksShown ?? 0) > n, shown);
  await page.evaluate(() => new Promise((resolve) => { const map = window.vigil.map; map.once('idle', () => resolve()); map.triggerRepaint(); }));
  const lines = await page.evaluate(() => window.vigil.map.queryRenderedFeatures({ layers: ['incident-tracks'] }).map((f) => f.properties.mmsi));
  assert.deepEqual([...new Set(lines)].sort(), ['273274000', '636012345']);
  const labels = await page.evaluate(async () => (await window.vigil.map.getSource('incident-tracks').getData()).features
    .filter((f) => f.properties.label).map((f) => `${f.properties.mmsi} ${f.properties.label}`));
  // Three hours either side (09:00 to the last position before 18:00), and the meeting: both
  // lay still from 12:00 to 15:00, so each has one label for it.
  assert.deepEqual(labels.sort(), ['273274000 12:00–15:00', '273274000 17:40', '273274000 EAGLE TEST 09:00',
    '636012345 12:00–15:00', '636012345 17:40', '636012345 OCEAN TEST 09:00']);
  const drawnLabels = await page.evaluate(() => window.vigil.map.queryRenderedFeatures({ layers: ['incident-track-times'] }).length);
  assert.ok(drawnLabels >= 4, `${drawnLabels} time labels drawn`);
  await page.screenshot({ path: join(artifacts, 'navigation-encounter.png') });
  assert.deepEqual(errors, []);
});

test('the list exports as it is filtered and searched: a GeoPackage and a KMZ that ogrinfo reads', async () => {
  const { page, errors } = await openDashboard();
  await page.fill('#list-form input[name=q]', 'eagle');
  await page.waitForFunction(() => document.querySelectorAll('#incident-list li').length === 2);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-download-'));
  try {
    for (const format of ['gpkg', 'kmz', 'csv']) {
      await page.selectOption('#export-form select[name=format]', format);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-form button[type=submit]')]);
      assert.equal(download.suggestedFilename(), `incidents.${format}`);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      assert.match(info, /Feature Count: 2/, format);
      assert.match(info, /^attr_vessel_details: /m, `${format} carries the attributes`);
    }
    assert.match(await page.textContent('#export-status'), /2 incidents in incidents\.csv/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
});
