// A Vite plugin that bundles the basemap's offline layers as the virtual module
// 'virtual:basemap', loaded in its own chunk after the map is up:
// - rivers and lakes (data/basemap, GSHHG/WDBII, LGPL-3.0; scripts/basemap derives them),
// - Ukraine's oblast boundaries and their names (data/basemap, from OSM, ODbL),
// - ports: the World Port Index (data/maritime/wpi_ports.csv, US public domain) and the Russian
//   oil terminals the port-call rule watches (data/maritime/russian_oil_infra.json), the same
//   rows the server names ports by (src/geo/place_index.cpp).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const data = (path) => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));
export const sources = {
  rivers: data('basemap/rivers.geojson'),
  lakes: data('basemap/lakes.geojson'),
  oblasts: data('basemap/oblasts.geojson'),
  ports: data('maritime/wpi_ports.csv'),
  terminals: data('maritime/russian_oil_infra.json'),
};

// WPI writes names in capitals ("NOVOROSSIYSK", "ST. PETERSBURG"); a map label reads better in
// title case.
export function titleCase(name) {
  return name.toLowerCase().replace(/(^|[\s\-.'(/])(\p{L})/gu, (_, before, letter) => before + letter.toUpperCase());
}

function readJson(path) {
  const parsed = JSON.parse(readFileSync(path, 'utf8'));
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features))
    throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  return parsed;
}

export function readPorts(portsPath = sources.ports, terminalsPath = sources.terminals) {
  const features = [];
  const lines = readFileSync(portsPath, 'utf8').split('\n');
  const header = lines[0].split(',');
  const column = (name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${portsPath}: no column ${name}`);
    return at;
  };
  const [label, sublabel, lat, lon] = ['label', 'sublabel', 'latitude', 'longitude'].map(column);
  lines.slice(1).forEach((line, index) => {
    if (!line.trim()) return;
    const f = line.split(',');
    const number = (text) => (text?.trim() ? Number(text) : NaN);
    const latitude = number(f[lat]), longitude = number(f[lon]);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || !f[label])
      throw new Error(`${portsPath}:${index + 2}: a port without a name or position`);
    const name = titleCase(f[label]) + (f[sublabel] ? ` (${titleCase(f[sublabel])})` : '');
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [longitude, latitude] }, properties: { name, kind: 'port' } });
  });
  const infrastructure = JSON.parse(readFileSync(terminalsPath, 'utf8'));
  if (!Array.isArray(infrastructure?.objects)) throw new Error(`${terminalsPath}: no "objects" array`);
  for (const o of infrastructure.objects) {
    if (o.kind !== 'terminal' || !Number.isFinite(o.lat) || !Number.isFinite(o.lon)) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [o.lon, o.lat] }, properties: { name: o.name, kind: 'oil_terminal' } });
  }
  return { type: 'FeatureCollection', features };
}

export function readBasemap() {
  return {
    rivers: readJson(sources.rivers),
    lakes: readJson(sources.lakes),
    oblasts: readJson(sources.oblasts),
    ports: readPorts(),
  };
}

export default function basemap() {
  const id = 'virtual:basemap';
  return {
    name: 'vigil-basemap',
    resolveId: (name) => (name === id ? `\0${id}` : null),
    load(name) {
      if (name !== `\0${id}`) return null;
      for (const path of Object.values(sources)) this.addWatchFile(path);
      return `export default ${JSON.stringify(readBasemap())};`;
    },
  };
}
