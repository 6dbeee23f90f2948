// The map: an offline basemap from Natural Earth (world-atlas), and vigil's layers on top.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is bundled beside the app, so the map needs no network but vigil serve.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { feature, mesh } from 'topojson-client';
import countries from 'world-atlas/countries-50m.json';
import { cutAtAntimeridian } from './antimeridian.js';
import { palette, ruleColourExpression } from './palette.js';
import { LegendControl } from './legend.js';
import places from 'virtual:places';

// Incidents are coloured by their rule, from the palette the report's map shares.
export { ruleColour } from './palette.js';

maplibregl.setWorkerUrl(workerUrl);

const empty = { type: 'FeatureCollection', features: [] };

// Which places are labelled from which zoom: cities from 4, towns from 7, villages from 9.
const PLACE_TIERS = [
  { id: 'cities', minzoom: 4, min: 100_000, max: Infinity, size: 13 },
  { id: 'towns', minzoom: 7, min: 10_000, max: 100_000, size: 12 },
  { id: 'villages', minzoom: 9, min: 0, max: 10_000, size: 11 },
];

function placeLayers(tier) {
  const filter = ['all', ['>=', ['get', 'population'], tier.min], ['<', ['get', 'population'], tier.max === Infinity ? 1e12 : tier.max]];
  return [
    {
      id: `place-dots-${tier.id}`, type: 'circle', source: 'places', minzoom: tier.minzoom, filter,
      paint: { 'circle-radius': tier.size / 5, 'circle-color': '#4a4a4a' },
    },
    {
      id: `place-labels-${tier.id}`, type: 'symbol', source: 'places', minzoom: tier.minzoom, filter,
      layout: {
        'text-field': ['get', 'name'], 'text-size': tier.size, 'text-anchor': 'top', 'text-offset': [0, 0.4],
        'symbol-sort-key': ['-', ['get', 'population']], 'text-optional': false,
      },
      paint: { 'text-color': '#333333', 'text-halo-color': '#f4f1ea', 'text-halo-width': 1.5 },
    },
  ];
}

const WATER = '#cfe0ea';
const RIVER = '#8fb3c9';

// Rivers by GSHHG's level: 1 the double-lined (Dnipro, Danube), 2 the major, 3 and 4 the
// others, which appear as the map zooms in (only Ukraine's window has them).
const hydrographyLayers = [
  { id: 'lakes', type: 'fill', source: 'lakes', minzoom: 3, filter: ['==', ['get', 'kind'], 'lake'], paint: { 'fill-color': WATER, 'fill-outline-color': RIVER } },
  // The Kakhovka reservoir, drained since its dam was destroyed in June 2023: its old bed.
  { id: 'drained', type: 'fill', source: 'lakes', filter: ['==', ['get', 'kind'], 'drained'], paint: { 'fill-color': '#e8e4d4' } },
  {
    id: 'drained-shore', type: 'line', source: 'lakes', filter: ['==', ['get', 'kind'], 'drained'],
    paint: { 'line-color': RIVER, 'line-width': 0.8, 'line-dasharray': [2, 2] },
  },
  {
    id: 'drained-label', type: 'symbol', source: 'lakes', minzoom: 7.5, filter: ['==', ['get', 'kind'], 'drained'],
    layout: { 'text-field': ['get', 'name'], 'text-size': 10, 'text-max-width': 10 },
    paint: { 'text-color': '#7d93a3', 'text-halo-color': '#e8e4d4', 'text-halo-width': 1 },
  },
  {
    id: 'rivers', type: 'line', source: 'rivers',
    filter: ['any', ['<=', ['get', 'level'], 2], ['>=', ['zoom'], ['match', ['get', 'level'], 3, 6, 7.5]]],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': RIVER,
      'line-width': ['interpolate', ['linear'], ['zoom'], 3, ['match', ['get', 'level'], 1, 1, 0.5], 9, ['match', ['get', 'level'], 1, 3, 2, 2, 1.2]],
    },
  },
];

