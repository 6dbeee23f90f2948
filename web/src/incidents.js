// The incident list, its filters and the detail panel with evidence, log and reviews.
import { api, allFeatures } from './api.js';
import { ruleColour, viewBox } from './map.js';

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const shortTime = (t) => (t ? t.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z') : '');

// What the filter form asks for, as API parameters and as a test for live incidents.
export function readFilters(form, map) {
  const data = new FormData(form);
  const params = {};
  if (data.get('from')) params.from = data.get('from');
  if (data.get('to')) params.to = `${data.get('to')}T23:59:59.999999Z`;
  if (data.get('rule')) params.rule = data.get('rule');
  const statuses = data.getAll('status');
  params.status = statuses.length ? statuses.join(',') : 'none';
  const confidence = Number(data.get('min_confidence'));
  if (confidence > 0) params.min_confidence = String(confidence);
  if (data.get('in_view')) params.bbox = viewBox(map);
  return params;
}

export function matches(feature, params) {
  const p = feature.properties;
  if (params.status && !params.status.split(',').includes(p.status)) return false;
  if (params.rule && params.rule.split(',').indexOf(p.rule) < 0) return false;
  if (params.min_confidence && p.confidence < Number(params.min_confidence)) return false;
  if (params.from && p.end < params.from) return false;
  if (params.to && p.start >= params.to) return false;
  if (params.bbox) {
    const [w, s, e, n] = params.bbox.split(',').map(Number);
    const [lon, lat] = feature.geometry.coordinates;
    if (lat < s || lat > n || lon < w || lon > e) return false;
  }
  return true;
}

export async function loadIncidents(params) {
  if (params.status === 'none') return [];
  return allFeatures('/incidents', params);
}

export function renderList(list, features, selectedId, onSelect) {
  list.replaceChildren(...features.slice(0, 500).map((f) => {
    const p = f.properties;
    const item = document.createElement('li');
    item.dataset.id = f.id;
    item.className = `incident ${p.status}${f.id === selectedId ? ' selected' : ''}`;
    item.innerHTML = `<span class="swatch" style="background:${ruleColour(p.rule)}"></span>
      <span class="rule">${escape(p.rule)}</span>
      <span class="status">${escape(p.status)}</span>
      <span class="time">${escape(shortTime(p.start))}</span>
      <span class="confidence">${Math.round(p.confidence * 100)}%</span>
      ${p.place ? `<span class="place">${escape(p.place)}</span>` : ''}`;
    item.addEventListener('click', () => onSelect(f.id));
    return item;
  }));
}

export async function renderDetail(container, id, role, onReviewed) {
  const incident = await api(`/incidents/${encodeURIComponent(id)}`);
  const canReview = role === 'analyst' || role === 'admin';
  const attributes = Object.entries(incident.attributes ?? {})
    .map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('');
  const evidence = (incident.evidence_observations ?? [])
    .map((o) => `<li><code>${escape(o.id)}</code> ${escape(o.kind)} · ${escape(o.source)} · ${escape(shortTime(o.time))}</li>`).join('');
  const reviews = incident.reviews.map((r) => `<li class="review ${escape(r.status)}"><strong>${escape(r.status)}</strong>
      ${r.by ? `by ${escape(r.by)}` : ''} · ${escape(shortTime(r.time))}<br />${escape(r.note)}</li>`).join('');
  container.innerHTML = `
    <h2><span class="swatch" style="background:${ruleColour(incident.rule)}"></span>${escape(incident.rule)}</h2>
    <p class="status-line"><span class="status ${escape(incident.status)}">${escape(incident.status)}</span>
      · ${escape(incident.severity)} · confidence ${Math.round(incident.confidence * 100)}%</p>
    <table>
      <tr><th>id</th><td><code>${escape(incident.id)}</code></td></tr>
      <tr><th>from</th><td>${escape(incident.start)}</td></tr>
      <tr><th>to</th><td>${escape(incident.end)}</td></tr>
      <tr><th>where</th><td>${incident.place ? `${escape(incident.place)}<br />` : ''}<span class="coordinates">${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}</span></td></tr>
      <tr><th>entities</th><td>${escape(incident.entities.join(', ') || '—')}</td></tr>
      <tr><th>recorded</th><td>${escape(shortTime(incident.recorded_at))} by ${escape(incident.recorded_by)}</td></tr>
      <tr><th>log record</th><td>#${incident.log_seq} <code class="hash">${escape(incident.log_hash)}</code></td></tr>
      ${attributes}
    </table>
    <h3>Evidence (${incident.evidence.length})</h3>
    ${evidence ? `<ul class="evidence">${evidence}</ul>` : `<p class="muted">${incident.evidence.length ? 'observations not shown to this role' : 'none'}</p>`}
    <h3>Reviews</h3>
    ${reviews ? `<ol class="reviews">${reviews}</ol>` : '<p class="muted">not reviewed yet</p>'}
    ${canReview ? `<form id="review-form">
      <textarea name="note" required placeholder="What did you check?"></textarea>
      <button type="submit" name="status" value="confirmed">Confirm</button>
      <button type="submit" name="status" value="dismissed">Dismiss</button>
      <p class="error" id="review-error"></p></form>` : ''}`;
  const form = container.querySelector('#review-form');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = event.submitter?.value ?? 'confirmed';
    try {
      await api(`/incidents/${encodeURIComponent(id)}/reviews`, { method: 'POST', body: { status, note: form.note.value } });
      await onReviewed(id);
    } catch (e) {
      form.querySelector('#review-error').textContent = e.message;
    }
  });
  return incident;
}
