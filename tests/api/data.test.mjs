// Observations and incidents over the API: ingest with all-or-nothing batches, filters,
// cursor paging, manual incidents, reviews, what observers see, and the live event stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeWorkspace, startServer, request, observationLines, readEvents, vigil, sql } from './support.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let ws, server;
before(async () => {
  ws = makeWorkspace();
  server = await startServer(ws.ws);
});
after(async () => {
  await server.stop();
  ws.remove();
});

const post = (path, key, body, headers = {}) => request(server, { method: 'POST', path, key, body, headers });
const get = (path, key) => request(server, { path, key });
const ndjson = { 'Content-Type': 'application/x-ndjson' };

async function allPages(path, key, limit) {
  const features = [];
  let cursor = null, pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, key);
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json.type, 'FeatureCollection');
    assert.equal(res.json.count, res.json.features.length);
    features.push(...res.json.features);
    cursor = res.json.next;
    pages++;
  } while (cursor);
  return { features, pages };
}

test('a batch of observations is stored whole, once, and recorded as the key that sent it', async () => {
  const body = observationLines(1000);
  const first = await post('/api/v1/observations', ws.keys.monitor, body, ndjson);
  assert.equal(first.status, 201, first.body);
  assert.deepEqual([first.json.added, first.json.rejected, first.json.stored], [1000, 0, true]);
  const again = await post('/api/v1/observations', ws.keys.monitor, body, ndjson);
  assert.equal(again.status, 200);
  assert.deepEqual([again.json.added, again.json.duplicates], [0, 1000]);
  // The batch's log record names the key; the log verifies.
  const batch = sql(ws.ws, "SELECT body FROM log_records WHERE kind = 'batch'");
  assert.match(batch, /"recorded_by":"monitor one \(key [0-9a-f]{16}\)"/);
  assert.match(vigil(['verify', '-w', ws.ws]), /verified|ok/i);
});

test('one bad record rejects the whole batch with its line and field; on_error=skip keeps the good ones', async () => {
  const lines = observationLines(5, { start: Date.UTC(2025, 3, 1) }).trim().split('\n');
  lines[3] = JSON.stringify({ time: '2025-04-01T00:03:00Z', lat: 91.5, lon: 37.6, kind: 'shelling', source: 'patrol:team-1' });
  const body = lines.join('\n') + '\n';
  const before = (await get('/api/v1/observations?from=2025-04-01&limit=100', ws.keys.analyst)).json.count;
  const refused = await post('/api/v1/observations', ws.keys.monitor, body, ndjson);
  assert.equal(refused.status, 422);
  assert.equal(refused.json.stored, false);
  assert.deepEqual(refused.json.errors[0], { line: 4, field: 'lat', message: '91.5 is outside [-90, 90]' });
  assert.equal((await get('/api/v1/observations?from=2025-04-01&limit=100', ws.keys.analyst)).json.count, before);
  const skipped = await post('/api/v1/observations?on_error=skip', ws.keys.monitor, body, ndjson);
  assert.equal(skipped.status, 201);
  assert.deepEqual([skipped.json.added, skipped.json.rejected], [4, 1]);
  for (const [bodyText, status] of [['', 400], ['{"time": "2025-', 400], ['{"type":"FeatureCollection","features":[', 400]]) {
    const res = await post('/api/v1/observations', ws.keys.monitor, bodyText);
    assert.equal(res.status, status, `${bodyText}: ${res.body}`);
    assert.match(res.json.error.message, bodyText ? /body/ : /empty/);
  }
  assert.equal((await post('/api/v1/observations?format=nmea', ws.keys.monitor, 'x')).status, 400);
  assert.equal((await post('/api/v1/observations?on_error=maybe', ws.keys.monitor, 'x')).json.error.field, 'on_error');
});