// Ports from the World Port Index from zoom 7; the Russian oil terminals the port-call rule
// watches from zoom 4, in their own colour.
const portLayers = [
  {
    id: 'port-dots', type: 'circle', source: 'ports',
    filter: ['any', ['==', ['get', 'kind'], 'oil_terminal'], ['>=', ['zoom'], 7]],
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'oil_terminal', 4, 3],
      'circle-color': ['match', ['get', 'kind'], 'oil_terminal', '#6d4c41', '#1f5f8b'],
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
    },
  },
  {
    id: 'port-labels', type: 'symbol', source: 'ports',
    filter: ['any', ['all', ['==', ['get', 'kind'], 'oil_terminal'], ['>=', ['zoom'], 5]], ['>=', ['zoom'], 7]],
    layout: {
      'text-field': ['get', 'name'], 'text-size': 11, 'text-max-width': 12,
      'text-variable-anchor': ['left', 'right', 'top', 'bottom'], 'text-radial-offset': 0.7,
    },
    paint: { 'text-color': ['match', ['get', 'kind'], 'oil_terminal', '#6d4c41', '#1f5f8b'], 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
  },
];

// The basemap's rivers, lakes, oblasts and ports arrive in their own chunk once the map has
// loaded, so the first screen (and its first listing, which waits for 'load') does not wait
// for them: given to the map at 'style.load', they held 'load' back by the two seconds the
// worker takes to tile them.
function loadBasemap(map) {
  const loaded = new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
  return Promise.all([import('virtual:basemap'), loaded]).then(([{ default: basemap }]) => {
    for (const name of ['rivers', 'lakes', 'oblasts', 'ports']) map.getSource(name)?.setData(basemap[name]);
  });
}

