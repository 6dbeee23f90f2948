// Starts real `vigil serve` processes on throwaway workspaces for the API tests.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';

export const VIGIL = process.env.VIGIL;
if (!VIGIL) throw new Error('set VIGIL to the vigil binary (ctest does)');

export function vigil(args, options = {}) {
  return execFileSync(VIGIL, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

// VIGIL_API_BACKEND=postgresql puts the workspaces in schemas of the PostgreSQL database
// VIGIL_TEST_POSTGRES (ctest's api_postgresql); their key file is then named by VIGIL_KEY.
export const BACKEND = process.env.VIGIL_API_BACKEND || 'sqlite';
let schemas = 0;

// A workspace with one key per role.
export function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-api-'));
  let ws = join(dir, 'ws.db');
  if (BACKEND === 'postgresql') {
    const server = process.env.VIGIL_TEST_POSTGRES;
    if (!server) throw new Error('VIGIL_API_BACKEND=postgresql needs VIGIL_TEST_POSTGRES');
    const schema = `vigil_api_${process.pid}_${++schemas}`;
    ws = `${server}${server.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}%2Cpublic`;
    process.env.VIGIL_KEY = join(dir, 'ws.key');
  }
  vigil(['init', '-w', ws]);
  const keys = {};
  for (const role of ['monitor', 'analyst', 'observer', 'admin'])
    keys[role] = vigil(['keys', 'add', '-w', ws, '--role', role, '--name', `${role} one`]).trim();
  return { dir, ws, keys, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// How to run vigil as a process that may read the workspace file but not write it: as
// `nobody` when the tests run as root (root writes any file whatever its mode), with a copy of
// the binary it may execute and a directory where it could make files (a test checks that it
// makes none); otherwise as this user, the file made read-only.
export function readOnlyRunner(ws) {
  chmodSync(ws.ws, 0o444);
  if (process.getuid() !== 0) return { command: VIGIL, prefix: [] };
  chmodSync(ws.dir, 0o777);
  const copy = join(ws.dir, 'vigil-binary');
  copyFileSync(VIGIL, copy);
  chmodSync(copy, 0o755);
  return { command: 'setpriv', prefix: ['--reuid=65534', '--regid=65534', '--clear-groups', copy] };
}

export function runAs(runner, args) {
  return execFileSync(runner.command, [...runner.prefix, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Runs one SQL query on the workspace behind vigil's back (sqlite3 or psql); its text out.
export function sql(ws, query) {
  return BACKEND === 'postgresql'
    ? execFileSync('psql', ['-At', '-c', query, ws], { encoding: 'utf8' })
    : execFileSync('sqlite3', [ws, query], { encoding: 'utf8' });
}

// `runner` runs vigil another way (readOnlyRunner below): { command, prefix }.
export async function startServer(ws, extraArgs = [], runner = { command: VIGIL, prefix: [] }) {
  const args = [...runner.prefix, 'serve', '-w', ws, '--listen', '127.0.0.1:0', ...extraArgs];
  const child = spawn(runner.command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const address = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    address,
    url: new URL(address),
    child,
    exited,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// One HTTP request; resolves with status, headers, body text and parsed JSON when it is JSON.
// With `onContinue`, the request asks for the go-ahead (Expect: 100-continue) and sends its body
// only after calling onContinue(): the server has then read the header and is receiving it.
export function request(server, { method = 'GET', path, key, body, headers = {}, agentOptions = {}, onContinue }) {
  const url = new URL(path, server.address);
  const transport = url.protocol === 'https:' ? https : http;
  const allHeaders = { ...headers };
  if (key) allHeaders.Authorization = `Bearer ${key}`;
  if (onContinue) Object.assign(allHeaders, { Expect: '100-continue', 'Content-Length': Buffer.byteLength(body ?? '') });
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method, headers: allHeaders, agent: false, ...agentOptions }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, body: text, bytes, json });
      });
    });
    req.on('error', reject);
    if (onContinue) {
      req.on('continue', () => {
        onContinue();
        req.end(body);
      });
      req.flushHeaders();
      return;
    }
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Observations as JSON Lines, `n` of them, one a minute from `start`, along a line in Donbas.
export function observationLines(n, { start = Date.UTC(2025, 2, 1), source = 'patrol:team-1', kind = 'shelling' } = {}) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const time = new Date(start + i * 60_000).toISOString();
    lines.push(JSON.stringify({ time, lat: 48 + (i % 100) / 1000, lon: 37.5 + Math.floor(i / 100) / 1000, kind, source }));
  }
  return lines.join('\n') + '\n';
}

// Reads Server-Sent Events until `count` events arrived (or the timeout); returns them.
export function readEvents(server, { key, since, lastEventId, count, timeoutMs = 5000 }) {
  const url = new URL(`/api/v1/events${since !== undefined ? `?since=${since}` : ''}`, server.address);
  const headers = { Authorization: `Bearer ${key}` };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const events = [];
  let opened;
  const ready = new Promise((r) => { opened = r; });
  const done = new Promise((resolve, reject) => {
    const req = http.request(url, { headers, agent: false }, (res) => {
      opened(res.statusCode);
      if (res.statusCode !== 200) { res.resume(); resolve({ status: res.statusCode, events }); return; }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            event[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (event.event) {
            events.push({ id: Number(event.id), event: event.event, data: JSON.parse(event.data) });
            if (events.length >= count) { req.destroy(); resolve({ status: 200, events }); }
          }
        }
      });
      res.on('end', () => resolve({ status: 200, events }));
    });
    req.on('error', () => resolve({ status: 0, events }));
    req.end();
    // unref: a long timeout must not hold the test process open once the events are in.
    setTimeout(() => { req.destroy(); resolve({ status: 200, events }); }, timeoutMs).unref();
  });
  return { ready, done };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
