// Limits and failure paths of vigil serve: body, header, time, connections and rate limits,
// malformed requests, static files, TLS, and a graceful stop that keeps accepted batches.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, symlinkSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  BACKEND, makeWorkspace, startServer, request, observationLines, readEvents, vigil, sleep, readOnlyRunner, runAs,
} from './support.mjs';

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
  const slowServer = await startServer(ws.ws, ['--timeout', '1']);
  try {
    const slow = await raw(slowServer, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n', 4000);
    assert.ok(slow.closed, 'the half-sent request was dropped');
    assert.ok(slow.closedAfterMs < 3000, `after ${slow.closedAfterMs} ms`);
  } finally {
    await slowServer.stop();
  }
  // The cap on a server with the default (10 s) header timeout: the held connections stay
  // for as long as the test needs them, however slowly a loaded machine runs it.
  const server = await startServer(ws.ws, ['--max-connections', '2']);
  try {
    const held = [net.connect(Number(server.url.port), '127.0.0.1'), net.connect(Number(server.url.port), '127.0.0.1')];
    held.forEach((s) => s.on('error', () => {}));
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

// Opens `n` connections from `localAddress`, each sending `bytes`; resolves once each has
// answered with a status line, closed, or stayed silent for `settleMs`. The sockets stay open
// (held) until `release()`.
async function hold(server, n, bytes, localAddress, settleMs = 1500) {
  const sockets = [];
  const outcomes = await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const socket = net.connect({ port: Number(server.url.port), host: '127.0.0.1', localAddress });
    sockets.push(socket);
    let data = '';
    const timer = setTimeout(() => resolve(data ? data.slice(9, 12) : 'silent'), settleMs);
    socket.on('data', (d) => {
      data += d;
      if (data.length >= 12) { clearTimeout(timer); resolve(data.slice(9, 12)); }
    });
    socket.on('close', () => { clearTimeout(timer); resolve(data ? data.slice(9, 12) : 'closed'); });
    socket.on('error', () => {});
    socket.on('connect', () => socket.write(bytes));
  })));
  const count = {};
  for (const o of outcomes) count[o] = (count[o] || 0) + 1;
  return { count, release: () => sockets.forEach((s) => s.destroy()) };
}

async function timedMe(server, key, localAddress = '127.0.0.1') {
  const started = Date.now();
  const res = await request(server, { path: '/api/v1/me', key, agentOptions: { localAddress } });
  return { status: res.status, ms: Date.now() - started };
}

// The probe's lock-out: 1,024 event streams of one observer key took every connection slot.
test('1,030 event streams of one key neither lock out another key nor exceed the per-key cap', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--max-connections-per-address', '2000']);
  const streams = [];
  try {
    const ask = `GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.observer}\r\n\r\n`;
    // In batches, as a client would open them, so that the refusals can close as they go.
    const count = {};
    for (let batch = 0; batch < 10; batch++) {
      const held = await hold(server, 103, ask, '127.0.0.2', 1000);
      streams.push(held);
      for (const [k, v] of Object.entries(held.count)) count[k] = (count[k] || 0) + v;
    }
    assert.equal(count['200'], 16, `16 streams admitted (the default cap): ${JSON.stringify(count)}`);
    assert.equal(count['429'], 1030 - 16, JSON.stringify(count));
    const me = await timedMe(server, ws.keys.analyst);
    assert.equal(me.status, 200);
    assert.ok(me.ms < 1000, `GET /me took ${me.ms} ms`);
    const mine = readEvents(server, { key: ws.keys.analyst, since: 0, count: 1, timeoutMs: 1000 });
    assert.equal(await mine.ready, 200, 'another key still opens its own stream');
  } finally {
    streams.forEach((s) => s.release());
    await server.stop();
  }
});