export function createMap(container) {
  const land = cutAtAntimeridian(feature(countries, countries.objects.land));
  const borders = cutAtAntimeridian(mesh(countries, countries.objects.countries, (a, b) => a !== b));
  const map = new maplibregl.Map({
    container,
    center: [37.8, 48.2],
    zoom: 5,
    attributionControl: { compact: true, customAttribution: 'Natural Earth · rivers GSHHG/WDBII · oblasts © OpenStreetMap (ODbL) · places © GeoNames (CC BY 4.0) · World Port Index' },
    style: {
      version: 8,
      sources: {
        land: { type: 'geojson', data: land },
        borders: { type: 'geojson', data: borders },
        places: { type: 'geojson', data: places },
        rivers: { type: 'geojson', data: empty },
        lakes: { type: 'geojson', data: empty },
        oblasts: { type: 'geojson', data: empty },
        ports: { type: 'geojson', data: empty },
        zones: { type: 'geojson', data: empty },
        line: { type: 'geojson', data: empty },
        incidents: { type: 'geojson', data: empty },
        selected: { type: 'geojson', data: empty },
        track: { type: 'geojson', data: empty },
        sectors: { type: 'geojson', data: empty },
        coverage: { type: 'geojson', data: empty },
        observations: { type: 'geojson', data: empty },
        listed: { type: 'geojson', data: empty },
        'incident-tracks': { type: 'geojson', data: empty },
        footprints: { type: 'geojson', data: empty },
        'source-footprint': { type: 'geojson', data: empty },
      },
      layers: [
        { id: 'sea', type: 'background', paint: { 'background-color': WATER } },
        { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f4f1ea' } },
        ...hydrographyLayers,
        {
          id: 'oblast-boundaries', type: 'line', source: 'oblasts', minzoom: 4, filter: ['==', ['get', 'kind'], 'boundary'],
          paint: { 'line-color': '#c2b9a8', 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 9, 1], 'line-dasharray': [4, 2, 1, 2] },
        },
        { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#857a6b', 'line-width': 1.2, 'line-dasharray': [3, 2] } },
        {
          id: 'oblast-labels', type: 'symbol', source: 'oblasts', minzoom: 5, maxzoom: 8.5, filter: ['==', ['get', 'kind'], 'label'],
          layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-letter-spacing': 0.08, 'text-transform': 'uppercase', 'text-max-width': 8 },
          paint: { 'text-color': '#8c8273', 'text-halo-color': '#f4f1ea', 'text-halo-width': 1 },
        },
        // The settlement's zones (withdrawal lines, security zone), then the line of contact.
        {
          id: 'zones', type: 'fill', source: 'zones', filter: ['match', ['get', 'kind'], ['security', 'disengagement'], true, false],
          paint: {
            'fill-color': ['match', ['get', 'kind'], 'security', ['match', ['get', 'party_index'], 0, palette.parties[0], palette.parties[1]], palette.disengagement],
            'fill-opacity': ['match', ['get', 'kind'], 'security', 0.16, 0.45],
          },
        },
        {
          id: 'withdrawal-lines', type: 'line', source: 'zones', filter: ['==', ['get', 'kind'], 'withdrawal'],
          paint: { 'line-color': ['match', ['get', 'party_index'], 0, palette.parties[0], palette.parties[1]], 'line-width': 0.6, 'line-dasharray': [4, 3] },
        },
        // The line's sectors as coloured bands under it, and the stretches nobody watched.
        {
          id: 'sectors', type: 'line', source: 'sectors',
          paint: {
            'line-color': ['match', ['%', ['get', 'index'], 6], 0, '#1b9e77', 1, '#d95f02', 2, '#7570b3', 3, '#e7298a', 4, '#66a61e', '#e6ab02'],
            'line-width': 7, 'line-opacity': 0.45,
          },
        },
        { id: 'control', type: 'fill', source: 'line', filter: ['==', ['get', 'role'], 'control'], paint: { 'fill-color': palette.control, 'fill-opacity': 0.6 } },
        // Where the declared sensors could see that day: cameras' fields of view, patrols' and
        // UAVs' tracks; a sensor that reported nothing in grey.
        {
          id: 'footprint-areas', type: 'fill', source: 'footprints', filter: ['==', ['geometry-type'], 'Polygon'],
          paint: { 'fill-color': ['case', ['get', 'reported'], palette.watched, palette.outage], 'fill-opacity': 0.25, 'fill-outline-color': ['case', ['get', 'reported'], palette.watched, palette.outage] },
        },
        {
          id: 'footprint-tracks', type: 'line', source: 'footprints', filter: ['==', ['geometry-type'], 'LineString'],
          paint: { 'line-color': ['case', ['get', 'reported'], palette.watched, palette.outage], 'line-width': 1.5, 'line-dasharray': [2, 1.5] },
        },
        // Unwatched stretches: a broad translucent band under the line, as on the report's map.
        { id: 'coverage-gaps', type: 'line', source: 'coverage', paint: { 'line-color': palette.unobserved, 'line-width': 7, 'line-opacity': 0.6 }, layout: { 'line-cap': 'round' } },
        { id: 'line', type: 'line', source: 'line', filter: ['==', ['get', 'role'], 'line'], paint: { 'line-color': palette.line, 'line-width': 2 } },
        // Towns and villages (GeoNames) over the zones, under vigil's points; more of them as the
        // map zooms in, larger places first.
        // Ports under the towns: where labels collide, the town's is kept.
        ...portLayers,
        ...PLACE_TIERS.flatMap(placeLayers),
        // What monitors, cameras, drones and receivers reported: small dots under the incidents,
        // vessels' AIS positions in blue, everything else in grey.
        {
          id: 'observations', type: 'circle', source: 'observations',
          paint: {
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 1.5, 10, 4],
            'circle-color': ['match', ['get', 'kind'], 'position', '#4a90c2', '#555555'],
            'circle-opacity': 0.6,
          },
        },
        {
          id: 'incidents', type: 'circle', source: 'incidents',
          paint: {
            'circle-color': ruleColourExpression(),
            'circle-opacity': ['interpolate', ['linear'], ['get', 'confidence'], 0, 0.35, 1, 0.95],
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 3, 10, 8],
            'circle-stroke-width': ['match', ['get', 'status'], 'confirmed', 2, 0.5],
            'circle-stroke-color': ['match', ['get', 'status'], 'confirmed', '#000000', 'dismissed', '#bbbbbb', '#ffffff'],
          },
        },
        // The chosen vessel's AIS track and its positions.
        { id: 'vessel-track', type: 'line', source: 'track', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#1565c0', 'line-width': 2.5 } },
        {
          id: 'vessel-positions', type: 'circle', source: 'track', filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-radius': 3, 'circle-color': '#1565c0', 'circle-stroke-width': 1, 'circle-stroke-color': '#ffffff' },
        },
        // The vessels of a chosen maritime incident, around its time: each its own colour, with
        // the times of the first and last positions and of those nearest the incident's start
        // and end.
        {
          id: 'incident-tracks', type: 'line', source: 'incident-tracks', filter: ['==', ['geometry-type'], 'LineString'],
          paint: { 'line-color': ['get', 'colour'], 'line-width': 2.5, 'line-opacity': 0.85 },
        },
        {
          id: 'incident-track-points', type: 'circle', source: 'incident-tracks', filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-radius': ['case', ['has', 'label'], 4, 2], 'circle-color': ['get', 'colour'], 'circle-stroke-width': 1, 'circle-stroke-color': '#ffffff' },
        },
        {
          id: 'incident-track-times', type: 'symbol', source: 'incident-tracks', filter: ['has', 'label'],
          layout: { 'text-field': ['get', 'label'], 'text-size': 11, 'text-variable-anchor': ['left', 'right', 'top', 'bottom'], 'text-radial-offset': 0.6 },
          paint: { 'text-color': ['get', 'colour'], 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
        },
        // Vessels on a sanctions list, where they were last heard: a red ring around black.
        {
          id: 'listed-vessels', type: 'circle', source: 'listed',
          paint: { 'circle-radius': 6, 'circle-color': '#111111', 'circle-stroke-width': 2.5, 'circle-stroke-color': '#e31a1c' },
        },
        {
          id: 'source-footprint-area', type: 'fill', source: 'source-footprint', filter: ['==', ['geometry-type'], 'Polygon'],
          paint: { 'fill-color': '#1565c0', 'fill-opacity': 0.18, 'fill-outline-color': '#1565c0' },
        },
        {
          id: 'source-footprint-track', type: 'line', source: 'source-footprint', filter: ['!=', ['geometry-type'], 'Polygon'],
          paint: { 'line-color': '#1565c0', 'line-width': 3, 'line-opacity': 0.8 }, layout: { 'line-cap': 'round', 'line-join': 'round' },
        },
        {
          id: 'selected', type: 'circle', source: 'selected',
          paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 3, 'circle-stroke-color': '#ffd400' },
        },
      ],
    },
  });
  map.basemap = loadBasemap(map);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.legend = new LegendControl();
  map.addControl(map.legend, 'bottom-right');
  return map;
}

