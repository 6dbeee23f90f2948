// The OpenAPI 3.1 description at /api/v1/openapi.json, against the live server: every
// operation it documents exists (an unauthenticated call is refused with 401, not 404 or
// 405), and paths it does not document are not there. The C++ test
// (tests/unit/server/openapi_test.cpp) checks the other direction against the route table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeWorkspace, startServer, request } from './support.mjs';

let ws, server;
before(async () => {
  ws = makeWorkspace();
  server = await startServer(ws.ws);
});
after(async () => {
  await server?.stop();
  ws?.remove();
});

test('the description is served to any key holder, and documents only what the server answers, with its roles', async () => {
  assert.equal((await request(server, { path: '/api/v1/openapi.json' })).status, 401);
  const res = await request(server, { path: '/api/v1/openapi.json', key: ws.keys.monitor });
  assert.equal(res.status, 200);
  const document = res.json;
  assert.equal(document.openapi, '3.1.0');
  // What the server says of a path it has no route for, and of a method a path lacks.
  const absent = (answer) => (answer.status === 404 && answer.json?.error?.message === 'no such resource') || answer.status === 405;
  assert.ok(absent(await request(server, { path: '/api/v1/ghosts', key: ws.keys.admin })));
  assert.ok(absent(await request(server, { method: 'DELETE', path: '/api/v1/risk', key: ws.keys.admin })));
  let operations = 0;
  for (const [path, methods] of Object.entries(document.paths)) {
    const concrete = path.replace(/\{[^}]+\}/g, '00000000000000000000000000000000');
    for (const [method, operation] of Object.entries(methods)) {
      const call = (key) => request(server, { method: method.toUpperCase(), path: concrete, key, body: method === 'get' ? undefined : '{}' });
      // Every role may be an admin's: the route is there if an admin is not told it is absent.
      const answer = method === 'get' && path === '/api/v1/events' ? { status: 200 } : await call(ws.keys.admin);
      assert.ok(!absent(answer), `${method.toUpperCase()} ${path} is documented but the server has no such route: ${answer.status} ${answer.body}`);
      // A role the description leaves out is refused with 403.
      for (const role of ['monitor', 'analyst', 'observer'].filter((r) => !operation['x-vigil-roles'].includes(r))) {
        const refused = await call(ws.keys[role]);
        assert.equal(refused.status, 403, `${role} ${method.toUpperCase()} ${path}`);
      }
      operations++;
    }
  }
  assert.equal(operations, 34);
});
