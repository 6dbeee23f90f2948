// The sanctions analyst's view: vessels ranked by risk (or found by name), and a vessel's
// page with its identity history, list matches with their explanations, risk reasons and
// its track on the map.
import { api } from './api.js';

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const shortTime = (t) => (t ? t.replace('T', ' ').replace(/(\.\d+)?Z$/, 'Z') : '');
const mmsiText = (mmsi) => String(mmsi).padStart(9, '0');

// Rows for the list: the risk ranking, or the vessels whose name contains `name`.
export async function loadVessels(name) {
  if (name) {
    const page = await api(`/vessels?name=${encodeURIComponent(name)}&limit=500`);
    return page.vessels.map((v) => ({ mmsi: v.mmsi, name: v.name, flag: v.flag, score: null }));
  }
  const ranking = await api('/risk?limit=500');
  return ranking.vessels.map((v) => ({ mmsi: v.mmsi, name: v.name, flag: v.flag, score: v.score }));
}

export function renderVesselList(list, rows, selected, onSelect) {
  list.replaceChildren(...rows.map((row) => {
    const li = document.createElement('li');
    li.className = `vessel${row.mmsi === selected ? ' selected' : ''}`;
    li.dataset.mmsi = String(row.mmsi);
    li.innerHTML = `<span>${escape(row.name || '(no name)')}<br><span class="meta">MMSI ${mmsiText(row.mmsi)} · ${escape(row.flag || '?')}</span></span>`
      + (row.score === null ? '' : `<span class="score" title="risk score">${row.score}</span>`);
    li.addEventListener('click', () => onSelect(row.mmsi));
    return li;
  }));
}

// The vessel page and its track; returns the track for the map.
export async function loadVessel(mmsi) {
  const [page, track] = await Promise.all([api(`/vessels/${mmsiText(mmsi)}`), api(`/vessels/${mmsiText(mmsi)}/track`)]);
  return { page, track };
}

export function renderVessel(el, { page, track }) {
  const v = page.vessel;
  const risk = page.risk;
  const reasons = risk
    ? `<p>Risk score <strong>${risk.score}</strong></p><ul class="reasons">${risk.reasons.map((r) =>
      `<li><strong>+${r.points}</strong> ${escape(r.signal)}: ${escape(r.detail)}</li>`).join('')}</ul>`
    : '<p class="muted">No risk signal.</p>';
  const matches = page.matches.length
    ? `<ul class="matches">${page.matches.map((m) =>
      `<li><strong>${escape(m.list)}</strong> ${escape(m.entry)} (${escape(m.basis)}, ${m.score}): ${escape(m.explanation)}</li>`).join('')}</ul>`
    : '<p class="muted">On no loaded list.</p>';
  const history = page.history.map((h) =>
    `<tr class="${h.change ? 'change' : ''}"><td>${escape(shortTime(h.first))}</td><td>${escape(h.attribute)}</td><td>${escape(h.value)}</td></tr>`).join('');
  const holders = page.imo_holders.length
    ? `<h3>IMO ${escape(v.imo)} broadcast by</h3><table class="history">${page.imo_holders.map((h) =>
      `<tr><td>${escape(shortTime(h.first))} – ${escape(shortTime(h.last))}</td><td>${escape(h.attribute)}</td><td>${escape(h.value)}</td></tr>`).join('')}</table>`
    : '';
  el.innerHTML = `
    <h2>${escape(v.name || '(no name)')}</h2>
    <table>
      <tr><th>MMSI</th><td>${mmsiText(v.mmsi)} (${escape(v.flag || '?')})</td></tr>
      <tr><th>IMO</th><td>${escape(v.imo ?? '—')}${v.imo && !v.imo_valid ? ' <span class="error">(check digit wrong)</span>' : ''}</td></tr>
      <tr><th>Call sign</th><td>${escape(v.callsign ?? '—')}</td></tr>
      <tr><th>Type</th><td>${escape(v.ship_type ?? '—')}</td></tr>
      <tr><th>Heard</th><td>${escape(shortTime(v.first_seen))} – ${escape(shortTime(v.last_seen))}</td></tr>
      <tr><th>Positions</th><td>${v.positions}${track.properties.truncated ? ` (map shows the first ${track.properties.positions})` : ''}</td></tr>
    </table>
    <h3>Sanctions lists</h3>${matches}
    <h3>Risk</h3>${reasons}
    <h3>Identity history</h3>
    <table class="history"><tr><th>from</th><th>attribute</th><th>value</th></tr>${history}</table>
    ${holders}`;
}