// The map's view as a bbox parameter (west,south,east,north), clamped to the world.
export function viewBox(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((v) => v.toFixed(5)).join(',');
}

export function setIncidents(map, features) {
  map.getSource('incidents')?.setData({ type: 'FeatureCollection', features });
  map.legend?.setIncidents(features);
}

export function setSelected(map, feature) {
  map.getSource('selected')?.setData({ type: 'FeatureCollection', features: feature ? [feature] : [] });
}

export function fitTo(map, features) {
  if (features.length === 0) return;
  const bounds = new maplibregl.LngLatBounds();
  for (const f of features) if (f.geometry?.type === 'Point') bounds.extend(f.geometry.coordinates);
  if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 60, maxZoom: 9, duration: 0 });
}

// A vessel's track (a GeoJSON Feature from /vessels/{mmsi}/track) as its line and its
// positions, the map fitted to it; null clears it.
export function setTrack(map, track) {
  const features = [];
  if (track?.geometry) {
    features.push(track);
    const coordinates = track.geometry.type === 'Point' ? [track.geometry.coordinates] : track.geometry.coordinates;
    for (const [i, c] of coordinates.entries())
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { time: track.properties.times[i] } });
    const bounds = new maplibregl.LngLatBounds();
    for (const c of coordinates) bounds.extend(c);
    map.fitBounds(bounds, { padding: 80, maxZoom: 11, duration: 0 });
  }
  map.getSource('track')?.setData({ type: 'FeatureCollection', features });
}

