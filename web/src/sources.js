// A reporting source's page (a patrol, a camera, a UAV): what it was declared as, what it
// reported day by day, and the incidents of the day it reported.
import { api } from './api.js';
import { ruleColour } from './map.js';
import { ruleLabel } from './palette.js';
import { label, sourceLabel } from './summary.js';

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export async function loadSource(source, date) {
  return api(`/sources/${encodeURIComponent(source)}${date ? `?date=${date}` : ''}`);
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// A source id as a link to its page.
export function sourceLink(source) {
  return `<button type="button" class="link source" data-source="${escape(source)}">${escape(source)}</button>`;
}

function declaredText(d) {
  if (!d) return 'not a declared sensor: the coverage does not count it';
  if (d.kind === 'camera')
    return `camera at ${d.lat.toFixed(4)}, ${d.lon.toFixed(4)}, ${d.range_km} km range, looking ${Math.round(d.azimuth_deg)}° across ${Math.round(d.fov_deg)}°`;
  return `${d.kind === 'uav' ? 'UAV flight' : 'patrol'} seeing ${d.reach_km} km either side of its track`;
}

// One bar per day of the window, as tall as what the source reported that day.
export function activityChart(page) {
  const end = Date.parse(`${page.date}T00:00:00Z`);
  const days = Array.from({ length: page.days }, (_, i) => new Date(end - (page.days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const perDay = new Map(days.map((d) => [d, 0]));
  for (const a of page.activity) perDay.set(a.date, (perDay.get(a.date) ?? 0) + a.count);
  const most = Math.max(1, ...perDay.values());
  const width = 300, height = 70, bar = width / days.length;
  const bars = days.map((d, i) => {
    const n = perDay.get(d);
    const h = Math.round((n / most) * (height - 14));
    return `<rect x="${(i * bar + 1).toFixed(1)}" y="${height - 12 - h}" width="${(bar - 2).toFixed(1)}" height="${h}" class="${d === page.date ? 'chosen' : ''}"><title>${d}: ${n}</title></rect>`;
  }).join('');
  return `<svg class="activity" viewBox="0 0 ${width} ${height}" role="img" aria-label="reports per day, ${days[0]} to ${page.date}">${bars}
    <text x="0" y="${height - 1}">${days[0].slice(5)}</text><text x="${width}" y="${height - 1}" text-anchor="end">${page.date.slice(5)}</text></svg>`;
}

// `onIncident(id)` opens an incident, `onShow()` frames the footprint on the map.
export function renderSource(container, page, { onIncident, onShow } = {}) {
  const kinds = Object.entries(page.by_kind).sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${escape(label('kind', k) || k)} ${n}`).join(', ');
  const incidents = page.incidents.map((i) => `<li><button type="button" class="link incident-link" data-id="${escape(i.id)}">
      <span class="swatch" style="background:${ruleColour(i.rule)}"></span>${escape(i.start.slice(11, 16))} ${escape(ruleLabel(i.rule))}</button>
      <span class="muted">${escape(i.place ?? '')} · ${escape(i.status)}</span></li>`).join('');
  container.innerHTML = `
    <h2>${escape(capitalised(sourceLabel(page.source)))} <code>${escape(page.source)}</code></h2>
    <p>${escape(declaredText(page.declared))}</p>
    <p>${page.observations} report${page.observations === 1 ? '' : 's'} in the ${page.days} days to ${escape(page.date)}${kinds ? `: ${kinds}` : ''}.</p>
    ${activityChart(page)}
    ${page.footprint.features.length ? `<p><button type="button" class="link show-footprint">show where it could see on ${escape(page.date)}</button>${page.footprint.features.some((f) => !f.properties.reported) ? ' <span class="muted">(it reported nothing that day)</span>' : ''}</p>` : ''}
    <h3>Incidents it reported on ${escape(page.date)} (${page.incident_count})</h3>
    ${incidents ? `<ul class="source-incidents">${incidents}</ul>` : '<p class="muted">none</p>'}`;
  for (const button of container.querySelectorAll('button.incident-link')) button.addEventListener('click', () => onIncident?.(button.dataset.id));
  container.querySelector('button.show-footprint')?.addEventListener('click', () => onShow?.());
}
