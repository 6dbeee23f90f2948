// Browser tests of the dashboard: Debian's Chromium driven by playwright-core against a real
// `vigil serve` with the built dashboard. They check what the map renders (its rendered
// features, not the DOM), that filters change it, that an analyst's review reaches the list
// and the log, that observers never see unconfirmed incidents, and that new incidents
// arrive live. Screenshots go to web/test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launchBrowser, signIn, fresh, reloads, dist, artifacts } from './browser.mjs';
import { makeWorkspace, startServer, request, observationLines, vigil } from '../../tests/api/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let ws, server, browser;
const incidents = {};

before(async () => {
  ws = makeWorkspace();
  const commitments = (name) => join(here, '..', '..', 'data', 'commitments', name);
  vigil(['commitments', 'load', '-w', ws.ws, '-q', '--by', 'test',
    commitments('nato_defence_expenditure_pct_gdp_2014_2024e.csv'), commitments('kiel_ust_country_summary_usd_bn.csv')]);
  server = await startServer(ws.ws, ['--web', dist]);
  const post = (path, key, body) => request(server, { method: 'POST', path, key, body: typeof body === 'string' ? body : JSON.stringify(body) });
  assert.equal((await post('/api/v1/observations', ws.keys.monitor, observationLines(20))).status, 201);
  const evidence = (await request(server, { path: '/api/v1/observations?limit=3', key: ws.keys.analyst })).json.features.map((f) => f.id);
  const make = async (name, rule, lat, lon, confidence) => {
    const res = await post('/api/v1/incidents', ws.keys.analyst, {
      rule, start: '2025-03-01T06:00:00Z', lat, lon, confidence, evidence, note: `${name}: two reports agree` });
    assert.equal(res.status, 201, res.body);
    incidents[name] = res.json.id;
  };
  await make('fire-a', 'ceasefire.fire', 48.0, 37.8, 0.9);
  await make('fire-b', 'ceasefire.fire', 48.3, 38.1, 0.7);
  await make('crossing', 'ceasefire.crossing', 47.8, 37.4, 0.6);
  await make('zone', 'ceasefire.weapon_in_zone', 48.5, 37.6, 0.95);
  const confirm = await post(`/api/v1/incidents/${incidents['fire-a']}/reviews`, ws.keys.analyst, { status: 'confirmed', note: 'UAV footage' });
  assert.equal(confirm.status, 201);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  ws?.remove();
});

// A signed-in page whose map has loaded and rendered; console errors are collected. Each
// role's page is signed in once and kept for the next test, brought back to what signing in
// shows (browser.mjs, fresh): the tests read as one analyst's and one observer's session.
const kept = new Map();
async function openDashboard(key) {
  const opened = kept.has(key) ? await fresh(kept.get(key)) : await signIn(browser, server, key, { responses: true });
  kept.set(key, opened);
  await settle(opened.page);
  return opened;
}

// Waits until the map has drawn what it was given.
async function settle(page) {
  await page.waitForFunction(() => document.body.dataset.loading === 'false', null, { timeout: 20_000 });
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.vigil.map;
    map.triggerRepaint();
    // Resolved with nothing: MapLibre's event holds the map, which Playwright would serialise
    // back to node whole (ten seconds a call).
    map.once('idle', () => resolve());
  }));
}

const rendered = (page) => page.evaluate(() =>
  window.vigil.map.queryRenderedFeatures({ layers: ['incidents'] }).map((f) => ({ id: f.properties.id, rule: f.properties.rule, status: f.properties.status })));

test('the map loads without console errors and renders every incident it lists', async () => {
  const { page, errors } = await openDashboard(ws.keys.analyst);
  const features = await rendered(page);
  const ids = new Set(features.map((f) => f.id));
  assert.deepEqual([...ids].sort(), Object.values(incidents).sort());
  assert.equal(await page.locator('#incident-list li').count(), 4);
  assert.match(await page.textContent('#count'), /^4 incidents/);
  // Each row says where, in words (the gazetteer): fire-a lies in Donetsk, fire-b 5 km SE of
  // Horlivka.
  const place = (name) => page.textContent(`#incident-list li[data-id="${incidents[name]}"] .place`);
  assert.equal(await place('fire-a'), 'in Donetsk (Donetsk)');
  assert.equal(await place('fire-b'), '5 km SE of Horlivka (Donetsk)');
  const land = await page.evaluate(() => window.vigil.map.queryRenderedFeatures({ layers: ['land'] }).length);
  assert.ok(land > 0, 'the offline basemap draws land');
  await page.screenshot({ path: join(artifacts, 'dashboard-analyst.png') });
  assert.deepEqual(errors, []);
});

