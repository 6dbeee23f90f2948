// Limits and failure paths of vigil serve: body, header, time, connections and rate limits,
// malformed requests, static files, TLS, and a graceful stop that keeps accepted batches.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, startServer, request, observationLines, vigil, sleep } from './support.mjs';

const workspaces = [];
after(() => workspaces.forEach((w) => w.remove()));
function workspace() {
  const w = makeWorkspace();
  workspaces.push(w);
  return w;
}

// Sends raw bytes on a new connection; resolves with what came back when the server closes
// (or after `waitMs`).
function raw(server, bytes, waitMs = 3000) {
  return new Promise((resolve) => {
    const socket = net.connect(Number(server.url.port), server.url.hostname);
    let data = '';
    const started = Date.now();
    socket.on('data', (d) => { data += d; });
    socket.on('close', () => resolve({ data, closedAfterMs: Date.now() - started, closed: true }));
    socket.on('error', () => {});
    socket.write(bytes);
    setTimeout(() => { socket.destroy(); resolve({ data, closed: false }); }, waitMs);
  });
}

test('oversized bodies get 413, oversized headers 431, malformed requests 400; the server lives on', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--max-body-mb', '1']);
  try {
    const big = await request(server, { method: 'POST', path: '/api/v1/observations', key: ws.keys.monitor, body: 'x'.repeat(1100 * 1024) })
      .catch(() => ({ status: 'reset' }));
    assert.ok(big.status === 413 || big.status === 'reset', String(big.status));
    const header = await request(server, { path: '/api/v1/me', key: ws.keys.monitor, headers: { 'X-Padding': 'a'.repeat(20_000) } })
      .catch(() => ({ status: 'reset' }));
    assert.ok(header.status === 431 || header.status === 'reset', String(header.status));
    const garbage = await raw(server, 'GARBAGE\r\n\r\n');
    assert.match(garbage.data, /^HTTP\/1\.1 400/);
    const badVersion = await raw(server, 'GET /api/v1/me HTTP/9.9\r\nHost: x\r\n\r\n');
    assert.match(badVersion.data, /^HTTP\/1\.1 400/);
    const chunkedLie = await raw(server, 'POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    assert.match(chunkedLie.data, /^HTTP\/1\.1 400/);
    for (const body of ['{"start": 1e999999}', '['.repeat(100_000), '{"note":"' + '\\u0000'.repeat(1000) + '"}', '\u0000\u0001'])
      assert.equal((await request(server, { method: 'POST', path: '/api/v1/incidents', key: ws.keys.analyst, body })).status, 400);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.monitor })).status, 200);
  } finally {
    await server.stop();
  }
});

