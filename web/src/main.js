// The dashboard: sign in with a key, then the map, the incident list and live updates.
import './style.css';
import { api, apiFile, session, followEvents } from './api.js';
import { createMap, setIncidents, setSelected, fitTo, setLineAndZones, setTrack, setCoverageGaps, setObservations, setListedVessels, viewBox } from './map.js';
import { readFilters, matches, loadIncidents, renderList, renderDetail, arrange } from './incidents.js';
import { summarize } from './summary.js';
import { flyToPoint, hoverSummary, setIncidentTracks, setSourceFootprint } from './map.js';
import { loadSource, renderSource } from './sources.js';
import { loadVessels, renderVesselList, loadVessel, renderVessel } from './vessels.js';
import { loadPublished, renderPublished, publishedHtml, draftHtml, publish, reportPdf } from './reports.js';
import { loadCommitments, commitmentsHtml, commitmentsCsv, renderYears } from './commitments.js';

const $ = (selector) => document.querySelector(selector);
const state = { me: null, features: [], selected: null, params: {}, live: false, stopEvents: null };
window.vigil = { state };  // for the browser tests and for the curious

function show(view) {
  $('#login').hidden = view !== 'login';
  $('#app').hidden = view !== 'map' && view !== 'vessels';
  $('#side').hidden = view !== 'map';
  $('#vessel-side').hidden = view !== 'vessels';
  $('#report').hidden = view !== 'report';
  $('#commitments').hidden = view !== 'commitments';
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === view);
  if (view === 'map' || view === 'vessels') state.map?.resize();
  if (view === 'vessels' && !state.vessels) refreshVessels();
  if (view === 'report' && !state.published) refreshPublished();
  if (view === 'commitments' && !state.commitments) showCommitments();
}

// The commitments tab: the latest year first, any year the table gives on request.
async function showCommitments(year) {
  const status = $('#commitments-status');
  status.textContent = 'loading…';
  try {
    state.commitments = await loadCommitments(year);
    const chosen = state.commitments.year;
    renderYears($('#commitments-form').year, state.commitments.years, chosen);
    $('#commitments-frame').srcdoc = await commitmentsHtml(chosen);
    const csv = await commitmentsCsv(chosen);
    const link = $('#commitments-csv');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `commitments-${chosen}.csv`;
    status.textContent = `${state.commitments.allies.length} allies, ${state.commitments.donors.length} donors`;
    document.body.dataset.commitmentsShown = String(chosen);
  } catch (error) {
    state.commitments = null;
    status.textContent = error.status === 404 ? `${error.message}.` : error.message;
    $('#commitments-frame').srcdoc = '';
    document.body.dataset.commitmentsShown = 'none';
  }
}

// The report tab: the publications, newest first; the chosen one shown as it was frozen.
async function refreshPublished() {
  try {
    state.published = await loadPublished();
  } catch (e) {
    state.published = [];
    $('#report-status').textContent = e.message;
  }
  renderPublished($('#published-list'), state.published, state.publication, showPublication);
  // The tab opens on the latest publication rather than on nothing.
  if (!state.publication && !state.draftShown && state.published.length > 0) await showPublication(state.published[0].id);
  state.publishedLoaded = (state.publishedLoaded ?? 0) + 1;
  document.body.dataset.publishedLoaded = String(state.publishedLoaded);
}

async function showPublication(id) {
  state.publication = id;
  renderPublished($('#published-list'), state.published, id, showPublication);
  $('#report-frame').srcdoc = await publishedHtml(id);
  state.reportShown = { publication: id };
  $('#report-pdf').disabled = false;
  document.body.dataset.reportShown = `published:${id}`;
}

// The optional layers: observations in the view and dates, and listed vessels' last
// positions (analysts).
// The observations the layer shows: the map's view and the chosen dates.
function observationQuery() {
  const query = new URLSearchParams({ bbox: viewBox(state.map) });
  if (state.params.from) query.set('from', state.params.from);
  if (state.params.to) query.set('to', state.params.to);
  return query;
}

async function loadLayers() {
  const form = $('#layers-form');
  const info = [];
  let observations = null, listed = null;
  $('#observations-export').hidden = !form.observations.checked;
  try {
    if (form.observations.checked) {
      const query = observationQuery();
      query.set('limit', '5000');
      observations = await api(`/observations?${query}`);
      info.push(`${observations.features.length}${observations.next ? '+ (the first 5,000)' : ''} observations`);
    }
    if (form.listed.checked) {
      listed = await api('/screening?format=geojson');
      info.push(`${listed.features.length} listed vessel${listed.features.length === 1 ? '' : 's'} heard`);
    }
  } catch (e) {
    info.push(e.message);
  }
  setObservations(state.map, observations);
  setListedVessels(state.map, listed);
  $('#layers-info').textContent = info.join('; ');
  state.layersLoaded = (state.layersLoaded ?? 0) + 1;
  document.body.dataset.layersLoaded = String(state.layersLoaded);
}