test('filtering by rule and confidence changes what the map shows', async () => {
  const { page, errors } = await openDashboard(ws.keys.analyst);
  await reloads(page, 'loaded', () => page.selectOption('#filters select[name=rule]', 'ceasefire.fire'));
  await settle(page);
  let features = await rendered(page);
  assert.deepEqual([...new Set(features.map((f) => f.rule))], ['ceasefire.fire']);
  assert.equal(new Set(features.map((f) => f.id)).size, 2);
  await reloads(page, 'loaded', () => page.selectOption('#filters select[name=rule]', ''));
  await reloads(page, 'loaded', () => page.$eval('#filters input[name=min_confidence]', (input) => {
    input.value = '0.8';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }));
  await settle(page);
  features = await rendered(page);
  assert.deepEqual([...new Set(features.map((f) => f.id))].sort(), [incidents['fire-a'], incidents.zone].sort());
  await reloads(page, 'loaded', () => page.uncheck('#filters input[value=confirmed]'));
  await settle(page);
  features = await rendered(page);
  assert.deepEqual([...new Set(features.map((f) => f.id))], [incidents.zone]);
  await page.screenshot({ path: join(artifacts, 'dashboard-filtered.png') });
  assert.deepEqual(errors, []);
});

test("an analyst's review shows in the list and in the log", async () => {
  const { page, errors } = await openDashboard(ws.keys.analyst);
  const id = incidents['fire-b'];
  await page.click(`#incident-list li[data-id="${id}"]`);
  await page.waitForSelector('#review-form');
  assert.match(await page.textContent('#detail-body'), /fire-b: two reports agree/);
  assert.match(await page.textContent('#detail-body'), /log record/);
  await page.fill('#review-form textarea', 'confirmed by the camera at the bridge');
  await page.click('#review-form button[value=confirmed]');
  await page.waitForFunction((incident) => document.querySelector(`#incident-list li[data-id="${incident}"]`)?.classList.contains('confirmed'), id);
  await page.waitForFunction(() => document.querySelector('#detail-body .reviews')?.textContent.includes('camera at the bridge'));
  await settle(page);
  const features = await rendered(page);
  assert.equal(features.find((f) => f.id === id)?.status, 'confirmed');
  await page.screenshot({ path: join(artifacts, 'dashboard-review.png') });
  // In the signed log, by this key.
  const shown = JSON.parse(vigil(['incidents', 'show', '-w', ws.ws, id]));
  const review = shown.reviews.at(-1);
  assert.equal(review.status, 'confirmed');
  assert.equal(review.note, 'confirmed by the camera at the bridge');
  assert.match(review.by, /^analyst one \(key /);
  vigil(['verify', '-w', ws.ws]);
  assert.deepEqual(errors, []);
});

test('an observer sees confirmed incidents only, and cannot review', async () => {
  const { page, errors } = await openDashboard(ws.keys.observer);
  const features = await rendered(page);
  const ids = [...new Set(features.map((f) => f.id))].sort();
  assert.deepEqual(ids, [incidents['fire-a'], incidents['fire-b']].sort());
  assert.ok(features.every((f) => f.status === 'confirmed'));
  await page.click(`#incident-list li[data-id="${incidents['fire-a']}"]`);
  await page.waitForFunction(() => document.querySelector('#detail-body h2'));
  assert.equal(await page.locator('#review-form').count(), 0);
  await page.screenshot({ path: join(artifacts, 'dashboard-observer.png') });
  assert.deepEqual(errors, []);
});

test('the line of contact and the zones in force on the chosen date are drawn', async () => {
  const data = join(here, '..', '..', 'data');
  vigil(['line', 'import', '-w', ws.ws, '--name', 'donbas', '--valid-from', '2025-02-20',
    '--from-control', join(data, 'frontline', 'deepstatemap_data_20250220.geojson'),
    '--within', join(data, 'boundaries', 'ua_oblasts_osm.geojson')]);
  vigil(['zones', 'build', '-w', ws.ws, '--settlement', join(here, '..', '..', 'examples', 'settlements', 'minsk2.json')]);
  // The observer's page was open: the new line and settlement reach it by its event stream.
  const { page, errors } = await openDashboard(ws.keys.observer);
  await page.waitForFunction(() => /donbas, valid from/.test(document.querySelector('#line-info').textContent)
    && window.vigil.map.queryRenderedFeatures({ layers: ['zones'] }).length > 0, null, { timeout: 60_000 });
  await settle(page);
  const drawn = (layer) => page.evaluate((l) => window.vigil.map.queryRenderedFeatures({ layers: [l] }).length, layer);
  assert.ok(await drawn('line') > 0, 'the line is drawn');
  assert.ok(await drawn('zones') > 0, 'the security zone is drawn');
  assert.ok(await drawn('sectors') > 0, 'the sectors are drawn');
  assert.equal(await page.locator('#line-form input[name=coverage]').isVisible(), false, 'coverage is for analysts');
  assert.match(await page.textContent('#line-info'), /donbas, valid from 2025-02-20/);
  // The legend says what is drawn, in the report map's colours: the observer's two confirmed
  // incidents (one confirmed above, one by the review test), the line, both parties' security
  // zones and Minsk II's disengagement areas.
  const legend = await page.$$eval('#legend li', (items) => items.map((li) => li.textContent.trim().replace(/\s+/g, ' ')));
  assert.deepEqual(legend, ['fire in a security zone 2', 'line of contact', 'area the line encloses',
    'security zone, ukraine side', 'security zone, russia side', 'disengagement area']);
  await page.screenshot({ path: join(artifacts, 'dashboard-line.png') });
  // Before the line's first version there is none to draw.
  await reloads(page, 'lineLoaded', async () => {
    await page.fill('#line-form input[name=line_date]', '2024-01-01');
    await page.dispatchEvent('#line-form input[name=line_date]', 'change');
  });
  await settle(page);
  assert.equal(await drawn('line'), 0);
  assert.match(await page.textContent('#line-info'), /no version valid on 2024-01-01/);
  // The one 404 expected: the line asked for on a date before its first version.
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  assert.ok(errors.filter((e) => /^404 /.test(e)).every((e) => e.includes('/api/v1/lines/donbas?date=2024-01-01')), errors.join());
});

test('an analyst sees the stretches of line nobody watched on a day', async () => {
  const day = join(ws.dir, 'monitoring');
  vigil(['simulate', 'ceasefire', '-w', ws.ws, '--seed', '1', '--out', day]);
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', join(day, 'observations.jsonl')]);
  vigil(['sensors', 'declare', '-w', ws.ws, '--by', 'test', join(day, 'sensors.json')]);
  const { page, errors } = await openDashboard(ws.keys.analyst);
  await page.waitForFunction(() => /donbas, valid from/.test(document.querySelector('#line-info').textContent), null, { timeout: 60_000 });
  await page.fill('#line-form input[name=line_date]', '2025-02-21');
  await page.check('#line-form input[name=coverage]');
  await page.waitForFunction(() => /km watched/.test(document.querySelector('#line-info').textContent), null, { timeout: 60_000 });
  await settle(page);
  const drawn = (layer) => page.evaluate((l) => window.vigil.map.queryRenderedFeatures({ layers: [l] }).length, layer);
  assert.ok(await drawn('coverage-gaps') > 0, 'the unwatched stretches are drawn');
  assert.ok(await page.locator('#legend li[data-layer=unobserved]').isVisible(), 'the legend names them');
  const coverage = JSON.parse(vigil(['coverage', '-w', ws.ws, '--date', '2025-02-21', '--format', 'json']));
  assert.match(await page.textContent('#line-info'), new RegExp(`${coverage.observed_km.toFixed(0)} of ${coverage.line_km.toFixed(0)} km watched`));
  // The coverage panel: each sector's watched kilometres as the CLI counts them, and the
  // sensors' footprints on the map (cameras' fields of view, patrols' and UAVs' tracks).
  for (const [name, s] of Object.entries(coverage.sectors)) {
    const row = await page.textContent(`#coverage-panel tr[data-sector="${name}"]`);
    assert.match(row, new RegExp(`${s.observed_km.toFixed(0)} / ${s.line_km.toFixed(0)} km`), name);
  }
  assert.ok(await drawn('footprint-areas') > 0, 'cameras\' fields of view are drawn');
  assert.ok(await drawn('footprint-tracks') > 0, 'patrol and UAV tracks are drawn');
  await page.screenshot({ path: join(artifacts, 'dashboard-coverage.png') });
  await page.uncheck('#line-form input[name=coverage]');

  // A patrol named in an incident's sources opens its page: its declaration, its day, the day's
  // track on the map and the incidents it reported, each of which opens again.
  const patrol = JSON.parse(readFileSync(join(day, 'sensors.json'), 'utf8')).patrols[0].entity;
  const added = await request(server, { method: 'POST', path: '/api/v1/incidents', key: ws.keys.analyst, body: JSON.stringify({
    rule: 'ceasefire.fire', start: '2025-02-21T10:00:00Z', lat: 48.2, lon: 37.7, note: 'reported by a patrol', attributes: { kind: 'explosion', sources: [patrol] } }) });
  assert.equal(added.status, 201, added.body);
  const reported = { id: added.json.id };
  const api = (await request(server, { path: `/api/v1/sources/${encodeURIComponent(patrol)}?date=2025-02-21`, key: ws.keys.analyst })).json;
  await page.fill('#filters input[name=from]', '2025-02-21');
  await page.fill('#filters input[name=to]', '2025-02-21');
  await page.fill('#list-form input[name=q]', reported.id);
  await page.waitForSelector(`#incident-list li[data-id="${reported.id}"]`, { timeout: 30_000 });
  await page.click(`#incident-list li[data-id="${reported.id}"]`);
  await page.waitForSelector(`#detail-body button.source[data-source="${patrol}"]`);
  await reloads(page, 'sourceLoaded', () => page.locator(`#detail-body button.source[data-source="${patrol}"]`).first().click());
  const text = await page.textContent('#detail-body');
  assert.match(text, new RegExp(`Patrol ${patrol}`));
  assert.match(text, /patrol seeing \d+(\.\d+)? km either side of its track/);
  assert.match(text, new RegExp(`${api.observations} reports? in the 14 days to 2025-02-21`));
  assert.match(text, new RegExp(`Incidents it reported on 2025-02-21 \\(${api.incident_count}\\)`));
  assert.equal(await page.locator('#detail-body svg.activity rect').count(), 14);
  await settle(page);
  assert.ok(await drawn('source-footprint-track') > 0, "the patrol's track of the day is drawn");
  await page.screenshot({ path: join(artifacts, 'dashboard-source.png') });
  await page.locator(`#detail-body button.incident-link[data-id="${reported.id}"]`).click();
  await page.waitForFunction((id) => [...document.querySelectorAll('#detail-body td code')].some((c) => c.textContent === id), reported.id);
  assert.equal(await drawn('source-footprint-track'), 0, 'the track goes with the page');
  assert.deepEqual(errors, []);
});

test('an analyst publishes the day\'s report; an observer sees it arrive and reads it as published', async () => {
  const observer = await openDashboard(ws.keys.observer);
  await reloads(observer.page, 'publishedLoaded', () => observer.page.click('#tabs button[data-tab=report]'));
  assert.equal(await observer.page.locator('#report-form').isVisible(), false, 'observers cannot publish');
  assert.match(await observer.page.textContent('#published-list'), /Nothing published yet/);

  const { page, errors } = await openDashboard(ws.keys.analyst);
  await page.click('#tabs button[data-tab=report]');
  await page.fill('#report-form input[name=date]', '2025-02-21');
  await page.click('#report-form button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.reportShown === 'draft:2025-02-21', null, { timeout: 30_000 });
  await page.fill('#report-form input[name=note]', 'first edition');
  await page.click('#publish');
  await page.waitForFunction(() => /^published:/.test(document.body.dataset.reportShown ?? ''), null, { timeout: 30_000 });
  assert.match(await page.textContent('#report-status'), /published as number \d+, log record \d+/);
  const frame = page.frameLocator('#report-frame');
  assert.match(await frame.locator('h1').first().textContent(), /daily report of 2025-02-21/);
  await page.screenshot({ path: join(artifacts, 'dashboard-report.png') });
  assert.deepEqual(errors, []);

  // The observer's list updates live; the publication opens as it was frozen. (The observer is
  // another user at another screen: the page is in front.)
  await observer.page.bringToFront();
  await observer.page.waitForFunction(() => document.querySelectorAll('#published-list li[data-id]').length === 1, null, { timeout: 10_000 });
  assert.match(await observer.page.textContent('#published-list'), /2025-02-21.*first edition/s);
  assert.doesNotMatch(await observer.page.textContent('#published-list'), / by /, 'observers are not told who published');
  await observer.page.click('#published-list li[data-id]');
  await observer.page.waitForFunction(() => /^published:/.test(document.body.dataset.reportShown ?? ''));
  assert.match(await observer.page.frameLocator('#report-frame').locator('h1').first().textContent(), /daily report of 2025-02-21/);
  // The publication as PDF, drawn from what was frozen.
  const [download] = await Promise.all([observer.page.waitForEvent('download'), observer.page.click('#report-pdf')]);
  assert.equal(download.suggestedFilename(), 'vigil-report-2025-02-21.pdf');
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(execFileSync('pdftotext', ['-l', '1', '-', '-'], { input: pdf }).toString(), /daily report of 2025-02-21/);
  assert.match(await observer.page.textContent('#report-status'), /saved as vigil-report-2025-02-21\.pdf/);
  assert.deepEqual(observer.errors, []);
});

test('an observer reads the commitments: the latest year\'s chart and tables, and 2014 on request', async () => {
  const { page, errors } = await openDashboard(ws.keys.observer);
  await page.click('#tabs button[data-tab=commitments]');
  await page.waitForFunction(() => document.body.dataset.commitmentsShown === '2024', null, { timeout: 20_000 });
  const frame = page.frameLocator('#commitments-frame');
  assert.match(await frame.locator('h1').textContent(), /Defence spending and support to Ukraine, 2024/);
  // One bar per ally (31 in NATO's 2024 table), Poland's first: the highest share.
  assert.equal(await frame.locator('svg g rect').count(), 31);
  assert.match(await frame.locator('svg g title').first().textContent(), /^Poland: 3\.79 % of GDP in 2024/);
  assert.match(await frame.locator('body > p').first().textContent(), /Of 31 allies .* 18 spend at least 2 % .* 1 at least 3\.5 % and 0 at least 5 %/);
  assert.doesNotMatch(await frame.locator('body').textContent(), / by test/, 'observers are not told who loaded');
  assert.match(await page.textContent('#commitments-status'), /31 allies, 41 donors/);
  await page.screenshot({ path: join(artifacts, 'dashboard-commitments.png') });
  await page.selectOption('#commitments-form select[name=year]', '2014');
  await page.waitForFunction(() => document.body.dataset.commitmentsShown === '2014');
  assert.match(await frame.locator('body > p').first().textContent(), /Of 31 allies with a figure for 2014, 3 spend at least 2 %/);
  assert.equal(await page.getAttribute('#commitments-csv', 'download'), 'commitments-2014.csv');
  assert.deepEqual(errors, []);
});

test("an analyst finds a listed vessel: its page explains the match and its track is drawn", async () => {
  const data = join(here, '..', '..', 'data');
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', join(data, 'ais', 'dma_aislib_stream_example.txt')]);
  vigil(['lists', 'load', '-w', ws.ws, '-q', '--by', 'test', join(data, 'sanctions', 'eu_annex_xlii_designated_vessels_20251023.csv')]);
  const { page, errors } = await openDashboard(ws.keys.analyst);
  await reloads(page, 'vesselsLoaded', () => page.click('#tabs button[data-tab=vessels]'));
  // The risk ranking lists NS LOTUS (IMO 9339337, on the EU list) with its score.
  assert.ok(await page.locator('#vessel-list li[data-mmsi="636013275"] .score').count() === 1);
  await page.fill('#vessel-form input[name=name]', 'lotus');
  await reloads(page, 'vesselsLoaded', () => page.click('#vessel-form button[type=submit]'));
  assert.equal(await page.locator('#vessel-list li').count(), 1);
  await reloads(page, 'vesselLoaded', () => page.click('#vessel-list li[data-mmsi="636013275"]'));
  const text = await page.textContent('#detail-body');
  assert.match(text, /NS LOTUS/);
  assert.match(text, /IMO 9339337 broadcast by MMSI 636013275 .* is listed by eu/);
  assert.match(text, /Risk score \d+/);
  await settle(page);
  const drawn = (layer) => page.evaluate((l) => window.vigil.map.queryRenderedFeatures({ layers: [l] }).length, layer);
  assert.ok(await drawn('vessel-track') > 0, 'the track is drawn');
  assert.ok(await drawn('vessel-positions') > 1, 'its positions are drawn');
  await page.screenshot({ path: join(artifacts, 'dashboard-vessel.png') });
  assert.deepEqual(errors, []);
  // Observers have no vessels tab.
  const observer = await openDashboard(ws.keys.observer);
  assert.equal(await observer.page.locator('#tabs button[data-tab=vessels]').isVisible(), false);
});

test('an analyst shows the observations in view and the listed vessels where last heard', async () => {
  const { page, errors } = await openDashboard(ws.keys.analyst);
  const drawn = (layer) => page.evaluate((l) => window.vigil.map.queryRenderedFeatures({ layers: [l] }).length, layer);
  assert.equal(await drawn('observations'), 0);
  // Each change of the layers reloads them: wait for the reload after it.
  const loads = () => page.evaluate(() => Number(document.body.dataset.layersLoaded ?? 0));
  const changed = async (action) => {
    const before = await loads();
    await action();
    await page.waitForFunction((n) => Number(document.body.dataset.layersLoaded ?? 0) > n, before, { timeout: 30_000 });
  };
  await changed(() => page.check('#layers-form input[name=observations]'));
  await settle(page);
  assert.ok(await drawn('observations') > 0, 'observations are drawn');
  const shownCount = Number((await page.textContent('#layers-info')).match(/(\d+)(\+?) .*observations/)[1]);
  // The same observations as a flat CSV, one row each.
  await page.selectOption('#layers-form select[name=observationsFormat]', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-observations')]);
  assert.equal(download.suggestedFilename(), 'observations.csv');
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.ok(rows[0].includes('source') && rows[0].includes('kind'), rows[0]);
  assert.ok(rows.length - 1 >= shownCount && shownCount > 0, `${rows.length - 1} rows for ${shownCount} drawn`);
  await changed(() => page.uncheck('#layers-form input[name=observations]'));
  await settle(page);
  assert.equal(await drawn('observations'), 0);

  await changed(() => page.check('#layers-form input[name=listed]'));
  const listed = (await request(server, { path: '/api/v1/screening?format=geojson', key: ws.keys.analyst })).json.features;
  const lotus = listed.find((f) => f.properties.mmsi === 636013275);
  assert.ok(lotus, 'NS LOTUS is listed and was heard');
  assert.deepEqual(lotus.properties.lists, ['eu']);
  // Braced, so that nothing comes back: jumpTo returns the map, which Playwright would
  // serialise back to node whole (eight seconds).
  await page.evaluate((c) => { window.vigil.map.jumpTo({ center: c, zoom: 8 }); }, lotus.geometry.coordinates);
  await settle(page);
  assert.ok(await drawn('listed-vessels') >= 1, 'the listed vessel is drawn');
  // Clicking it opens its vessel page.
  const point = await page.evaluate((c) => window.vigil.map.project(c), lotus.geometry.coordinates);
  const box = await page.locator('#map').boundingBox();
  await reloads(page, 'vesselLoaded', () => page.mouse.click(box.x + point.x, box.y + point.y));
  assert.match(await page.textContent('#detail-body'), /NS LOTUS/);
  await page.screenshot({ path: join(artifacts, 'dashboard-layers.png') });
  assert.deepEqual(errors, []);
});

test('a new incident appears on the map live', async () => {
  const { page, errors } = await openDashboard(ws.keys.analyst);
  await page.waitForFunction(() => window.vigil.state.live === true);
  const res = await request(server, { method: 'POST', path: '/api/v1/incidents', key: ws.keys.admin,
    body: JSON.stringify({ rule: 'ceasefire.fire', start: '2025-03-01T09:00:00Z', lat: 48.1, lon: 37.9, note: 'live one' }) });
  assert.equal(res.status, 201);
  await page.waitForFunction((id) => document.querySelector(`#incident-list li[data-id="${id}"]`), res.json.id, { timeout: 5000 });
  await settle(page);
  assert.ok((await rendered(page)).some((f) => f.id === res.json.id));
  assert.deepEqual(errors, []);
});