// Where a source could see on a day (its footprint features from /sources/{source}), the map
// fitted to it clear of the detail panel; null clears it.
export function setSourceFootprint(map, footprint) {
  const features = footprint?.features ?? [];
  map.getSource('source-footprint')?.setData({ type: 'FeatureCollection', features });
  const bounds = new maplibregl.LngLatBounds();
  const extend = (c) => (typeof c[0] === 'number' ? bounds.extend(c) : c.forEach(extend));
  for (const f of features) if (f.geometry) extend(f.geometry.coordinates);
  if (bounds.isEmpty()) return;
  map.resize();
  const padding = coveredBy(map, '#detail');
  map.fitBounds(bounds, { maxZoom: 11, duration: 0, padding: { top: 60 + padding.top, right: 60 + padding.right, bottom: 60 + padding.bottom, left: 60 + padding.left } });
}

export function setLineAndZones(map, line, zones, sectors) {
  map.getSource('line')?.setData(line ?? empty);
  map.getSource('zones')?.setData(zones ?? empty);
  map.getSource('sectors')?.setData(sectors ?? empty);
  const roles = new Set((line?.features ?? []).map((f) => f.properties.role));
  const zoneFeatures = zones?.features ?? [];
  const parties = [];
  for (const f of zoneFeatures)
    if (f.properties.kind === 'security' && f.properties.party_index !== undefined) parties[f.properties.party_index] = f.properties.party;
  map.legend?.setLayers({
    line: roles.has('line'),
    control: roles.has('control'),
    parties: parties.filter(Boolean).length ? parties.map((p) => p ?? '?') : null,
    disengagement: zoneFeatures.some((f) => f.properties.kind === 'disengagement'),
  });
}

// The unwatched pieces of line from /coverage (its unobserved_line), or nothing.
export function setCoverageGaps(map, coverage) {
  map.getSource('coverage')?.setData(coverage ? { type: 'FeatureCollection', features: [coverage.unobserved_line] } : empty);
  map.getSource('footprints')?.setData(coverage?.footprints ?? empty);
  const kinds = new Set((coverage?.footprints?.features ?? []).map((f) => f.properties.kind));
  map.legend?.setLayers({ unobserved: Boolean(coverage), cameras: kinds.has('camera'), tracks: kinds.has('patrol') || kinds.has('uav') });
}

// Observations (a GeoJSON FeatureCollection from /observations), or nothing.
export function setObservations(map, collection) {
  map.getSource('observations')?.setData(collection ?? empty);
}

// Listed vessels' last positions (/screening?format=geojson), or nothing.
export function setListedVessels(map, collection) {
  map.getSource('listed')?.setData(collection ?? empty);
}

// Flies the map to a point, zooming in to at least `zoom` (and no farther than it was when
// already closer), once the map has taken the size the panels leave it.
export function flyToPoint(map, point, { zoom = 8 } = {}) {
  map.resize();
  map.flyTo({ center: point, zoom: Math.max(map.getZoom(), zoom), duration: 600, essential: true, padding: coveredBy(map, '#detail') });
}