test('a large body arriving in pieces, with a request pipelined behind it, is stored and both answered; a cut-off body stores nothing', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws);
  try {
    const body = observationLines(4_000);  // about 450 KB: read past the HTTP parser
    assert.ok(body.length > 256 * 1024);
    const head = `POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.monitor}\r\n` +
      `Content-Type: application/x-ndjson\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const next = `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.monitor}\r\nConnection: close\r\n\r\n`;
    const answered = await new Promise((resolve) => {
      const socket = net.connect(Number(server.url.port), server.url.hostname);
      let data = '';
      socket.on('data', (d) => { data += d; });
      socket.on('close', () => resolve(data));
      socket.on('error', () => {});
      // The header with the body's first bytes, the rest in pieces, the next request glued on.
      const cut = [head + body.slice(0, 1000), body.slice(1000, 200_000), body.slice(200_000) + next];
      let i = 0;
      const send = () => { socket.write(cut[i++]); if (i < cut.length) setTimeout(send, 100); };
      send();
      setTimeout(() => socket.destroy(), 10_000);
    });
    const responses = answered.split(/(?=HTTP\/1\.1 )/);
    assert.equal(responses.length, 2, answered);
    assert.match(responses[0], /^HTTP\/1\.1 201/);
    assert.match(responses[0], /"added":4000/);
    assert.match(responses[1], /^HTTP\/1\.1 200/);
    assert.match(responses[1], /"role":"monitor"/);

    // The client promises more than it sends, then goes away: nothing of it is stored.
    const partial = await raw(server, head + body.slice(0, 300_000), 1500);
    assert.equal(partial.data, '');
    const stored = execFileSync('sqlite3', [ws.ws, 'SELECT count(*) FROM observations'], { encoding: 'utf8' });
    assert.equal(Number(stored), 4_000);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.monitor })).status, 200);
  } finally {
    await server.stop();
  }
});

test('a key over its rate gets 429 with Retry-After; other keys are served', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--rate', '2', '--burst', '5']);
  try {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(server, { path: '/api/v1/me', key: ws.keys.analyst })).status);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.ok(statuses.slice(5).every((s) => s === 429), statuses.join());
    const limited = await request(server, { path: '/api/v1/me', key: ws.keys.analyst });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.observer })).status, 200);
    await sleep(1100);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.analyst })).status, 200);
  } finally {
    await server.stop();
  }
});

test('a client that sends too slowly is cut off; connections beyond the limit are refused', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--timeout', '1', '--max-connections', '2']);
  try {
    const slow = await raw(server, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n', 4000);
    assert.ok(slow.closed, 'the half-sent request was dropped');
    assert.ok(slow.closedAfterMs < 3000, `after ${slow.closedAfterMs} ms`);
    const held = [net.connect(Number(server.url.port), '127.0.0.1'), net.connect(Number(server.url.port), '127.0.0.1')];
    await sleep(200);
    const third = await raw(server, `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.monitor}\r\n\r\n`, 2000);
    assert.ok(third.closed);
    assert.equal(third.data, '');
    held.forEach((s) => s.destroy());
    await sleep(300);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.monitor })).status, 200);
  } finally {
    await server.stop();
  }
});

test('the dashboard files are served without a key, and never from outside the web root', async () => {
  const ws = workspace();
  const web = join(ws.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>vigil</title>');
  writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(ws.dir, 'secret.txt'), 'secret');
  const server = await startServer(ws.ws, ['--web', web]);
  try {
    const index = await request(server, { path: '/' });
    assert.equal(index.status, 200);
    assert.match(index.headers['content-type'], /text\/html/);
    const js = await request(server, { path: '/assets/app-1a2b.js' });
    assert.match(js.headers['content-type'], /javascript/);
    assert.match(js.headers['cache-control'], /immutable/);
    assert.equal((await request(server, { path: '/incidents/abc' })).body, index.body, 'pages fall back to the app');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/missing.js']) {
      const res = await raw(server, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(res.data, /^HTTP\/1\.1 404/, path);
      assert.doesNotMatch(res.data, /secret/);
    }
    assert.equal((await request(server, { path: '/api/v1/me' })).status, 401);
  } finally {
    await server.stop();
  }
});

test('with --tls-cert and --tls-key the API is served over HTTPS', async (t) => {
  try { execFileSync('openssl', ['version']); } catch { t.skip('openssl is not installed'); return; }
  const ws = workspace();
  const cert = join(ws.dir, 'cert.pem'), key = join(ws.dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server = await startServer(ws.ws, ['--tls-cert', cert, '--tls-key', key]);
  try {
    assert.match(server.address, /^https:/);
    const res = await request(server, { path: '/api/v1/me', key: ws.keys.observer, agentOptions: { ca: execFileSync('cat', [cert]) } });
    assert.equal(res.status, 200);
    assert.equal(res.json.role, 'observer');
    const plain = await raw({ url: new URL(server.address.replace('https', 'http')) }, 'GET /api/v1/me HTTP/1.1\r\n\r\n', 2000);
    assert.doesNotMatch(plain.data, /observer/);
  } finally {
    await server.stop();
  }
  assert.throws(() => vigil(['serve', '-w', ws.ws, '--tls-cert', cert]), /go together/);
});

test('SIGTERM stops the server after it has stored the batch it accepted', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws);
  const body = observationLines(50_000);
  const pending = request(server, { method: 'POST', path: '/api/v1/observations', key: ws.keys.monitor, body });
  await sleep(150);
  server.child.kill('SIGTERM');
  const res = await pending;
  assert.equal(res.status, 201, res.body);
  assert.equal(res.json.added, 50_000);
  const { code } = await server.exited;
  assert.equal(code, 0);
  assert.match(server.stderr(), /stopping/);
  const stored = execFileSync('sqlite3', [ws.ws, 'SELECT count(*) FROM observations'], { encoding: 'utf8' });
  assert.equal(Number(stored), 50_000);
  vigil(['verify', '-w', ws.ws]);
});
