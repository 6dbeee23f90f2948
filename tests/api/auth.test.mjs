// Keys and roles: 401 without a valid key, 403 with the wrong role, on every route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorkspace, startServer, request, readEvents, vigil, sleep } from './support.mjs';

let ws, server;
before(async () => {
  ws = makeWorkspace();
  // Every route is asked without a valid key, many more times than one address may fail to
  // authenticate before it is answered 429: that limit is off here and tested on its own
  // (hardening.test.mjs).
  server = await startServer(ws.ws, ['--auth-failure-rate', '0']);
});
after(async () => {
  await server.stop();
  ws.remove();
});

const routes = [
  ['GET', '/api/v1/me'],
  ['GET', '/api/v1/status'],
  ['GET', '/api/v1/incidents'],
  ['POST', '/api/v1/incidents'],
  ['GET', '/api/v1/incidents/00000000000000000000000000000000'],
  ['POST', '/api/v1/incidents/00000000000000000000000000000000/reviews'],
  ['GET', '/api/v1/events'],
  ['GET', '/api/v1/observations'],
  ['POST', '/api/v1/observations'],
  ['GET', '/api/v1/lines'],
  ['GET', '/api/v1/zones'],
  ['GET', '/api/v1/sectors'],
  ['GET', '/api/v1/coverage'],
  ['GET', '/api/v1/reports/daily'],
  ['GET', '/api/v1/reports/published'],
  ['POST', '/api/v1/reports/published'],
  ['GET', '/api/v1/reports/published/123456789'],
  ['GET', '/api/v1/vessels'],
  ['GET', '/api/v1/vessels/123456789'],
  ['GET', '/api/v1/vessels/123456789/track'],
  ['GET', '/api/v1/risk'],
  ['GET', '/api/v1/screening'],
  ['GET', '/api/v1/log'],
  ['GET', '/api/v1/log/verify'],
  ['POST', '/api/v1/detect'],
  ['GET', '/api/v1/keys'],
  ['POST', '/api/v1/keys'],
  ['DELETE', '/api/v1/keys/0000000000000000'],
  ['GET', '/api/v1/no/such/thing'],
];

function pattern(route) {
  return route.replace(/\/([0-9a-f]{16,32}|[0-9]{9})(\/|$)/, '/{}$2');
}

// Who may call what (docs/api.md); everything else is 403.
const allowed = {
  monitor: ['GET /api/v1/me', 'GET /api/v1/status', 'POST /api/v1/observations'],
  observer: ['GET /api/v1/me', 'GET /api/v1/status', 'GET /api/v1/incidents', 'GET /api/v1/incidents/{}', 'GET /api/v1/events',
    'GET /api/v1/lines', 'GET /api/v1/zones', 'GET /api/v1/sectors', 'GET /api/v1/log/verify',
    'GET /api/v1/reports/published', 'GET /api/v1/reports/published/{}'],
  analyst: routes.map(([m, p]) => pattern(`${m} ${p}`)).filter((r) => !r.includes('/keys') && !r.includes('/no/')),
  admin: routes.map(([m, p]) => pattern(`${m} ${p}`)).filter((r) => !r.includes('/no/')),
};

test('requests without a valid key get 401 and nothing else, whatever the path', async () => {
  const badKeys = [
    undefined,
    'vk_0000000000000000_' + '0'.repeat(64),
    ws.keys.analyst.slice(0, -1) + (ws.keys.analyst.endsWith('0') ? '1' : '0'),
    ws.keys.analyst.slice(0, -2),
    'not-a-key',
  ];
  for (const [method, path] of routes)
    for (const key of badKeys) {
      const res = await request(server, { method, path, key, body: method === 'GET' ? undefined : '{}' });
      assert.equal(res.status, 401, `${method} ${path} with ${key}`);
      assert.equal(res.headers['www-authenticate'], 'Bearer');
      assert.equal(res.json.error.status, 401);
      assert.doesNotMatch(res.body, /incident|observation/i);
    }
  const basic = await request(server, { path: '/api/v1/me', headers: { Authorization: 'Basic ' + ws.keys.admin } });
  assert.equal(basic.status, 401);
});

