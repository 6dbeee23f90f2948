// A Vite plugin that bundles the towns of vigil's gazetteer as the virtual module
// 'virtual:places': GeoNames' populated places of Ukraine (data/gazetteer, CC BY 4.0), the
// map's labels. The same rows the server places incidents by (src/geo/gazetteer.cpp reads
// them too), so a label and an incident's "12 km W of Yenakiieve" agree.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../data/gazetteer/geonames_cities500_UA.tsv.gz', import.meta.url));
const SKIPPED_CODES = new Set(['PPLQ', 'PPLH', 'PPLX', 'PPLW']);

export function readPlaces(path = source) {
  const features = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    if (f.length !== 19) throw new Error(`${path}: a row of ${f.length} fields, not GeoNames' 19`);
    if (f[6] !== 'P' || SKIPPED_CODES.has(f[7])) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(Number(f[5]).toFixed(4)), Number(Number(f[4]).toFixed(4))] },
      properties: { name: f[1], population: Number(f[14]) || 0 },
    });
  }
  features.sort((a, b) => b.properties.population - a.properties.population);
  return { type: 'FeatureCollection', features };
}

export default function places() {
  const id = 'virtual:places';
  return {
    name: 'vigil-places',
    resolveId: (name) => (name === id ? `\0${id}` : null),
    load(name) {
      if (name !== `\0${id}`) return null;
      this.addWatchFile(source);
      return `export default ${JSON.stringify(readPlaces())};`;
    },
  };
}