test('one address holding silent or half-sent connections takes only its own share', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--max-connections-per-address', '50', '--header-timeout', '2', '--timeout', '30']);
  let held;
  try {
    held = await hold(server, 120, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n', '127.0.0.3', 800);
    assert.equal(held.count.silent, 50, JSON.stringify(held.count));
    assert.equal(held.count.closed, 70, JSON.stringify(held.count));
    const me = await timedMe(server, ws.keys.analyst);
    assert.equal(me.status, 200);
    assert.ok(me.ms < 1000, `GET /me took ${me.ms} ms`);
    // The header timeout (2 s), not the request timeout (30 s), lets the half-sent ones go.
    const started = Date.now();
    const slow = await raw(server, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n', 6000);
    assert.ok(slow.closed && Date.now() - started < 4000, `closed after ${Date.now() - started} ms`);
  } finally {
    held?.release();
    await server.stop();
  }
});

test('an address that keeps failing to authenticate is answered 429 without its keys being tried', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws, ['--auth-failure-rate', '2']);
  try {
    const statuses = [];
    for (let i = 0; i < 110; i++) {
      statuses.push((await request(server, { path: '/api/v1/me', key: 'vk_wrong', agentOptions: { localAddress: '127.0.0.4' } })).status);
    }
    assert.ok(statuses.slice(0, 100).every((s) => s === 401), 'a burst of 100 failures is answered 401');
    assert.ok(statuses.slice(102).every((s) => s === 429), statuses.slice(100).join());
    const limited = await request(server, { path: '/api/v1/me', key: ws.keys.analyst, agentOptions: { localAddress: '127.0.0.4' } });
    assert.equal(limited.status, 429, 'while limited, the address is not answered even with a good key');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((await timedMe(server, ws.keys.analyst)).status, 200, 'other addresses are served');
    assert.equal((await request(server, { path: '/api/v1/me', key: 'vk_wrong' })).status, 401);
    await sleep(1100);
    assert.equal((await request(server, { path: '/api/v1/me', key: ws.keys.analyst, agentOptions: { localAddress: '127.0.0.4' } })).status, 200);
  } finally {
    await server.stop();
  }
});