test('batches sent at once are read while others are stored, and each is stored whole or refused whole', async () => {
  // More at once than the server reads ahead (4): the rest are read when their turn comes.
  const start = Date.UTC(2026, 0, 1);
  const good = Array.from({ length: 8 }, (_, i) => observationLines(2_000, { start: start + i * 86_400_000, source: `uav:batch-${i}` }));
  const bad = observationLines(2_000, { start: start + 9 * 86_400_000 }).replace('"lat":48.05', '"lat":480.05');
  const sent = [...good.map((body) => post('/api/v1/observations', ws.keys.monitor, body, ndjson)),
    post('/api/v1/observations', ws.keys.monitor, bad, ndjson),
    post('/api/v1/observations', ws.keys.monitor, '{"type":"FeatureCollection","features":[', { 'Content-Type': 'application/geo+json' })];
  const answers = await Promise.all(sent);
  answers.slice(0, 8).forEach((res) => {
    assert.equal(res.status, 201, res.body);
    assert.deepEqual([res.json.added, res.json.rejected], [2_000, 0]);
  });
  assert.equal(answers[8].status, 422, answers[8].body);
  assert.deepEqual(answers[8].json.errors[0], { line: 51, field: 'lat', message: '480.05 is outside [-90, 90]' });
  assert.equal(answers[9].status, 400);
  assert.match(answers[9].json.error.message, /body/);
  const counts = sql(ws.ws, "SELECT source || ' ' || count(*) FROM observations WHERE source LIKE 'uav:batch-%' OR time_us >= 1767225600000000 GROUP BY source ORDER BY source");
  assert.deepEqual(counts.trim().split('\n'), good.map((_, i) => `uav:batch-${i} 2000`));
  assert.match(vigil(['verify', '-w', ws.ws]), /verified|ok/i);
});

test('GeoJSON and CSV bodies are read like files of the same format', async () => {
  const geojson = JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [37.9, 48.3] },
      properties: { time: '2025-05-01T12:00:00Z', kind: 'explosion', source: 'uav:raven-2' } }],
  });
  const g = await post('/api/v1/observations', ws.keys.analyst, geojson, { 'Content-Type': 'application/geo+json' });
  assert.equal(g.status, 201, g.body);
  assert.equal(g.json.format, 'geojson');
  const csv = 'time,lat,lon,kind,source\n2025-05-01T13:00:00Z,48.31,37.91,small_arms,camera:c-4\n';
  const c = await post('/api/v1/observations', ws.keys.analyst, csv, { 'Content-Type': 'text/csv' });
  assert.equal(c.status, 201, c.body);
  assert.equal(c.json.format, 'csv');
});

test('observations page by cursor through everything, in order, filtered by time, box and kind', async () => {
  const { features, pages } = await allPages('/api/v1/observations?from=2025-03-01&to=2025-03-02', ws.keys.analyst, 150);
  assert.equal(features.length, 1000);
  assert.equal(pages, 7);
  assert.equal(new Set(features.map((f) => f.id)).size, 1000);
  const times = features.map((f) => f.properties.time);
  assert.deepEqual(times, [...times].sort());
  const box = await get('/api/v1/observations?bbox=37.5,48.0,37.5005,48.05&from=2025-03-01&to=2025-03-02&limit=10000', ws.keys.analyst);
  assert.equal(box.json.count, 51);  // i%100 ≤ 50 in the first column of the grid
  for (const f of box.json.features) {
    const [lon, lat] = f.geometry.coordinates;
    assert.ok(lon >= 37.5 && lon <= 37.5005 && lat >= 48 && lat <= 48.05);
  }
  assert.equal((await get('/api/v1/observations?kind=explosion', ws.keys.analyst)).json.count, 1);
  for (const [query, field] of [['bbox=1,2,3', 'bbox'], ['bbox=1,50,3,40', 'bbox'], ['from=yesterday', 'from'],
    ['limit=0', 'limit'], ['limit=10001', 'limit'], ['cursor=garbage', 'cursor'], ['colour=red', 'colour'], ['kind=a,,b', 'kind']]) {
    const res = await get(`/api/v1/observations?${query}`, ws.keys.analyst);
    assert.equal(res.status, 400, query);
    assert.equal(res.json.error.field, field, query);
  }
});