test('each role reaches its routes and gets 403 on the others', async () => {
  for (const [role, key] of Object.entries(ws.keys))
    for (const [method, path] of routes) {
      if (path.includes('/no/')) continue;
      const res = path.endsWith('/events')
        ? { status: await readEvents(server, { key, count: 1, timeoutMs: 300 }).ready, json: { error: { message: `role '${role}'` } } }
        : await request(server, { method, path, key, body: method === 'GET' ? undefined : '{}' });
      const may = allowed[role].includes(pattern(`${method} ${path}`));
      if (may) assert.notEqual(res.status, 403, `${role} ${method} ${path}: ${res.body}`);
      else {
        assert.equal(res.status, 403, `${role} ${method} ${path}: ${res.body}`);
        assert.match(res.json.error.message, new RegExp(`role '${role}'`));
      }
    }
});

test('unknown paths are 404 and wrong methods 405 for a valid key', async () => {
  assert.equal((await request(server, { path: '/api/v1/no/such/thing', key: ws.keys.analyst })).status, 404);
  const res = await request(server, { method: 'PUT', path: '/api/v1/incidents', key: ws.keys.analyst, body: '{}' });
  assert.equal(res.status, 405);
  assert.equal(res.headers.allow, 'GET, POST');
});

test('me names the key and its role', async () => {
  const res = await request(server, { path: '/api/v1/me', key: ws.keys.observer });
  assert.equal(res.status, 200);
  assert.equal(res.json.role, 'observer');
  assert.equal(res.json.name, 'observer one');
  assert.match(res.json.key_id, /^[0-9a-f]{16}$/);
});

test('a key revoked with vigil keys revoke is refused within a second', async () => {
  const key = vigil(['keys', 'add', '-w', ws.ws, '--role', 'analyst', '--name', 'short-lived']).trim();
  await sleep(600);
  assert.equal((await request(server, { path: '/api/v1/me', key })).status, 200);
  const id = key.slice(3, 19);
  vigil(['keys', 'revoke', '-w', ws.ws, id]);
  await sleep(600);
  assert.equal((await request(server, { path: '/api/v1/me', key })).status, 401);
  const listed = vigil(['keys', 'list', '-w', ws.ws]);
  assert.match(listed, new RegExp(`${id}\\s+analyst\\s+\\S+\\s+\\d{4}-`));
});

test('admins manage keys over the API; the secret is shown once and never listed', async () => {
  const made = await request(server, {
    method: 'POST', path: '/api/v1/keys', key: ws.keys.admin, body: JSON.stringify({ role: 'monitor', name: 'field team 7' }),
  });
  assert.equal(made.status, 201, made.body);
  assert.match(made.json.key, /^vk_[0-9a-f]{16}_[0-9a-f]{64}$/);
  assert.match(made.json.created_by, /^admin one \(key [0-9a-f]{16}\)$/);
  await sleep(600);
  assert.equal((await request(server, { path: '/api/v1/me', key: made.json.key })).json.name, 'field team 7');
  const list = await request(server, { path: '/api/v1/keys', key: ws.keys.admin });
  assert.equal(list.status, 200);
  assert.ok(list.json.keys.some((k) => k.id === made.json.id));
  assert.ok(!list.body.includes(made.json.key.slice(20)), 'the secret is not listed');
  const revoked = await request(server, { method: 'DELETE', path: `/api/v1/keys/${made.json.id}`, key: ws.keys.admin });
  assert.equal(revoked.status, 200);
  assert.equal((await request(server, { method: 'DELETE', path: `/api/v1/keys/${made.json.id}`, key: ws.keys.admin })).status, 404);
  await sleep(600);
  assert.equal((await request(server, { path: '/api/v1/me', key: made.json.key })).status, 401);
  for (const body of ['{"role":"king","name":"x"}', '{"role":"monitor"}', '{"role":"monitor","name":"x","extra":1}', '[1]', 'nope'])
    assert.equal((await request(server, { method: 'POST', path: '/api/v1/keys', key: ws.keys.admin, body })).status, 400, body);
});

test('a server started on a workspace without keys says so and how to make one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-api-nokeys-'));
  const keyless = join(dir, 'ws.db');
  try {
    vigil(['init', '-w', keyless]);
    const bare = await startServer(keyless);
    try {
      for (let waited = 0; waited < 5000 && !bare.stderr().includes('no API key'); waited += 50) await sleep(50);
      assert.match(bare.stderr(), /has no API key yet, so every request will be refused; make one with `vigil keys add -w \S+ --role analyst/);
      assert.equal((await request(bare, { path: '/api/v1/me' })).status, 401);
    } finally {
      await bare.stop();
    }
    // With a key, nothing of the kind.
    assert.doesNotMatch(server.stderr(), /no API key yet/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
