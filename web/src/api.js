// The API client: every request carries the key; errors carry the API's message.
const KEY = 'vigil.key';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Authorization: `Bearer ${session.key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  if (!res.ok) {
    const error = json?.error ?? {};
    throw new ApiError(res.status, error.message ?? `HTTP ${res.status}`, error.field);
  }
  return json ?? text;
}

// A file the API answers with (an export, a report's PDF): its bytes as a Blob and the name it
// suggests. With a body the request is a POST of it, without one a GET.
export async function apiFile(path, body) {
  const headers = { Authorization: `Bearer ${session.key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let error = {};
    try { error = (await res.json()).error ?? {}; } catch { /* not JSON */ }
    throw new ApiError(res.status, error.message ?? `HTTP ${res.status}`, error.field);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export';
  return { blob: await res.blob(), name };
}

// Every page of a listing, up to `max` features.
export async function allFeatures(path, params, max = 20000) {
  const features = [];
  let cursor = null;
  do {
    const query = new URLSearchParams(params);
    query.set('limit', '5000');
    if (cursor) query.set('cursor', cursor);
    const page = await api(`${path}?${query}`);
    features.push(...page.features);
    cursor = page.next;
  } while (cursor && features.length < max);
  return features;
}

// Server-Sent Events over fetch (EventSource cannot send the key). Calls onEvent for each
// event and reconnects from the last id after a drop.
export function followEvents(since, onEvent, onState) {
  let lastId = since;
  let stopped = false;
  let controller;
  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch(`/api/v1/events?since=${lastId}`, {
          headers: { Authorization: `Bearer ${session.key}` }, signal: controller.signal,
        });
        if (!res.ok) throw new Error(`events: HTTP ${res.status}`);
        onState(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = {};
            for (const line of block.split('\n')) {
              const colon = line.indexOf(':');
              if (colon > 0) event[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
            if (!event.event) continue;
            lastId = Number(event.id);
            onEvent(event.event, JSON.parse(event.data));
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  connect();
  return () => { stopped = true; controller?.abort(); };
}