test('manual incidents, reviews, and what observers may see of them', async () => {
  const evidence = (await get('/api/v1/observations?limit=2', ws.keys.analyst)).json.features.map((f) => f.id);
  const made = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
    start: '2025-03-01T00:00:00Z', end: '2025-03-01T00:01:00Z', lat: 48.0005, lon: 37.5, severity: 'high',
    confidence: 0.8, evidence, entities: ['unit:53rd'], note: 'two patrol reports of the same shelling',
  }));
  assert.equal(made.status, 201, made.body);
  assert.equal(made.json.rule, 'manual');
  // Placed by the gazetteer (GeoNames): Krasnohorivka's point is 1 km away, within its reach.
  assert.equal(made.json.place, 'in Krasnohorivka (Donetsk)');
  assert.equal(made.json.status, 'open');
  assert.match(made.json.log_hash, /^[0-9a-f]{64}$/);
  const id = made.json.id;
  for (const [body, field] of [
    [{ lat: 48, lon: 37, note: 'x' }, 'start'],
    [{ start: '2025-03-01T00:00:00Z', lat: 148, lon: 37, note: 'x' }, 'lat'],
    [{ start: '2025-03-01T00:00:00Z', lat: 48, lon: 37, note: 'x', severity: 'apocalyptic' }, 'severity'],
    [{ start: '2025-03-01T00:00:00Z', lat: 48, lon: 37, note: 'x', confidence: '0.5' }, 'confidence'],
    [{ start: '2025-03-01T00:00:00Z', lat: 48, lon: 37, note: 'x', colour: 'red' }, 'colour'],
    [{ start: '2025-03-01T00:00:00Z', lat: 48, lon: 37 }, 'note'],
  ]) {
    const res = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify(body));
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.json.error.field, field, res.body);
  }
  const missing = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
    start: '2025-03-01T00:00:00Z', lat: 48, lon: 37, note: 'x', evidence: ['ffffffffffffffffffffffffffffffff'] }));
  assert.equal(missing.status, 400);
  assert.match(missing.json.error.message, /evidence/);

  // Observers see nothing until it is confirmed.
  assert.equal((await get('/api/v1/incidents', ws.keys.observer)).json.count, 0);
  assert.equal((await get(`/api/v1/incidents/${id}`, ws.keys.observer)).status, 404);
  assert.equal((await get('/api/v1/incidents?status=open', ws.keys.observer)).json.count, 0);
  const detail = await get(`/api/v1/incidents/${id}`, ws.keys.analyst);
  assert.equal(detail.json.evidence_observations.length, 2);

  for (const [body, field] of [[{ status: 'open', note: 'x' }, 'status'], [{ status: 'confirmed' }, 'note'], [{ status: 'confirmed', note: 7 }, 'note']])
    assert.equal((await post(`/api/v1/incidents/${id}/reviews`, ws.keys.analyst, JSON.stringify(body))).json.error.field, field);
  assert.equal((await post('/api/v1/incidents/ffffffffffffffffffffffffffffffff/reviews', ws.keys.analyst,
    JSON.stringify({ status: 'confirmed', note: 'x' }))).status, 404);
  const review = await post(`/api/v1/incidents/${id}/reviews`, ws.keys.analyst, JSON.stringify({ status: 'confirmed', note: 'seen on the UAV feed' }));
  assert.equal(review.status, 201, review.body);
  assert.equal(review.json.by, `analyst one (key ${ws.keys.analyst.slice(3, 19)})`);

  const seen = await get('/api/v1/incidents', ws.keys.observer);
  assert.equal(seen.json.count, 1);
  assert.equal(seen.json.features[0].properties.status, 'confirmed');
  assert.equal(seen.json.features[0].properties.place, 'in Krasnohorivka (Donetsk)');
  const observed = await get(`/api/v1/incidents/${id}`, ws.keys.observer);
  assert.equal(observed.status, 200);
  assert.equal(observed.json.evidence_observations, undefined, 'observers do not get raw observations');
  assert.equal(observed.json.reviews[0].by, undefined, 'nor who reviewed');
  const full = await get(`/api/v1/incidents/${id}`, ws.keys.analyst);
  assert.equal(full.json.reviews.length, 1);
  assert.equal(full.json.reviews[0].note, 'seen on the UAV feed');
  // The review is in the log, and the log verifies.
  assert.match(vigil(['incidents', 'show', '-w', ws.ws, id]), /seen on the UAV feed/);
  vigil(['verify', '-w', ws.ws]);
});

