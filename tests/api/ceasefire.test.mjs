// The line of contact's side of the API: line versions by date, the settlement's zones, the
// line cut into its sectors, coverage by the declared sensors, and the daily report, on the
// repository's DeepStateMap line, the Minsk II settlement and a simulated day of monitoring.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { makeWorkspace, startServer, request, readEvents, vigil, sql, BACKEND } from './support.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

// A PDF's text as poppler's pdftotext reads it.
const pdfText = (bytes) => execFileSync('pdftotext', ['-raw', '-', '-'], { input: bytes }).toString('utf8');

// The Donbas line, the Minsk II zones and a simulated day of monitoring with its sensors.
function monitoredLine(ws) {
  vigil(['line', 'import', '-w', ws.ws, '--name', 'donbas', '--by', 'test', '--valid-from', '2025-02-20',
    '--from-control', repo('data/frontline/deepstatemap_data_20250220.geojson'),
    '--within', repo('data/boundaries/ua_oblasts_osm.geojson')]);
  vigil(['zones', 'build', '-w', ws.ws, '--by', 'test', '--settlement', repo('examples/settlements/minsk2.json')]);
  const day = join(ws.dir, 'monitoring');
  vigil(['simulate', 'ceasefire', '-w', ws.ws, '--seed', '1', '--out', day]);
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', join(day, 'observations.jsonl')]);
  vigil(['sensors', 'declare', '-w', ws.ws, '--by', 'test', join(day, 'sensors.json')]);
}

let ws, server;
before(async () => {
  ws = makeWorkspace();
  monitoredLine(ws);
  vigil(['detect', '-w', ws.ws, '--by', 'test']);
  server = await startServer(ws.ws);
});
after(async () => {
  await server.stop();
  ws.remove();
});

const get = (path, key = ws.keys.analyst) => request(server, { path, key });

test('the line by date, and nothing before its first version', async () => {
  const versions = (await get('/api/v1/lines')).json.versions;
  assert.deepEqual(versions.map((v) => [v.name, v.valid_from]), [['donbas', '2025-02-20']]);
  const line = await get('/api/v1/lines/donbas?date=2025-03-01');
  assert.equal(line.status, 200);
  assert.ok(line.json.features.some((f) => f.properties.role === 'line'));
  const before = await get('/api/v1/lines/donbas?date=2025-01-01');
  assert.equal(before.status, 404);
  assert.equal((await get('/api/v1/lines/donbas?date=20250101')).json.error.field, 'date');
});

test('the sectors cut the whole line, each once, and observers may see them', async () => {
  const res = await get('/api/v1/sectors', ws.keys.observer);
  assert.equal(res.status, 200, res.body);
  const sectors = res.json.features;
  assert.ok(sectors.length >= 3, `${sectors.length} sectors`);
  const names = sectors.map((f) => f.properties.sector);
  assert.equal(new Set(names).size, names.length, 'each sector once');
  assert.ok(names.includes('Donetsk Oblast'), names.join());
  for (const f of sectors) {
    assert.equal(f.geometry.type, 'MultiLineString');
    assert.ok(f.geometry.coordinates.every((stretch) => stretch.length >= 2));
  }
  const total = sectors.reduce((sum, f) => sum + f.properties.length_km, 0);
  const length = (await get('/api/v1/lines')).json.versions[0].length_km;
  assert.ok(Math.abs(total - length) / length < 0.01, `sectors ${total} km, line ${length} km`);
  assert.equal((await get('/api/v1/sectors?date=2024-01-01')).status, 404);
});

test("coverage: what the declared sensors watched, per sector, and the stretches they did not", async () => {
  const res = await get('/api/v1/coverage?date=2025-02-21');
  assert.equal(res.status, 200, res.body);
  const c = res.json;
  assert.ok(c.observed_km > 0 && c.observed_km <= c.line_km, `${c.observed_km} of ${c.line_km}`);
  const perSector = Object.values(c.sectors).reduce((sum, s) => sum + s.line_km, 0);
  assert.ok(Math.abs(perSector - c.line_km) < 0.5, `${perSector} vs ${c.line_km}`);
  assert.equal(c.unobserved.type, 'FeatureCollection');
  for (const gap of c.unobserved.features) assert.ok(gap.properties.length_km >= 1);
  assert.equal(c.unobserved_line.geometry.type, 'MultiLineString');
  // What the command line says for the same day.
  const cli = JSON.parse(vigil(['coverage', '-w', ws.ws, '--date', '2025-02-21', '--format', 'json']));
  assert.ok(Math.abs(cli.observed_km - c.observed_km) < 1e-6);
  const half = (await get('/api/v1/coverage?date=2025-02-21&hours=1')).json;
  assert.ok(half.observed_km <= c.observed_km);
  assert.equal((await get('/api/v1/coverage')).json.error.field, 'date');
  assert.equal((await get('/api/v1/coverage?date=2025-02-21&hours=0')).json.error.field, 'hours');
  assert.equal((await get('/api/v1/coverage?date=2025-02-21', ws.keys.observer)).status, 403);
});