// The vessels tab: the list (risk ranking or a name search) and the chosen vessel's page.
async function refreshVessels() {
  const name = $('#vessel-form').name.value.trim();
  document.body.dataset.vesselsLoading = 'true';
  try {
    state.vessels = await loadVessels(name);
    $('#vessel-count').textContent = `${state.vessels.length} vessel${state.vessels.length === 1 ? '' : 's'}${name ? '' : ' with a risk signal, highest first'}`;
  } catch (e) {
    state.vessels = [];
    $('#vessel-count').textContent = e.message;
  } finally {
    document.body.dataset.vesselsLoading = 'false';
  }
  renderVesselList($('#vessel-list'), state.vessels, state.vessel, selectVessel);
  state.vesselsLoaded = (state.vesselsLoaded ?? 0) + 1;
  document.body.dataset.vesselsLoaded = String(state.vesselsLoaded);
}

async function selectVessel(mmsi) {
  state.vessel = mmsi;
  renderVesselList($('#vessel-list'), state.vessels ?? [], mmsi, selectVessel);
  $('#detail').hidden = false;
  setSelected(state.map, null);
  setSourceFootprint(state.map, null);
  try {
    const loaded = await loadVessel(mmsi);
    renderVessel($('#detail-body'), loaded);
    setTrack(state.map, loaded.track);
  } catch (e) {
    // A vessel an incident names may have no reports in this workspace (a manual incident).
    $('#detail-body').innerHTML = `<h2>MMSI ${String(mmsi).padStart(9, '0')}</h2><p class="muted">${e.status === 404 ? 'No reports of this vessel in the workspace.' : ''}</p>`;
    $('#detail-body').querySelector('p').append(e.status === 404 ? '' : e.message);
    setTrack(state.map, null);
  }
  state.vesselLoaded = (state.vesselLoaded ?? 0) + 1;
  document.body.dataset.vesselLoaded = String(state.vesselLoaded);
}

// A source's page in the detail panel, its footprint of the day drawn on the map.
async function selectSource(source, date) {
  $('#detail').hidden = false;
  setSelected(state.map, null);
  setIncidentTracks(state.map, null);
  try {
    const page = await loadSource(source, date);
    renderSource($('#detail-body'), page, {
      onIncident: (id) => select(id),
      onShow: () => setSourceFootprint(state.map, page.footprint),
    });
    setSourceFootprint(state.map, page.footprint);
  } catch (e) {
    $('#detail-body').innerHTML = '<h2></h2><p class="muted"></p>';
    $('#detail-body h2').textContent = source;
    $('#detail-body p').textContent = e.message;
    setSourceFootprint(state.map, null);
  }
  state.sourceLoaded = (state.sourceLoaded ?? 0) + 1;
  document.body.dataset.sourceLoaded = String(state.sourceLoaded);
}

async function signIn(key) {
  session.key = key;
  try {
    state.me = await api('/me');
  } catch (e) {
    session.key = null;
    $('#login-error').textContent = e.status === 401 ? 'This key is not valid here.' : e.message;
    show('login');
    return;
  }
  $('#who').textContent = `${state.me.name} · ${state.me.role}`;
  $('#logout').hidden = false;
  document.body.dataset.role = state.me.role;
  show('map');
  await start();
}

// The incidents the list and the map show: the loaded ones that match the search, in the
// chosen order (newest first unless another is chosen).
function shown() {
  const form = $('#list-form');
  return arrange(state.features, form.q.value, form.sort.value);
}

function renderIncidentList() {
  state.shown = shown();
  renderList($('#incident-list'), state.shown, state.selected, select);
}

function render() {
  const features = state.features;
  renderIncidentList();
  setIncidents(state.map, state.shown);
  const searched = state.shown.length !== features.length;
  $('#count').textContent = `${searched ? `${state.shown.length} of ` : ''}${features.length} incident${features.length === 1 ? '' : 's'}`;
  const rules = new Set([...features.map((f) => f.properties.rule), ...[...$('#filters').rule.options].map((o) => o.value).filter(Boolean)]);
  const ruleSelect = $('#filters').rule;
  const chosen = ruleSelect.value;
  ruleSelect.replaceChildren(new Option('all rules', ''), ...[...rules].sort().map((r) => new Option(r, r)));
  ruleSelect.value = chosen;
}

