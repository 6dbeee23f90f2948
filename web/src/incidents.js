// The incident list, its filters and the detail panel with evidence, log and reviews.
import { api, allFeatures } from './api.js';
import { ruleColour, viewBox } from './map.js';
import { ruleLabel } from './palette.js';
import { summarize, label, sourceLabel } from './summary.js';
import { sourceLink } from './sources.js';

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
    if (!feature.geometry) return false;
    const [lon, lat] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [p.lon, p.lat];
    if (lat < s || lat > n || lon < w || lon > e) return false;
  }
  return true;
}

export async function loadIncidents(params) {
  if (params.status === 'none') return [];
  return allFeatures('/incidents', params);
}

const SEVERITY_ORDER = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const byTime = (a, b) => (a.properties.start < b.properties.start ? -1 : a.properties.start > b.properties.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const SORTS = {
  newest: (a, b) => byTime(b, a),
  oldest: byTime,
  severity: (a, b) => (SEVERITY_ORDER[b.properties.severity] ?? -1) - (SEVERITY_ORDER[a.properties.severity] ?? -1) || byTime(b, a),
  confidence: (a, b) => b.properties.confidence - a.properties.confidence || byTime(b, a),
};

// What a search matches: the summary, the place, the rule and its label, entities, the id and
// every attribute value.
function searchText(f) {
  const p = f.properties;
  const values = Object.values(p.attributes ?? {}).flatMap((v) => (typeof v === 'object' ? JSON.stringify(v) : [String(v)]));
  return [summarize(p), p.place, p.rule, ruleLabel(p.rule), ...(p.entities ?? []), f.id, p.status, p.severity, ...values]
    .join(' ').toLowerCase();
}

// The features the list shows: those matching every word of the query, in the chosen order.
export function arrange(features, query, sort) {
  const words = String(query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const kept = words.length ? features.filter((f) => { const text = searchText(f); return words.every((w) => text.includes(w)); }) : [...features];
  return kept.sort(SORTS[sort] ?? SORTS.newest);
}

export function renderList(list, features, selectedId, onSelect) {
  list.replaceChildren(...features.slice(0, 500).map((f) => {
    const p = f.properties;
    const item = document.createElement('li');
    item.dataset.id = f.id;
    item.className = `incident ${p.status}${f.id === selectedId ? ' selected' : ''}`;
    item.title = summarize(p);
    item.innerHTML = `<span class="swatch" style="background:${ruleColour(p.rule)}"></span>
      <span class="summary">${escape(summarize({ ...p, place: null }))}</span>
      <span class="status">${escape(p.status)}</span>
      <span class="time">${escape(shortTime(p.start))} · ${escape(p.severity)}</span>
      <span class="confidence">${Math.round(p.confidence * 100)}%</span>
      ${p.place ? `<span class="place">${escape(p.place)}</span>` : !f.geometry ? '<span class="place muted">position not known</span>' : ''}`;
    item.addEventListener('click', () => onSelect(f.id));
    return item;
  }));
}

// A link is shown only when it is a web address; anything else stays text.
const isWebLink = (value) => typeof value === 'string' && /^https?:\/\/[^\s"'<>]+$/.test(value);

// One evidence report: what it said, when, where, by whom, its media, and a button to show it.
function evidenceItem(o) {
  const a = o.attributes ?? {};
  const said = a.description || a.title || a.note || '';
  const details = [label('kind', o.kind) || o.kind];
  if (a.weapon_class) details.push(`${label('weapon_class', a.weapon_class)}${a.count > 1 ? ` ×${a.count}` : ''}`);
  else if (a.count > 1) details.push(`×${a.count}`);
  if (o.entity) details.push(o.entity);
  const media = Object.entries(a).filter(([, v]) => isWebLink(v))
    .map(([k, v]) => `<a href="${escape(v)}" target="_blank" rel="noopener noreferrer">${escape(k)}</a>`);
  return `<li data-observation="${escape(o.id)}">
      <div><strong>${escape(details.join(' · '))}</strong> by ${escape(sourceLabel(o.source))} (${sourceLink(o.source)})</div>
      <div class="muted">${escape(shortTime(o.time))} · ${o.place ? `${escape(o.place)} · ` : ''}${o.lat.toFixed(4)}, ${o.lon.toFixed(4)}${o.uncertainty_m ? ` ± ${Math.round(o.uncertainty_m)} m` : ''}</div>
      ${said ? `<div class="said">${escape(said)}</div>` : ''}
      <div>${media.length ? `${media.join(' · ')} · ` : ''}<button type="button" class="link show-on-map" data-lon="${o.lon}" data-lat="${o.lat}">show on map</button></div>
    </li>`;
}

// An entity as a link to its page where it has one (a vessel), else as text.
function entityHtml(entity) {
  const mmsi = /^mmsi:(\d{9})$/.exec(entity);
  return mmsi ? `<button type="button" class="link entity" data-mmsi="${mmsi[1]}">${escape(entity)}</button>` : escape(entity);
}

function attributeValue(key, value, linkSources) {
  if (key === 'vessel_details' && Array.isArray(value))
    return value.map((v) => {
      const facts = [v.class, v.length_m ? `${v.length_m} m` : ''].filter(Boolean).map(escape);
      return `${escape(v.name || '—')} (<button type="button" class="link entity" data-mmsi="${escape(v.mmsi)}">mmsi:${escape(v.mmsi)}</button>${facts.length ? `, ${facts.join(', ')}` : ''})`;
    }).join('<br />');
  if (key === 'sources' && Array.isArray(value))
    return value.map((s) => `${escape(sourceLabel(s))} ${linkSources ? sourceLink(s) : `<span class="muted">${escape(s)}</span>`}`).join('<br />');
  if (typeof value === 'object') return escape(JSON.stringify(value));
  if (key === 'distance_m' || key === 'min_distance_m') return `${escape(value)} m`;
  const worded = label(key, value);
  return escape(worded !== String(value).replaceAll('_', ' ') ? `${worded} (${value})` : value);
}

// The incident's page. `onEntity(mmsi)` opens a vessel, `onSource(source, date)` a source's
// page (analysts); `onShow([lon, lat])` shows a point.
export async function renderDetail(container, id, role, onReviewed, { onEntity, onSource, onShow } = {}) {
  const incident = await api(`/incidents/${encodeURIComponent(id)}`);
  const canReview = role === 'analyst' || role === 'admin';
  const attributes = Object.entries(incident.attributes ?? {})
    .map(([k, v]) => `<tr><th>${escape(k.replaceAll('_', ' '))}</th><td>${attributeValue(k, v, canReview)}</td></tr>`).join('');
  const evidence = (incident.evidence_observations ?? []).map(evidenceItem).join('');
  const reviews = incident.reviews.map((r) => `<li class="review ${escape(r.status)}"><strong>${escape(r.status)}</strong>
      ${r.by ? `by ${escape(r.by)}` : ''} · ${escape(shortTime(r.time))}<br />${escape(r.note)}</li>`).join('');
  container.innerHTML = `
    <h2><span class="swatch" style="background:${ruleColour(incident.rule)}"></span>${escape(summarize({ ...incident, place: null }))}</h2>
    <p class="rule-line">${escape(ruleLabel(incident.rule))} <code>${escape(incident.rule)}</code></p>
    <p class="status-line"><span class="status ${escape(incident.status)}">${escape(incident.status)}</span>
      · ${escape(incident.severity)} · confidence ${Math.round(incident.confidence * 100)}%</p>
    <table>
      <tr><th>id</th><td><code>${escape(incident.id)}</code></td></tr>
      <tr><th>from</th><td>${escape(incident.start)}</td></tr>
      <tr><th>to</th><td>${escape(incident.end)}</td></tr>
      <tr><th>where</th><td>${incident.attributes?.position_known === false ? 'position not known (heard in a static report alone)' : `${incident.place ? `${escape(incident.place)}<br />` : ''}<span class="coordinates">${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}</span>`}</td></tr>
      <tr><th>entities</th><td>${incident.entities.map(entityHtml).join(', ') || '—'}</td></tr>
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
  for (const button of container.querySelectorAll('button.entity'))
    button.addEventListener('click', () => onEntity?.(Number(button.dataset.mmsi)));
  for (const button of container.querySelectorAll('button.source'))
    button.addEventListener('click', () => onSource?.(button.dataset.source, incident.start.slice(0, 10)));
  for (const button of container.querySelectorAll('button.show-on-map'))
    button.addEventListener('click', () => onShow?.([Number(button.dataset.lon), Number(button.dataset.lat)]));
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