test('the incidents a reader has in view export as files GIS tools open, each read back by ogrinfo', async () => {
  const make = async (lat, lon, rule) => (await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
    rule, start: '2025-04-01T00:00:00Z', lat, lon, note: 'export', attributes: { count: 2, sources: ['uav:U-1', 'patrol:P-2'] } }))).json.id;
  const ids = [await make(48.3, 38.1, 'ceasefire.fire'), await make(47.1, 37.6, 'ceasefire.weapon_in_zone')];
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-'));
  try {
    for (const [format, type, magic] of [['gpkg', 'application/geopackage+sqlite3', 'SQLite format 3'], ['kmz', 'application/vnd.google-earth.kmz', 'PK'],
      ['kml', 'application/vnd.google-earth.kml+xml', '<?xml'], ['csv', 'text/csv; charset=utf-8', 'WKT,id,rule']]) {
      const res = await post('/api/v1/incidents/export', ws.keys.analyst, JSON.stringify({ format, ids }));
      assert.equal(res.status, 200, res.body);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['content-disposition'], `attachment; filename="incidents.${format}"`);
      assert.equal(res.bytes.subarray(0, magic.length).toString('latin1'), magic);
      const file = join(dir, `incidents.${format}`);
      writeFileSync(file, res.bytes);
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      assert.match(info, /Feature Count: 2/, format);
      for (const field of ['id', 'rule', 'place', 'attr_count', 'attr_sources', 'attr_note'])
        assert.match(info, new RegExp(`^${field}: `, 'm'), `${format} has ${field}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Observers export what they may see: confirmed incidents only.
  assert.equal((await post('/api/v1/incidents/export', ws.keys.observer, JSON.stringify({ format: 'gpkg', ids }))).status, 404);
  for (const [body, field] of [[{ format: 'shp', ids }, 'format'], [{ format: 'gpkg', ids: [] }, 'ids'], [{ format: 'gpkg', ids: 'x' }, 'ids'],
    [{ format: 'gpkg', ids, extra: 1 }, 'extra'], [{ format: 'gpkg', ids: ['ffffffffffffffffffffffffffffffff'] }, 'ids']]) {
    const res = await post('/api/v1/incidents/export', ws.keys.analyst, JSON.stringify(body));
    assert.ok(res.status === 400 || res.status === 404, JSON.stringify(body));
    assert.equal(res.json.error.field, field, res.body);
  }
  assert.equal((await post('/api/v1/incidents/export', undefined, JSON.stringify({ format: 'gpkg', ids }))).status, 401);
});

test('the observations a filter keeps export as a file GIS tools open, read back by ogrinfo', async () => {
  const body = observationLines(7, { start: Date.UTC(2025, 5, 1), source: 'patrol:export-test' });
  const stored = await post('/api/v1/observations', ws.keys.monitor, body, ndjson);
  assert.equal(stored.status, 201, stored.body);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-'));
  try {
    for (const format of ['gpkg', 'kml', 'csv']) {
      const res = await get(`/api/v1/observations/export?format=${format}&source=patrol:export-test&from=2025-06-01T00:00:00Z`, ws.keys.analyst);
      assert.equal(res.status, 200, res.body);
      assert.equal(res.headers['content-disposition'], `attachment; filename="observations.${format}"`);
      const file = join(dir, `observations.${format}`);
      writeFileSync(file, res.bytes);
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      assert.match(info, /Feature Count: 7/, format);
      for (const field of ['id', 'time', 'source', 'kind']) assert.match(info, new RegExp(`^${field}: `, 'm'), `${format} has ${field}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const narrowed = await get('/api/v1/observations/export?format=csv&source=patrol:export-test&from=2025-06-01T00:03:00Z', ws.keys.analyst);
  assert.equal(narrowed.body.trim().split('\n').length, 1 + 4, 'the header and the 4 from 00:03 on');
  assert.equal((await get('/api/v1/observations/export?format=shp', ws.keys.analyst)).json.error.field, 'format');
  assert.equal((await get('/api/v1/observations/export', ws.keys.analyst)).json.error.field, 'format');
  assert.equal((await get('/api/v1/observations/export?format=csv&limit=3', ws.keys.analyst)).json.error.field, 'limit');
  assert.equal((await get('/api/v1/observations/export?format=csv', ws.keys.observer)).status, 403);
  assert.equal((await get('/api/v1/observations/export?format=csv', undefined)).status, 401);
});

