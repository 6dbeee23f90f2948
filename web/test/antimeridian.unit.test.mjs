// The basemap's polygons cut at the antimeridian (src/antimeridian.js), on world-atlas's own
// land: every ring stays within [-180, 180], no edge spans more than half the globe, and the
// land's area is what it was on the sphere's unwrapped plane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { cutAtAntimeridian, cutPolygon } from '../src/antimeridian.js';

const require = createRequire(import.meta.url);
const countries = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));

const area = (ring) => {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
};
// The longest step in longitude, other than along a pole (where a ring round it is closed).
const longestStep = (ring) => Math.max(...ring.slice(1).map((p, i) =>
  (Math.abs(p[1]) === 90 && p[1] === ring[i][1] ? 0 : Math.abs(p[0] - ring[i][0]))));

test('a ring that crosses the antimeridian is cut into two pieces, one each side', () => {
  // An island from 178°E to 178°W, written as a sphere-minded source writes it.
  const island = [[[178, 10], [-178, 10], [-178, 12], [178, 12], [178, 10]]];
  const pieces = cutPolygon(island);
  assert.equal(pieces.length, 2);
  const spans = pieces.map(([outer]) => [Math.min(...outer.map((p) => p[0])), Math.max(...outer.map((p) => p[0]))]);
  spans.sort((a, b) => a[0] - b[0]);
  assert.deepEqual(spans, [[-180, -178], [178, 180]]);
  const total = pieces.reduce((sum, [outer]) => sum + Math.abs(area(outer)), 0);
  assert.ok(Math.abs(total - 8) < 1e-9, `area ${total}`);
});

test('a ring round the south pole is closed along the pole', () => {
  const ring = [];
  for (let lon = -180; lon < 180; lon += 30) ring.push([lon, -70]);
  ring.push([179.5, -70]);
  const [piece] = cutPolygon([ring]);
  const [outer] = piece;
  assert.ok(outer.some(([, lat]) => lat === -90), 'reaches the pole');
  assert.ok(longestStep(outer) <= 360, 'no wrap-around step');
  assert.ok(Math.abs(Math.abs(area(outer)) - 359.5 * 20) < 1, `area ${area(outer)}`);
});

test('a ring away from the antimeridian is left as it was', () => {
  const square = [[[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]]];
  assert.deepEqual(cutPolygon(square), [square]);
});

test("world-atlas's land: no edge across the map, every outer ring anticlockwise, no land lost", () => {
  const land = feature(countries, countries.objects.land).features[0].geometry;
  const cut = cutAtAntimeridian(land);
  let jumps = 0;
  let outers = 0;
  for (const polygon of cut.coordinates) {
    polygon.forEach((ring, i) => {
      for (const [lon, lat] of ring) assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, `${lon},${lat}`);
      if (longestStep(ring) > 180) jumps++;
      assert.equal(area(ring) > 0, i === 0, `ring ${i} of a polygon winds the wrong way`);
    });
    outers++;
  }
  assert.equal(jumps, 0);
  // Eurasia, Wrangel Island and a Fijian island are cut in two; Antarctica stays one piece.
  assert.equal(outers, land.coordinates.length + 3);
  // Apart from Antarctica, which gains the strip between its coast and the pole that the
  // sphere did not need, the cut pieces cover what the source did.
  const polar = (polygon) => polygon[0].some(([, lat]) => Math.abs(lat) === 90);
  const unwrappedArea = (ring) => {
    let shift = 0;
    const flat = ring.map(([lon, lat], k) => {
      if (k > 0) {
        const step = lon + shift - (ring[k - 1][0] + shift);
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
      }
      return [lon + shift, lat];
    });
    return Math.abs(area(flat));
  };
  const sourceArea = land.coordinates.filter((p) => p[0].every(([, lat]) => lat > -60))
    .reduce((sum, polygon) => sum + unwrappedArea(polygon[0]), 0);
  const cutArea = cut.coordinates.filter((p) => !polar(p) && p[0].every(([, lat]) => lat > -60))
    .reduce((sum, polygon) => sum + Math.abs(area(polygon[0])), 0);
  assert.ok(Math.abs(sourceArea - cutArea) < 1e-6 * sourceArea, `${sourceArea} vs ${cutArea}`);
  assert.equal(cut.coordinates.filter(polar).length, 1, 'Antarctica, closed along the pole');
});

test('a line that steps across the antimeridian is broken there, both ends on it', () => {
  const cut = cutAtAntimeridian({ type: 'LineString', coordinates: [[170, 0], [179, 10], [-179, 12], [-170, 20]] });
  assert.equal(cut.type, 'MultiLineString');
  assert.equal(cut.coordinates.length, 2);
  const [west, east] = cut.coordinates;
  assert.deepEqual(west.at(-1), [180, 11]);
  assert.deepEqual(east[0], [-180, 11]);
});