async function refresh({ fit = false } = {}) {
  state.params = readFilters($('#filters'), state.map);
  document.body.dataset.loading = 'true';
  try {
    state.features = await loadIncidents(state.params);
  } finally {
    document.body.dataset.loading = 'false';
  }
  render();
  // The first view frames what the top of the list holds (the newest hundred), not every
  // incident ever logged: a ten-year-old finding elsewhere would zoom the map out to a continent.
  if (fit) fitTo(state.map, state.shown.slice(0, 100));
  state.loaded = (state.loaded ?? 0) + 1;
  document.body.dataset.loaded = String(state.loaded);
}

// A maritime incident's vessels, three hours either side of it (analysts and admins: the
// tracks are theirs to see).
async function showIncidentTracks(feature, { fit }) {
  const p = feature.properties;
  const mmsis = (p.entities ?? []).map((e) => /^mmsi:(\d{9})$/.exec(e)?.[1]).filter(Boolean);
  if (!p.rule.startsWith('maritime.') || mmsis.length === 0 || state.me.role === 'observer') return;
  const margin = 3 * 3600 * 1000;
  const from = new Date(Date.parse(p.start) - margin).toISOString();
  const to = new Date(Date.parse(p.end ?? p.start) + margin).toISOString();
  const names = new Map((p.attributes?.vessel_details ?? []).map((v) => [String(v.mmsi).padStart(9, '0'), v.name]));
  const tracks = await Promise.all(mmsis.map(async (mmsi) => {
    try {
      return { mmsi, name: names.get(mmsi), track: await api(`/vessels/${mmsi}/track?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`) };
    } catch {
      return { mmsi, track: null };
    }
  }));
  if (state.selected !== feature.id) return;
  setIncidentTracks(state.map, tracks, p.start, p.end, { fit });
  state.tracksShown = (state.tracksShown ?? 0) + 1;
  document.body.dataset.tracksShown = String(state.tracksShown);
}