test('incidents filter by box, time, rule, status and confidence, and page by cursor', async () => {
  for (let i = 0; i < 25; i++) {
    const res = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
      rule: i % 2 ? 'manual.fire' : 'manual.crossing', start: `2025-06-${String(1 + i).padStart(2, '0')}T08:00:00Z`,
      lat: 47 + i / 10, lon: 36 + i / 10, confidence: i / 25, note: `incident ${i}` }));
    assert.equal(res.status, 201);
  }
  const { features, pages } = await allPages('/api/v1/incidents?from=2025-06-01', ws.keys.analyst, 10);
  assert.equal(features.length, 25);
  assert.equal(pages, 3);
  assert.equal((await get('/api/v1/incidents?rule=manual.fire&from=2025-06-01', ws.keys.analyst)).json.count, 12);
  assert.equal((await get('/api/v1/incidents?from=2025-06-10&to=2025-06-12', ws.keys.analyst)).json.count, 2);
  assert.equal((await get('/api/v1/incidents?bbox=36,47,36.45,47.45&from=2025-06-01', ws.keys.analyst)).json.count, 5);
  assert.equal((await get('/api/v1/incidents?min_confidence=0.9&from=2025-06-01', ws.keys.analyst)).json.count, 2);
  assert.equal((await get('/api/v1/incidents?status=confirmed', ws.keys.analyst)).json.count, 1);
  assert.equal((await get('/api/v1/incidents?status=maybe', ws.keys.analyst)).json.error.field, 'status');
});