// How much of the map a panel laid over it hides, as padding: on a tablet the detail panel
// lies over the map's right side, on a phone over its lower part; beside the map, nothing.
export function coveredBy(map, selector) {
  const panel = document.querySelector(selector);
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  if (!panel || panel.hidden) return none;
  const p = panel.getBoundingClientRect();
  const m = map.getContainer().getBoundingClientRect();
  const width = Math.min(p.right, m.right) - Math.max(p.left, m.left);
  const height = Math.min(p.bottom, m.bottom) - Math.max(p.top, m.top);
  if (width <= 0 || height <= 0) return none;
  if (width >= m.width * 0.9) return { ...none, bottom: Math.min(height, m.height * 0.8) };
  return { ...none, right: Math.min(width, m.width * 0.8) };
}

// A one-line summary beside the pointer over a layer's features; `text(id)` gives the line.
export function hoverSummary(map, layer, text) {
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10, className: 'hover-summary', maxWidth: '22rem' });
  map.on('mousemove', layer, (e) => {
    map.getCanvas().style.cursor = 'pointer';
    const line = text(e.features[0].properties.id);
    if (line) popup.setLngLat(e.lngLat).setText(line).addTo(map);
  });
  map.on('mouseleave', layer, () => {
    map.getCanvas().style.cursor = '';
    popup.remove();
  });
}

export const TRACK_COLOURS = ['#1565c0', '#c2185b', '#2e7d32', '#6a1b9a'];

// The tracks of an incident's vessels ([{ mmsi, name, track }] with /vessels/{mmsi}/track's
// Feature), drawn around the incident's [start, end] and fitted into view; null clears them.
export function setIncidentTracks(map, tracks, start, end, { fit = true } = {}) {
  const features = [];
  const bounds = new maplibregl.LngLatBounds();
  for (const [i, { mmsi, name, track }] of (tracks ?? []).entries()) {
    if (!track?.geometry) continue;
    const colour = TRACK_COLOURS[i % TRACK_COLOURS.length];
    const coordinates = track.geometry.type === 'Point' ? [track.geometry.coordinates] : track.geometry.coordinates;
    const times = track.properties.times;
    if (coordinates.length > 1) features.push({ type: 'Feature', geometry: track.geometry, properties: { colour, mmsi, name } });
    const nearest = (t) => times.reduce((best, x, k) => (Math.abs(Date.parse(x) - t) < Math.abs(Date.parse(times[best]) - t) ? k : best), 0);
    const labelled = [...new Set([0, nearest(Date.parse(start)), nearest(Date.parse(end ?? start)), coordinates.length - 1])].sort((a, b) => a - b);
    // Times at one spot (a vessel lying still through the incident) share one label: "12:00–15:00".
    const labels = new Map();
    for (const k of labelled) {
      const key = coordinates[k].join(',');
      const first = labels.get(key);
      labels.set(key, first === undefined ? k : first);
      if (first !== undefined && first !== k) labels.set(`${key}:last`, k);
    }
    for (const [k, c] of coordinates.entries()) {
      bounds.extend(c);
      const properties = { colour, mmsi, time: times[k] };
      const key = c.join(',');
      if (labels.get(key) === k) {
        const last = labels.get(`${key}:last`);
        const when = `${times[k].slice(11, 16)}${last !== undefined ? `–${times[last].slice(11, 16)}` : ''}`;
        properties.label = k === 0 ? `${name || mmsi} ${when}` : when;
      }
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties });
    }
  }
  map.getSource('incident-tracks')?.setData({ type: 'FeatureCollection', features });
  if (fit && !bounds.isEmpty()) {
    map.resize();
    const covered = coveredBy(map, '#detail');
    map.fitBounds(bounds, { padding: { top: 60 + covered.top, right: 60 + covered.right, bottom: 60 + covered.bottom, left: 60 + covered.left }, maxZoom: 12, duration: 600 });
  }
  return features.length > 0;
}