test("a source's page: its declaration, what it reported by day, its footprint and the incidents it reported", async () => {
  const sensors = JSON.parse(readFileSync(join(ws.dir, 'monitoring', 'sensors.json'), 'utf8'));
  const reported = readFileSync(join(ws.dir, 'monitoring', 'observations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const date = reported[0].time.slice(0, 10);
  const day = (await get(`/api/v1/incidents?from=${date}T00:00:00Z&to=${date}T23:59:59Z&limit=5000`)).json.features;
  let incidents = 0;
  for (const [source, kind] of [[sensors.patrols[0].entity, 'patrol'], [sensors.cameras[0].id, 'camera'], [sensors.uav_flights[0].entity, 'uav']]) {
    const page = await get(`/api/v1/sources/${encodeURIComponent(source)}?date=${date}`);
    assert.equal(page.status, 200, page.body);
    assert.equal(page.json.source, source);
    assert.equal(page.json.declared.kind, kind);
    const mine = reported.filter((o) => o.source === source && o.time.startsWith(date));
    const count = (list) => list.reduce((n, a) => n + a.count, 0);
    assert.equal(count(page.json.activity.filter((a) => a.date === date)), mine.length, `${source}: every report of the day`);
    for (const f of page.json.footprint.features) assert.equal(f.properties.sensor, source);
    assert.ok(page.json.footprint.features.length >= 1, `${source} has a footprint`);
    const expected = day.filter((f) => (f.properties.attributes?.sources ?? []).includes(source)).map((f) => f.properties.id).sort();
    assert.deepEqual(page.json.incidents.map((i) => i.id).sort(), expected, `${source}: the incidents it reported`);
    assert.equal(page.json.incident_count, expected.length);
    incidents += expected.length;
    for (const i of page.json.incidents) assert.match(i.place ?? '', / of |^in /);
  }
  assert.ok(incidents > 0, 'the sources reported incidents');
  assert.equal((await get('/api/v1/sources/patrol%3Anobody')).status, 404);
  assert.equal((await get('/api/v1/sources/nobody')).status, 404);
  assert.equal((await get(`/api/v1/sources/${encodeURIComponent(sensors.patrols[0].entity)}?days=100`)).json.error.field, 'days');
  assert.equal((await get(`/api/v1/sources/${encodeURIComponent(sensors.patrols[0].entity)}`, ws.keys.observer)).status, 403);
});

test('the daily report in three formats', async () => {
  const md = await get('/api/v1/reports/daily?date=2025-02-21&format=md');
  assert.equal(md.status, 200);
  assert.match(md.body, /daily report of 2025-02-21/);
  const svg = await get('/api/v1/reports/daily?date=2025-02-21&format=svg');
  assert.match(svg.headers['content-type'], /image\/svg\+xml/);
  assert.match(svg.body, /^<svg|<\?xml/);
  const html = await get('/api/v1/reports/daily?date=2025-02-21');
  assert.match(html.body, /<html/i);
  const pdf = await get('/api/v1/reports/daily?date=2025-02-21&format=pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(pdf.headers['content-disposition'], /filename="vigil-report-2025-02-21\.pdf"/);
  assert.match(pdfText(pdf.bytes), /daily report of 2025-02-21[\s\S]*Ceasefire violations per sector/);
  assert.equal((await get('/api/v1/reports/daily?date=2025-02-21&format=docx')).json.error.field, 'format');
  assert.equal((await get('/api/v1/reports/daily?date=2025-02-21', ws.keys.observer)).status, 403);
});

test('a published report is frozen: observers read it as published, whatever is reviewed later', async () => {
  const post = (path, body, key = ws.keys.analyst) => request(server, { method: 'POST', path, key, body: JSON.stringify(body) });
  const head = (await get('/api/v1/status')).json.log_head.seq;
  // Publishing gathers and renders the report: seconds, more under sanitizers.
  const observerEvents = readEvents(server, { key: ws.keys.observer, since: head, count: 1, timeoutMs: 120_000 });
  assert.equal(await observerEvents.ready, 200);
  assert.equal((await get('/api/v1/reports/published', ws.keys.observer)).json.reports.length, 0);

  const live = (await get('/api/v1/reports/daily?date=2025-02-21&format=md')).body;
  const published = await post('/api/v1/reports/published', { date: '2025-02-21', note: 'for the parties' });
  assert.equal(published.status, 201, published.body);
  const { id } = published.json;
  assert.equal(published.json.date, '2025-02-21');
  assert.equal(published.json.log_seq, head + 1);
  assert.match(published.json.published_by, /^analyst one \(key /);

  // What observers read is the report as it stood, its map linked beside it.
  const list = (await get('/api/v1/reports/published', ws.keys.observer)).json.reports;
  assert.deepEqual(list.map((r) => [r.id, r.date, r.note]), [[id, '2025-02-21', 'for the parties']]);
  assert.equal(list[0].published_by, undefined, 'observers are not told who published');
  const md = await get(`/api/v1/reports/published/${id}?format=md`, ws.keys.observer);
  assert.equal(md.status, 200);
  assert.equal(md.body, live.replace('(?date=2025-02-21&format=svg)', '(?format=svg)'), 'the live report of that moment');
  assert.match(md.body, /\(\?format=svg\)/);
  assert.match((await get(`/api/v1/reports/published/${id}?format=svg`, ws.keys.observer)).body, /^<svg|<\?xml/);
  assert.match((await get(`/api/v1/reports/published/${id}`, ws.keys.observer)).body, /<html/i);
  // The publication's PDF is drawn from the frozen Markdown and map: the same bytes each time,
  // dated when it was published, saying what the Markdown says.
  const pdf = await get(`/api/v1/reports/published/${id}?format=pdf`, ws.keys.observer);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.deepEqual((await get(`/api/v1/reports/published/${id}?format=pdf`, ws.keys.observer)).bytes, pdf.bytes);
  const printed = pdfText(pdf.bytes).replace(/\s+/g, ' ');
  for (const heading of md.body.match(/^## .*$/gm)) assert.ok(printed.includes(heading.slice(3)), heading);
  const printedByCli = join(ws.dir, 'published.pdf');
  vigil(['report', 'published', '-w', ws.ws, String(id), '--format', 'pdf', '-o', printedByCli]);
  assert.ok(readFileSync(printedByCli).equals(pdf.bytes), 'the CLI draws the same PDF');
  const got = await observerEvents.done;
  const [event] = got.events;
  assert.equal(event.event, 'report');
  assert.deepEqual(event.data, { id, date: '2025-02-21', note: 'for the parties', log_seq: head + 1 });

  // A review changes the live report, not the published one.
  const day = (await get('/api/v1/incidents?from=2025-02-21&to=2025-02-22&rule=ceasefire.fire')).json.features;
  assert.ok(day.length > 0);
  const review = await post(`/api/v1/incidents/${day[0].id}/reviews`, { status: 'dismissed', note: 'a training range' });
  assert.equal(review.status, 201, review.body);
  const after = (await get('/api/v1/reports/daily?date=2025-02-21&format=md')).body;
  assert.notEqual(after, live);
  assert.equal((await get(`/api/v1/reports/published/${id}?format=md`, ws.keys.observer)).body, md.body);
  const verified = (await get('/api/v1/log/verify', ws.keys.observer)).json;
  assert.equal(verified.ok, true);
  assert.equal(verified.published_reports, 1);
  assert.match(vigil(['report', 'published', '-w', ws.ws, '--format', 'jsonl']), /"note":"for the parties"/);
  assert.equal(vigil(['report', 'published', '-w', ws.ws, String(id)]), md.body);

  // Bad requests name what is wrong; unknown publications are 404.
  assert.equal((await post('/api/v1/reports/published', { date: '2025-02-30' })).json.error.field, 'date');
  assert.equal((await post('/api/v1/reports/published', { date: '2025-02-21', by: 'x' })).json.error.field, 'by');
  assert.equal((await post('/api/v1/reports/published', { date: '2025-02-21', note: 5 })).json.error.field, 'note');
  assert.equal((await post('/api/v1/reports/published', { date: '2024-01-01' })).status, 404);
  assert.equal((await get('/api/v1/reports/published/abc', ws.keys.observer)).status, 404);
  assert.equal((await get(`/api/v1/reports/published/${id + 100}`, ws.keys.observer)).status, 404);
  assert.equal((await get(`/api/v1/reports/published/${id}?format=docx`, ws.keys.observer)).json.error.field, 'format');
});

test("a new line version reaches every reader's event stream, so that open maps redraw it", async () => {
  const head = (await get('/api/v1/status', ws.keys.observer)).json.log_head.seq;
  const observer = readEvents(server, { key: ws.keys.observer, since: head, count: 1, timeoutMs: 20_000 });
  assert.equal(await observer.ready, 200);
  const file = join(ws.dir, 'route.geojson');
  writeFileSync(file, JSON.stringify({ type: 'Feature', properties: {},
    geometry: { type: 'LineString', coordinates: [[37.5, 48.0], [37.7, 48.2], [37.9, 48.3]] } }));
  vigil(['line', 'import', '-w', ws.ws, '--name', 'route', '--by', 'test', '--valid-from', '2025-03-01', file]);
  const { events } = await observer.done;
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.equal(events[0].event, 'line');
  assert.equal(events[0].data.kind, 'line');
  assert.equal(events[0].id, head + 1);
  assert.doesNotMatch(JSON.stringify(events[0].data), /test/, 'no name of who imported it');
});

// Last: it adds a day and vessels to the workspace the tests above read.
test('a detection run is one transaction: a ceasefire phase that fails leaves none of the maritime incidents', async () => {
  // New positions for the maritime rules and a new half day of reports for the ceasefire rules.
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', repo('data/ais/digitraffic_gulf_of_finland_tankers_20251211-12.csv')]);
  const day = join(ws.dir, 'monitoring-22');
  vigil(['simulate', 'ceasefire', '-w', ws.ws, '--seed', '2', '--start', '2025-02-22T00:00:00Z', '--hours', '6', '--out', day]);
  // The simulator numbers its reports from sim-000001 on every run: these get ids of their own.
  const reports = readFileSync(join(day, 'observations.jsonl'), 'utf8').trim().split('\n')
    .map((line) => JSON.stringify({ ...JSON.parse(line), id: `22-${JSON.parse(line).id}` }));
  writeFileSync(join(day, 'renumbered.jsonl'), reports.join('\n') + '\n');
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', join(day, 'renumbered.jsonl')]);
  // Inserting a ceasefire incident fails; the maritime phase, which runs first, has by then
  // written its incidents and their log records.
  sql(ws.ws, BACKEND === 'postgresql'
    ? `CREATE FUNCTION refuse_ceasefire() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW.rule LIKE 'ceasefire.%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
         RETURN NEW; END $$;
       CREATE TRIGGER refuse_ceasefire BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION refuse_ceasefire();`
    : `CREATE TRIGGER refuse_ceasefire BEFORE INSERT ON incidents WHEN NEW.rule LIKE 'ceasefire.%'
         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;`);
  const count = (table) => Number(sql(ws.ws, `SELECT count(*) FROM ${table}`).trim());
  const records = count('log_records'), incidents = count('incidents');
  const detect = () => request(server, { method: 'POST', path: '/api/v1/detect', key: ws.keys.analyst });
  const failed = await detect();
  assert.equal(failed.status, 500, failed.body);
  assert.equal(count('incidents'), incidents, 'no incident of the failed run stays');
  assert.equal(count('log_records'), records, 'no log record of the failed run stays');
  assert.match(vigil(['verify', '-w', ws.ws]), /verified/);

  sql(ws.ws, 'DROP TRIGGER refuse_ceasefire' + (BACKEND === 'postgresql' ? ' ON incidents' : ''));
  const done = await detect();
  assert.equal(done.status, 200, done.body);
  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  assert.ok(total(done.json.maritime.created) > 0, done.body);
  assert.ok(total(done.json.ceasefire.created) > 0, done.body);
});
