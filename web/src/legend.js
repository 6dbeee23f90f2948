// The map's legend: what each colour on it means, in the palette the report's map uses. It
// lists the rules of the incidents shown (with their counts) and the settlement's layers that
// are drawn, nothing that is not on the map.
import { palette, ruleColour, ruleLabel } from './palette.js';

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export class LegendControl {
  onAdd() {
    this.container = document.createElement('div');
    this.container.className = 'maplibregl-ctrl legend';
    this.container.id = 'legend';
    this.incidents = [];
    this.layers = {};
    // Open on a wide screen; on a phone it would hide half the map until asked for.
    this.open = window.matchMedia('(min-width: 701px)').matches;
    this.container.addEventListener('toggle', (e) => { this.open = e.target.open; }, true);
    this.draw();
    return this.container;
  }

  onRemove() {
    this.container.remove();
  }

  // The incidents shown (GeoJSON features).
  setIncidents(features) {
    this.incidents = features;
    this.draw();
  }

  // Which settlement layers are drawn: { line, control, parties: [id, id] | null,
  // disengagement, unobserved } (booleans, or the parties' ids for security zones).
  setLayers(layers) {
    this.layers = { ...this.layers, ...layers };
    this.draw();
  }

  draw() {
    if (!this.container) return;
    const counts = new Map();
    for (const f of this.incidents) counts.set(f.properties.rule, (counts.get(f.properties.rule) ?? 0) + 1);
    const rows = [...counts].sort((a, b) => b[1] - a[1]).map(([rule, n]) =>
      `<li data-rule="${escape(rule)}"><span class="dot" style="background:${ruleColour(rule)}"></span>${escape(ruleLabel(rule))} <span class="muted">${n}</span></li>`);
    const l = this.layers;
    if (l.line) rows.push(`<li data-layer="line"><span class="bar" style="background:${palette.line}"></span>line of contact</li>`);
    if (l.control) rows.push(`<li data-layer="control"><span class="box" style="background:${palette.control}"></span>area the line encloses</li>`);
    for (const [i, party] of (l.parties ?? []).entries())
      rows.push(`<li data-layer="security"><span class="box" style="background:${palette.parties[i]};opacity:0.5"></span>security zone, ${escape(party)} side</li>`);
    if (l.disengagement) rows.push(`<li data-layer="disengagement"><span class="box" style="background:${palette.disengagement};opacity:0.6"></span>disengagement area</li>`);
    if (l.cameras) rows.push(`<li data-layer="cameras"><span class="box" style="background:${palette.watched};opacity:0.4"></span>camera's field of view (grey: reported nothing)</li>`);
    if (l.tracks) rows.push(`<li data-layer="tracks"><span class="bar dashed" style="border-color:${palette.watched}"></span>patrol or UAV track</li>`);
    if (l.unobserved) rows.push(`<li data-layer="unobserved"><span class="bar wide" style="background:${palette.unobserved};opacity:0.6"></span>not observed that day</li>`);
    this.container.hidden = rows.length === 0;
    this.container.innerHTML = `<details${this.open ? ' open' : ''}><summary>Legend</summary><ul>${rows.join('')}</ul></details>`;
  }
}