test('new incidents and reviews reach the event stream; observers get confirmed incidents only', async () => {
  const head = (await get('/api/v1/status', ws.keys.analyst)).json.log_head.seq;
  const analyst = readEvents(server, { key: ws.keys.analyst, since: head, count: 2 });
  const observer = readEvents(server, { key: ws.keys.observer, since: head, count: 1 });
  assert.equal(await analyst.ready, 200);
  assert.equal(await observer.ready, 200);
  const made = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
    start: '2025-07-01T00:00:00Z', lat: 48.5, lon: 38, note: 'live' }));
  await post(`/api/v1/incidents/${made.json.id}/reviews`, ws.keys.analyst, JSON.stringify({ status: 'confirmed', note: 'ok' }));
  const a = await analyst.done;
  assert.deepEqual(a.events.map((e) => e.event), ['incident', 'review']);
  assert.equal(a.events[0].data.id, made.json.id);
  assert.equal(a.events[0].id, made.json.log_seq);
  assert.equal(a.events[1].data.incident, made.json.id);
  const o = await observer.done;
  assert.deepEqual(o.events.map((e) => e.event), ['incident']);
  assert.equal(o.events[0].data.properties.status, 'confirmed');
  // Live features have the listing's shape: a client draws both the same way.
  assert.deepEqual(a.events[0].data.geometry, { type: 'Point', coordinates: [38, 48.5] });
  assert.equal(a.events[0].data.properties.lat, 48.5);
  assert.equal(a.events[0].data.properties.status, 'open');
  const listed = (await get('/api/v1/incidents?from=2025-07-01&to=2025-07-02', ws.keys.observer)).json;
  assert.deepEqual(o.events[0].data, listed.features.find((f) => f.id === made.json.id));

  // Resuming after the first event replays the second; from far back, a reset.
  const resumed = await readEvents(server, { key: ws.keys.analyst, lastEventId: made.json.log_seq, count: 1, timeoutMs: 2000 }).done;
  assert.deepEqual(resumed.events.map((e) => e.event), ['review']);
  // A server started later has not kept what came before it: a client from far back resets.
  const second = await startServer(ws.ws);
  try {
    const reset = await readEvents(second, { key: ws.keys.analyst, since: 0, count: 1, timeoutMs: 2000 }).done;
    assert.equal(reset.events[0].event, 'reset');
    assert.equal(reset.events[0].data.log_seq, a.events[1].id);
  } finally {
    await second.stop();
  }
  assert.equal((await readEvents(server, { key: ws.keys.monitor, count: 1 }).ready), 403);
});

// The probe found analysts' names and key ids in what observers were sent, an incident
// confirmed then dismissed replayed to them as confirmed, and all the log's counts in
// /log/verify.
test('observers learn no analyst, are told when a confirmed incident is retracted, and get no counts beyond their view', async () => {
  const head = (await get('/api/v1/status', ws.keys.analyst)).json.log_head.seq;
  const live = readEvents(server, { key: ws.keys.observer, since: head, count: 2 });
  assert.equal(await live.ready, 200);
  const made = await post('/api/v1/incidents', ws.keys.analyst, JSON.stringify({
    start: '2025-08-01T00:00:00Z', lat: 48.2, lon: 38.1, note: 'to be retracted' }));
  assert.match(made.json.recorded_by, /^analyst one \(key [0-9a-f]{16}\)$/, 'analysts see who recorded it');
  const id = made.json.id;
  await post(`/api/v1/incidents/${id}/reviews`, ws.keys.analyst, JSON.stringify({ status: 'confirmed', note: 'seen' }));
  const listed = (await get('/api/v1/incidents?from=2025-08-01&to=2025-08-02', ws.keys.observer)).json;
  assert.equal(listed.count, 1);
  assert.equal(listed.features[0].properties.recorded_by, undefined);
  assert.equal(listed.features[0].id, id);
  assert.equal((await get(`/api/v1/incidents/${id}`, ws.keys.observer)).json.recorded_by, undefined);
  await post(`/api/v1/incidents/${id}/reviews`, ws.keys.analyst, JSON.stringify({ status: 'dismissed', note: 'a duplicate' }));
  const got = await live.done;
  assert.deepEqual(got.events.map((e) => e.event), ['incident', 'retract']);
  assert.equal(got.events[0].data.properties.recorded_by, undefined);
  assert.doesNotMatch(JSON.stringify(got.events), /analyst one|key [0-9a-f]{16}/);
  assert.deepEqual(got.events[1].data, { incident: id, status: 'dismissed', log_seq: got.events[1].id });
  // Replayed from before both, the stream still ends with the retraction.
  const replay = await readEvents(server, { key: ws.keys.observer, since: head, count: 2, timeoutMs: 2000 }).done;
  assert.deepEqual(replay.events.map((e) => e.event), ['incident', 'retract']);
  assert.equal((await get('/api/v1/incidents?from=2025-08-01&to=2025-08-02', ws.keys.observer)).json.count, 0);

  const theirs = (await get('/api/v1/log/verify', ws.keys.observer)).json;
  assert.equal(theirs.ok, true);
  assert.ok(theirs.records > 0);
  for (const hidden of ['incidents', 'reviews', 'batches', 'observations', 'identity_runs', 'list_loads', 'line_versions', 'sensor_declarations'])
    assert.equal(theirs[hidden], undefined, hidden);
  const ours = (await get('/api/v1/log/verify', ws.keys.analyst)).json;
  assert.ok(ours.incidents > 0 && ours.observations > 0);
});

