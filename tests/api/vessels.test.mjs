// The sanctions analyst's API: vessels, a vessel's page (identity history, list matches
// with explanations, risk with reasons), its track, the risk ranking and screening, on the
// repository's AIS and sanctions samples (data/ais, data/sanctions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { makeWorkspace, startServer, request, vigil } from './support.mjs';

const data = (p) => fileURLToPath(new URL(`../../data/${p}`, import.meta.url));
// NS LOTUS broadcasts IMO 9339337 in the Danish AIS stream; the EU lists that IMO.
const LOTUS = 636013275;

let ws, server;
before(async () => {
  ws = makeWorkspace();
  vigil(['ingest', '-w', ws.ws, '-q', '--by', 'test', data('ais/dma_aislib_stream_example.txt'),
    data('ais/digitraffic_gulf_of_finland_tankers_20251211-12.csv'), data('ais/kystverket_Ais1000Lines.nm4')]);
  vigil(['lists', 'load', '-w', ws.ws, '-q', '--by', 'test',
    data('sanctions/eu_annex_xlii_designated_vessels_20251023.csv'),
    data('sanctions/gur_shadow_fleet_vessels_master.csv')]);
  server = await startServer(ws.ws);
});
after(async () => {
  await server.stop();
  ws.remove();
});

const get = (path, key = ws.keys.analyst) => request(server, { path, key });