// Chooses an incident: its page opens, the map flies to it and the list scrolls to it.
async function select(id, { fly = true } = {}) {
  state.selected = id;
  const feature = state.features.find((f) => f.id === id);
  setSelected(state.map, feature);
  $('#detail').hidden = false;
  renderIncidentList();
  $(`#incident-list li[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  setIncidentTracks(state.map, null);
  setSourceFootprint(state.map, null);
  if (fly && feature?.geometry) flyToPoint(state.map, feature.geometry.type === 'Point' ? feature.geometry.coordinates : [feature.properties.lon, feature.properties.lat]);
  if (feature) showIncidentTracks(feature, { fit: fly });
  await renderDetail($('#detail-body'), id, state.me.role, async () => {
    await refresh();
    await select(id, { fly: false });
  }, {
    onEntity: (mmsi) => selectVessel(mmsi),
    onSource: (source, date) => selectSource(source, date),
    onShow: (point) => flyToPoint(state.map, point, { zoom: 12 }),
  });
  state.selectedShown = (state.selectedShown ?? 0) + 1;
  document.body.dataset.selectedShown = String(state.selectedShown);
}

function onEvent(kind, data) {
  if (kind === 'reset') return refresh();
  if (kind === 'incident') {
    const at = state.features.findIndex((f) => f.id === data.id);
    if (at >= 0) state.features[at] = data;
    else if (matches(data, state.params)) state.features.push(data);
    render();
  } else if (kind === 'review') {
    const f = state.features.find((x) => x.id === data.incident);
    if (f) {
      f.properties.status = data.status;
      if (!matches(f, state.params)) state.features = state.features.filter((x) => x !== f);
      render();
    }
    if (state.selected === data.incident) select(data.incident);
  } else if (kind === 'retract') {
    // Observers: an incident they were shown confirmed is no longer.
    state.features = state.features.filter((x) => x.id !== data.incident);
    if (state.selected === data.incident) {
      state.selected = null;
      $('#detail').hidden = true;
    }
    render();
  } else if (kind === 'report') {
    if (state.published) refreshPublished();
  } else if (kind === 'line' || (kind === 'log' && data.kind === 'sensors' && $('#line-form').coverage.checked)) {
    // A new line version, settlement or sensor declaration changes what the map draws.
    loadLine();
  }
}

// The day's coverage per sector: kilometres of line watched, the sensors that reported
// nothing, and how many sensors' footprints the map draws.
function renderCoveragePanel(panel, coverage) {
  panel.hidden = !coverage;
  if (!coverage) return panel.replaceChildren();
  const escape = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = Object.entries(coverage.sectors).sort((a, b) => a[1].observed_km / a[1].line_km - b[1].observed_km / b[1].line_km).map(([name, s]) => {
    const share = s.line_km > 0 ? s.observed_km / s.line_km : 0;
    const colour = share >= 0.8 ? '#2e7d32' : share >= 0.5 ? '#f9a825' : '#c62828';
    return `<tr data-sector="${escape(name)}"><td>${escape(name)}</td><td>${s.observed_km.toFixed(0)} / ${s.line_km.toFixed(0)} km</td>
      <td>${Math.round(share * 100)}%<span class="meter"><span style="width:${Math.round(share * 100)}%;background:${colour}"></span></span></td></tr>`;
  });
  const footprints = coverage.footprints?.features ?? [];
  const outages = coverage.outages.map((o) => `<li>${escape(o.sensor)} (${escape(o.kind)}) reported nothing</li>`);
  panel.innerHTML = `<table><thead><tr><th>sector</th><th>watched</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>
    <ul>${outages.join('') || '<li>every declared camera reported</li>'}
    <li>${footprints.filter((f) => f.properties.kind === 'camera').length} cameras, ${footprints.filter((f) => f.properties.kind !== 'camera').length} patrols and UAV flights drawn</li></ul>`;
}

// The line of contact in force on the chosen date (the latest without one) and the
// settlement's zones around it; nothing when the workspace has no line.
async function loadLine() {
  // Answers can come back out of order (a date typed, then a box ticked): only the latest
  // call draws.
  const call = (state.lineCall = (state.lineCall ?? 0) + 1);
  const date = $('#line-form').line_date.value;
  const query = date ? `?date=${date}` : '';
  let line = null, zones = null, sectors = null, coverage = null, info = '';
  try {
    const versions = (await api('/lines')).versions;
    if (versions.length > 0) {
      const name = versions[0].name;
      line = await api(`/lines/${encodeURIComponent(name)}${query}`);
      const props = line.features[0].properties;
      info = `${props.name}, valid from ${props.valid_from}, ${props.length_km} km`;
      try {
        zones = await api(`/zones${query}`);
        sectors = await api(`/sectors${query}`);
      } catch (e) { if (e.status !== 404) throw e; }
      if ($('#line-form').coverage.checked) {
        if (!date) info += '; choose a date for coverage';
        else {
          try {
            coverage = await api(`/coverage?date=${date}`);
            info += `; ${coverage.observed_km.toFixed(0)} of ${coverage.line_km.toFixed(0)} km watched`;
          } catch (e) { info += `; coverage: ${e.message}`; }
        }
      }
    }
  } catch (e) {
    info = e.status === 404 ? e.message : `line: ${e.message}`;
  }
  if (call !== state.lineCall) return;
  setLineAndZones(state.map, line, zones, sectors);
  setCoverageGaps(state.map, coverage);
  renderCoveragePanel($('#coverage-panel'), coverage);
  $('#line-info').textContent = info;
  state.lineLoaded = (state.lineLoaded ?? 0) + 1;
  document.body.dataset.lineLoaded = String(state.lineLoaded);
}

async function start() {
  if (!state.map) {
    state.map = createMap('map');
    window.vigil.map = state.map;
    // A click on the map chooses the incident and scrolls the list to it, leaving the map
    // where the user put it.
    state.map.on('click', 'incidents', (e) => select(e.features[0].properties.id, { fly: false }));
    hoverSummary(state.map, 'incidents', (id) => {
      const feature = state.features.find((f) => f.id === id);
      return feature ? summarize(feature.properties) : null;
    });
    state.map.on('moveend', () => {
      if ($('#filters').in_view.checked) refresh();
      if ($('#layers-form').observations.checked) loadLayers();
    });
    state.map.on('click', 'listed-vessels', (e) => selectVessel(Number(e.features[0].properties.mmsi)));
    state.map.on('mouseenter', 'listed-vessels', () => { state.map.getCanvas().style.cursor = 'pointer'; });
    state.map.on('mouseleave', 'listed-vessels', () => { state.map.getCanvas().style.cursor = ''; });
    await new Promise((resolve) => state.map.once('load', resolve));
  }
  const status = await api('/status');
  await refresh({ fit: true });
  loadLine();
  state.stopEvents?.();
  state.stopEvents = followEvents(status.log_head?.seq ?? 0, onEvent, (live) => {
    state.live = live;
    $('#live').classList.toggle('on', live);
  });
}

$('#login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn($('#key').value.trim());
});
$('#logout').addEventListener('click', () => {
  state.stopEvents?.();
  session.key = null;
  location.reload();
});
$('#filters').addEventListener('change', async () => {
  await refresh();
  if ($('#layers-form').observations.checked) loadLayers();
});
$('#layers-form').addEventListener('change', () => loadLayers());
$('#layers-form').addEventListener('submit', (e) => e.preventDefault());
$('#line-form').addEventListener('change', () => loadLine());
$('#line-form').addEventListener('submit', (e) => e.preventDefault());
$('#filters').min_confidence.addEventListener('input', (e) => { $('#confidence-value').textContent = e.target.value; });
$('#vessel-form').addEventListener('submit', (e) => {
  e.preventDefault();
  refreshVessels();
});
$('#close-detail').addEventListener('click', () => {
  $('#detail').hidden = true;
  state.selected = null;
  state.vessel = null;
  setTrack(state.map, null);
  setSelected(state.map, null);
  setIncidentTracks(state.map, null);
  renderIncidentList();
});
$('#list-form').addEventListener('input', () => render());
// Exports what the list holds now (its filters and search), in the list's order.
$('#export-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const format = e.target.format.value;
  const status = $('#export-status');
  const features = state.shown ?? [];
  if (features.length === 0) { status.textContent = 'nothing to export'; return; }
  status.textContent = `exporting ${features.length}…`;
  try {
    const { blob, name } = format === 'geojson'
      ? { blob: new Blob([JSON.stringify({ type: 'FeatureCollection', features })], { type: 'application/geo+json' }), name: 'incidents.geojson' }
      : await apiFile('/incidents/export', { format, ids: features.slice(0, 10000).map((f) => f.id) });
    const link = $('#export-link');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    status.textContent = `${Math.min(features.length, 10000)} incidents in ${name}`;
  } catch (error) {
    status.textContent = error.message;
  }
  state.exported = (state.exported ?? 0) + 1;
  document.body.dataset.exported = String(state.exported);
});
$('#export-form').addEventListener('change', (e) => e.stopPropagation());
$('#list-form').addEventListener('submit', (e) => e.preventDefault());
for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => show(b.dataset.tab));
$('#commitments-form').year.addEventListener('change', (e) => showCommitments(Number(e.target.value)));
$('#report-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const date = new FormData(e.target).get('date');
  $('#report-status').textContent = '';
  try {
    state.draftShown = true;
    $('#report-frame').srcdoc = await draftHtml(date);
    state.reportShown = { date };
    $('#report-pdf').disabled = false;
    document.body.dataset.reportShown = `draft:${date}`;
  } catch (error) {
    $('#report-status').textContent = error.message;
  }
});
$('#publish').addEventListener('click', async () => {
  const form = $('#report-form');
  if (!form.reportValidity()) return;
  const date = form.date.value;
  $('#report-status').textContent = `publishing the report of ${date}…`;
  try {
    const published = await publish(date, form.note.value.trim());
    $('#report-status').textContent = `published as number ${published.id}, log record ${published.log_seq}`;
    form.note.value = '';
    await refreshPublished();
    await showPublication(published.id);
  } catch (error) {
    $('#report-status').textContent = error.message;
  }
});

// The observations in the view and dates as a file, all of them (the layer draws the first
// 5,000).
$('#export-observations').addEventListener('click', async () => {
  const query = observationQuery();
  query.set('format', $('#layers-form').observationsFormat.value);
  $('#layers-info').textContent = 'exporting the observations…';
  try {
    const { blob, name } = await apiFile(`/observations/export?${query}`);
    const link = $('#observations-link');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    $('#layers-info').textContent = `saved as ${name}`;
  } catch (error) {
    $('#layers-info').textContent = error.message;
  }
});
$('#layers-form').observationsFormat.addEventListener('change', (e) => e.stopPropagation());
$('#report-pdf').addEventListener('click', async () => {
  if (!state.reportShown) return;
  const status = $('#report-status');
  status.textContent = 'drawing the PDF…';
  try {
    const { blob, name } = await reportPdf(state.reportShown);
    const link = $('#report-pdf-link');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    status.textContent = `saved as ${name}`;
  } catch (error) {
    status.textContent = error.message;
  }
});

if (session.key) signIn(session.key);
else show('login');