// Transfer-Encoding other than a lone "chunked" once ended the body early, and the body was
// answered as a second request.
test('an ambiguous Transfer-Encoding is refused with one 400, never read as two requests', async () => {
  const ws = workspace();
  const server = await startServer(ws.ws);
  try {
    const inner = `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.analyst}\r\n\r\n`;
    for (const coding of ['chunked, identity', 'identity', 'gzip, chunked', 'chunked\r\nTransfer-Encoding: chunked']) {
      const body = `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`;
      const res = await raw(server, `POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.analyst}\r\nTransfer-Encoding: ${coding}\r\n\r\n${body}`);
      assert.match(res.data, /^HTTP\/1\.1 400/, coding);
      assert.equal(res.data.match(/HTTP\/1\.1 /g).length, 1, `${coding}: ${res.data}`);
    }
    const both = await raw(server, `POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.keys.analyst}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
    assert.match(both.data, /^HTTP\/1\.1 400/);
    assert.equal(both.data.match(/HTTP\/1\.1 /g).length, 1, both.data);
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

// The probe's attack: the dashboard in a folder named by the workspace's stem, beside it, so
// that a request target without its leading '/' named the signing key and the database.
test('a web root beside the workspace gives out neither its key nor its database', async () => {
  const ws = workspace();
  const web = join(ws.dir, 'ws');  // beside ws.db and ws.db.key
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>vigil</title>');
  symlinkSync(join(ws.dir, 'ws.db.key'), join(web, 'key.txt'));
  const secret = readFileSync(join(ws.dir, 'ws.db.key'), 'latin1').slice(0, 24);
  const server = await startServer(ws.ws, ['--web', web]);
  try {
    for (const [target, status] of [['.db.key', 400], ['.db', 400], ['.db.pub', 400],
      ['/../ws.db.key', 404], ['/..%2fws.db.key', 404], ['/%2e%2e/ws.db', 404], ['/key.txt', 404],
      ['http://x/../ws.db.key', 400]]) {
      const res = await raw(server, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(res.data, new RegExp(`^HTTP/1\\.1 ${status}`), target);
      assert.ok(!res.data.includes(secret), `${target}: the key was answered`);
      assert.doesNotMatch(res.data, /SQLite format/, target);
      assert.ok(res.data.length < 1000, `${target}: ${res.data.length} bytes answered`);
    }
    assert.equal((await request(server, { path: '/' })).status, 200, 'the server lives on');
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
  // SIGTERM once the server has read the request's header, before the body is sent: a stop waits
  // for requests being received (a fixed delay raced the server's accept under load).
  const res = await request(server, {
    method: 'POST', path: '/api/v1/observations', key: ws.keys.monitor, body,
    onContinue: () => server.child.kill('SIGTERM'),
  });
  assert.equal(res.status, 201, res.body);
  assert.equal(res.json.added, 50_000);
  const { code } = await server.exited;
  assert.equal(code, 0);
  assert.match(server.stderr(), /stopping; finishing 1 requests/);
  const stored = execFileSync('sqlite3', [ws.ws, 'SELECT count(*) FROM observations'], { encoding: 'utf8' });
  assert.equal(Number(stored), 50_000);
  vigil(['verify', '-w', ws.ws]);
});

test('a workspace this server may not write is served for reading: writes get 503 with the reason, nothing is made beside it', async (t) => {
  if (BACKEND === 'postgresql') { t.skip('a read-only PostgreSQL workspace is a matter of grants'); return; }
  const ws = workspace();
  const count = async (server) => {
    const res = await request(server, { path: '/api/v1/observations?limit=100', key: ws.keys.analyst });
    assert.equal(res.status, 200, res.body);
    return res.json.features.length;
  };
  const post = (server, n, start) => request(server, {
    method: 'POST', path: '/api/v1/observations', key: ws.keys.monitor,
    body: observationLines(n, { start }),
  });
  const sideFiles = () => ['-wal', '-shm', '-journal'].filter((s) => existsSync(ws.ws + s));
  const writer = await startServer(ws.ws);
  const runner = readOnlyRunner(ws);
  try {
    assert.equal((await post(writer, 10, Date.UTC(2025, 2, 1))).status, 201);
    // While a writer has it open, the reader shares its index and sees its new commits.
    const reader = await startServer(ws.ws, [], runner);
    try {
      for (let i = 0; i < 20 && !/read-only/.test(reader.stderr()); i++) await sleep(50);
      assert.match(reader.stderr(), /is read-only \(this process may not write its file\).*every write is answered 503/);
      assert.equal(await count(reader), 10);
      assert.equal((await post(writer, 5, Date.UTC(2025, 2, 2))).status, 201);
      assert.equal(await count(reader), 15);
      const refused = await post(reader, 5, Date.UTC(2025, 2, 3));
      assert.equal(refused.status, 503, refused.body);
      assert.match(refused.json.error.message, /read-only.*serves reads only/);
      for (const [method, path, key] of [['POST', '/api/v1/detect', ws.keys.analyst],
        ['POST', '/api/v1/incidents', ws.keys.analyst], ['DELETE', '/api/v1/keys/0123456789abcdef', ws.keys.admin]]) {
        const res = await request(reader, { method, path, key, body: '{}' });
        assert.equal(res.status, 503, `${method} ${path}: ${res.body}`);
      }
      assert.equal((await request(reader, { path: '/api/v1/me', key: ws.keys.observer })).status, 200);
    } finally {
      await reader.stop();
    }
  } finally {
    await writer.stop();
  }
  assert.deepEqual(sideFiles(), [], 'the writer, last to close, removed its log and index');
  const digest = () => createHash('sha256').update(readFileSync(ws.ws)).digest('hex');
  const before = digest();
  // Without a writer the file alone is the workspace: read as it is, nothing made beside it.
  const reader = await startServer(ws.ws, [], runner);
  try {
    assert.equal(await count(reader), 15);
    assert.equal((await post(reader, 1, Date.UTC(2025, 2, 4))).status, 503);
    assert.deepEqual(sideFiles(), []);
  } finally {
    await reader.stop();
  }
  assert.match(runAs(runner, ['status', '-w', ws.ws]), /observations\s+15 /);
  assert.match(runAs(runner, ['verify', '-w', ws.ws]), /verified/);
  assert.throws(() => runAs(runner, ['detect', '-w', ws.ws]),
    (e) => e.status === 1 && /read-only.*nothing was changed/.test(e.stderr));
  assert.deepEqual(sideFiles(), []);
  assert.equal(digest(), before, 'the file is byte for byte what it was');
});