test('vessels page by MMSI without repeats and filter by name and identity change', async () => {
  const seen = [];
  let cursor = null;
  for (let pages = 0; pages < 100; ++pages) {
    const res = await get(`/api/v1/vessels?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200, res.body);
    seen.push(...res.json.vessels.map((v) => v.mmsi));
    cursor = res.json.next;
    if (!cursor) break;
  }
  assert.ok(seen.length > 40, `only ${seen.length} vessels`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'in MMSI order');
  assert.equal(new Set(seen).size, seen.length, 'no vessel twice');
  const named = await get('/api/v1/vessels?name=lotus');
  assert.deepEqual(named.json.vessels.map((v) => v.mmsi), [LOTUS]);
  const changed = await get('/api/v1/vessels?changed=true&limit=500');
  assert.ok(changed.json.vessels.length > 0);
  for (const v of changed.json.vessels) assert.ok(v.identity_changes > 0, JSON.stringify(v));
  assert.equal((await get('/api/v1/vessels?changed=maybe')).json.error.field, 'changed');
});

test("a vessel's page: identity, history, list matches explained, risk with its reasons", async () => {
  const res = await get(`/api/v1/vessels/${LOTUS}`);
  assert.equal(res.status, 200, res.body);
  const page = res.json;
  assert.equal(page.vessel.name, 'NS LOTUS');
  assert.equal(page.vessel.imo, '9339337');
  assert.ok(page.history.some((h) => h.attribute === 'imo' && h.value === '9339337'));
  const byImo = page.matches.find((m) => m.list === 'eu' && m.basis === 'imo');
  assert.ok(byImo, JSON.stringify(page.matches));
  assert.match(byImo.explanation, /9339337/);
  assert.ok(page.imo_holders.some((h) => h.attribute === 'mmsi' && h.value === String(LOTUS)));
  assert.ok(page.risk.score >= 50, JSON.stringify(page.risk));
  const points = page.risk.reasons.reduce((sum, r) => sum + r.points, 0);
  assert.equal(points, page.risk.score, 'the score is the sum of its reasons');
  assert.ok(page.risk.reasons.some((r) => r.signal === 'listed'));

  const track = await get(`/api/v1/vessels/${LOTUS}/track`);
  assert.equal(track.status, 200);
  assert.equal(track.json.geometry.type, 'LineString');
  assert.equal(track.json.properties.positions, page.vessel.positions);
  assert.equal(track.json.geometry.coordinates.length, page.vessel.positions);
  const times = track.json.properties.times;
  assert.deepEqual(times, [...times].sort(), 'in time order');
  const limited = await get(`/api/v1/vessels/${LOTUS}/track?limit=2`);
  assert.equal(limited.json.geometry.coordinates.length, 2);
  assert.equal(limited.json.properties.truncated, true);
});

test('risk ranking and screening', async () => {
  const risk = await get('/api/v1/risk?limit=1000');
  assert.equal(risk.status, 200);
  const scores = risk.json.vessels.map((v) => v.score);
  assert.ok(scores.length > 1);
  assert.equal((await get('/api/v1/risk?limit=3')).json.vessels.length, 3);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'highest first');
  assert.ok(risk.json.vessels.some((v) => v.mmsi === LOTUS));
  const high = await get('/api/v1/risk?min_score=60&limit=1000');
  for (const v of high.json.vessels) assert.ok(v.score >= 60);

  const all = await get('/api/v1/screening');
  const byImo = await get('/api/v1/screening?basis=imo');
  assert.ok(byImo.json.count > 0 && byImo.json.count <= all.json.count);
  for (const m of byImo.json.matches) assert.equal(m.basis, 'imo');
  assert.ok(byImo.json.matches.some((m) => m.mmsi === LOTUS && m.list === 'eu'));
  assert.equal((await get('/api/v1/screening?basis=flag')).json.error.field, 'basis');

  // As a map layer: each matched vessel once, at its last position, that of its track's end.
  const layer = await get('/api/v1/screening?format=geojson');
  assert.equal(layer.status, 200);
  assert.match(layer.headers['content-type'], /geo\+json/);
  const mmsis = layer.json.features.map((f) => f.properties.mmsi);
  assert.equal(new Set(mmsis).size, mmsis.length);
  for (const m of mmsis) assert.ok(all.json.matches.some((x) => x.mmsi === m));
  const lotus = layer.json.features.find((f) => f.properties.mmsi === LOTUS);
  assert.ok(lotus.properties.lists.includes('eu'));
  const track = (await get(`/api/v1/vessels/${LOTUS}/track`)).json;
  const end = track.geometry.type === 'Point' ? track.geometry.coordinates : track.geometry.coordinates.at(-1);
  assert.deepEqual(lotus.geometry.coordinates, end);
  assert.equal(lotus.properties.last_seen, track.properties.times.at(-1));
  assert.equal((await get('/api/v1/screening?format=kml')).json.error.field, 'format');
});

test('bad and unknown MMSIs; observers and monitors see no vessels', async () => {
  const bad = await get('/api/v1/vessels/12345');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'mmsi');
  assert.equal((await get('/api/v1/vessels/999999999')).status, 404);
  assert.equal((await get('/api/v1/vessels?cursor=abc')).json.error.field, 'cursor');
  for (const role of ['observer', 'monitor'])
    for (const path of ['/api/v1/vessels', `/api/v1/vessels/${LOTUS}`, '/api/v1/risk', '/api/v1/screening'])
      assert.equal((await get(path, ws.keys[role])).status, 403, `${role} ${path}`);
});

test('a detection run logs new incidents once, as the key that asked; the log exports and verifies', async () => {
  const post = (path, key, body) => request(server, { method: 'POST', path, key, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.equal((await post('/api/v1/detect', ws.keys.analyst, { to: 'yesterday' })).json.error.field, 'to');
  assert.equal((await post('/api/v1/detect', ws.keys.analyst, { rules: ['gap'] })).json.error.field, 'rules');
  const first = await post('/api/v1/detect', ws.keys.analyst);
  assert.equal(first.status, 200, first.body);
  const created = Object.values(first.json.maritime.created).reduce((a, b) => a + b, 0);
  assert.ok(created > 0, first.body);
  assert.equal(first.json.ceasefire.settlement, false);
  const again = await post('/api/v1/detect', ws.keys.analyst);
  assert.deepEqual(again.json.maritime.created, {});
  assert.equal(Object.values(again.json.maritime.known).reduce((a, b) => a + b, 0), created);
  const incidents = await get('/api/v1/incidents?limit=1000');
  const maritime = incidents.json.features.filter((f) => f.properties.rule.startsWith('maritime.'));
  assert.equal(maritime.length, created);
  assert.ok(maritime.every((f) => /^analyst one \(key [0-9a-f]{16}\)$/.test(f.properties.recorded_by)), JSON.stringify(maritime[0].properties));

  const log = await get('/api/v1/log');
  assert.equal(log.status, 200);
  const records = log.json.records;
  for (let i = 1; i < records.length; ++i) {
    assert.equal(records[i].seq, records[i - 1].seq + 1);
    assert.equal(records[i].prev_hash, records[i - 1].hash, `chain at ${records[i].seq}`);
  }
  assert.ok(log.json.signatures.at(-1).seq === records.at(-1).seq, 'the head is signed');
  const later = await get(`/api/v1/log?after=${records.length - 2}`);
  assert.deepEqual(later.json.records.map((r) => r.seq), records.slice(-2).map((r) => r.seq));
  const verified = await get('/api/v1/log/verify', ws.keys.observer);
  assert.equal(verified.status, 200);
  assert.equal(verified.json.ok, true, verified.body);
  assert.equal(verified.json.records, records.length);
  assert.equal(verified.json.key_fingerprint, log.json.key_fingerprint);
  assert.equal((await get('/api/v1/log', ws.keys.observer)).status, 403);
  assert.equal((await post('/api/v1/detect', ws.keys.observer)).status, 403);
  assert.equal((await post('/api/v1/detect', ws.keys.monitor)).status, 403);
  assert.equal((await get('/api/v1/log/verify', ws.keys.monitor)).status, 403);
});