test('every role reads the commitments in each format; nothing loaded is 404; bad parameters are refused', async () => {
  assert.equal((await get('/api/v1/commitments', ws.keys.observer)).status, 404);
  const data = (name) => new URL(`../../data/commitments/${name}`, import.meta.url).pathname;
  vigil(['commitments', 'load', '-w', ws.ws, '-q', '--by', 'analyst one',
    data('nato_defence_expenditure_pct_gdp_2014_2024e.csv'), data('kiel_ust_country_summary_usd_bn.csv')]);
  for (const role of ['monitor', 'analyst', 'observer', 'admin']) {
    const res = await get('/api/v1/commitments', ws.keys[role]);
    assert.equal(res.status, 200, `${role}: ${res.body}`);
    assert.equal(res.json.year, 2024);
    assert.deepEqual(res.json.meeting, { 2: 18, 3.5: 1, 5: 0 });
    assert.equal(res.json.allies.length, 31);
    assert.equal(res.json.allies[0].country, 'Poland');
    assert.equal(res.json.donors.length, 41);
    assert.equal(res.json.sources.length, 2);
    // Who loaded the tables is for those who may see who did what.
    const loaders = res.json.sources.map((s) => s.loaded_by);
    assert.deepEqual(loaders, role === 'observer' ? [null, null] : ['analyst one', 'analyst one'], role);
  }
  const old = await get('/api/v1/commitments?year=2014', ws.keys.observer);
  assert.equal(old.json.meeting['2'], 3);
  const us = old.json.allies.find((a) => a.country === 'United States');
  assert.equal(us.change_pct, 0);
  assert.equal(us.series.length, 1, 'the trend stops at the year assessed');
  for (const [format, type, pattern] of [['csv', 'text/csv', /^country,kind,nato_ally,year/],
    ['jsonl', 'application/x-ndjson', /^\{"ally":/], ['md', 'text/markdown', /^# Defence spending/],
    ['html', 'text/html', /<svg /], ['svg', 'image/svg+xml', /^<svg /]]) {
    const res = await get(`/api/v1/commitments?format=${format}`, ws.keys.observer);
    assert.equal(res.status, 200, format);
    assert.ok(res.headers['content-type'].startsWith(type), `${format}: ${res.headers['content-type']}`);
    assert.match(res.body, pattern, format);
    assert.doesNotMatch(res.body, /analyst one/, `${format} names no loader to observers`);
  }
  assert.equal((await get('/api/v1/commitments?format=table', ws.keys.observer)).json.error.field, 'format');
  assert.equal((await get('/api/v1/commitments?year=20x4', ws.keys.observer)).json.error.field, 'year');
  assert.equal((await get('/api/v1/commitments?years=2024', ws.keys.observer)).json.error.field, 'years');
  assert.equal((await get('/api/v1/commitments?year=2030', ws.keys.observer)).status, 404);
  assert.equal((await get('/api/v1/commitments')).status, 401);
  const verified = await get('/api/v1/log/verify', ws.keys.observer);
  assert.equal(verified.json.ok, true);
  assert.equal(verified.json.commitments_loads, 2);
});
