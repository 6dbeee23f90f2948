// The offline basemap, as drawn: Chromium renders the dashboard's map at zooms 2, 4, 6 and 9
// over points whose land or sea is beyond doubt, and reads the pixel under each. The points
// include the stretches that came out inside out before the basemap's polygons were cut at
// the antimeridian (the Norwegian Sea and the Baltic drawn as land, Spain and Scandinavia as
// sea) and both sides of the antimeridian itself. Screenshots go to web/test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, dist, artifacts } from './browser.mjs';
import { makeWorkspace, startServer } from '../../tests/api/support.mjs';


// The basemap's two fills (src/map.js).
const SEA = [0xcf, 0xe0, 0xea];
const LAND = [0xf4, 0xf1, 0xea];

const POINTS = [
  ['Norwegian Sea', 67.0, 2.0, 'sea'],
  ['Baltic Sea east of Gotland', 57.0, 20.0, 'sea'],
  ['North Atlantic', 45.0, -30.0, 'sea'],
  ['Black Sea', 43.5, 34.0, 'sea'],
  ['Sea of Azov', 46.0, 36.5, 'sea'],
  ['Bering Sea', 58.0, -178.0, 'sea'],
  ['Barents Sea', 73.0, 40.0, 'sea'],
  ['central Spain', 40.0, -3.7, 'land'],
  ['central Sweden', 63.0, 16.0, 'land'],
  ['central Finland', 63.0, 27.0, 'land'],
  ['eastern Ukraine', 48.5, 35.0, 'land'],
  ['central Siberia', 65.0, 100.0, 'land'],
  ['Chukotka', 67.0, 172.0, 'land'],
];

// Lakes and reservoirs (data/basemap, GSHHG) read at zoom 9 and 6, and the Kakhovka reservoir's
// bed, dry since June 2023, which GSHHG still has as water.
const DRAINED = [0xe8, 0xe4, 0xd4];
const WATER_BODIES = [
  ['Kremenchuk Reservoir', 49.25, 32.6, 9, 'sea'],
  ['Kyiv Reservoir', 50.8, 30.45, 9, 'sea'],
  ['Lake Ladoga', 61.0, 31.5, 6, 'sea'],
  ['Lake Peipus', 58.7, 27.5, 6, 'sea'],
  ['Kakhovka bed off Nikopol', 47.53, 34.55, 9, 'drained'],
  ['Zaporizhzhia (land)', 47.75, 35.5, 9, 'land'],
];

let ws, server, browser, page;

before(async () => {
  ws = makeWorkspace();
  server = await startServer(ws.ws, ['--web', dist]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(server.address + '/');
  await page.fill('#key', ws.keys.observer);
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => window.vigil?.map?.loaded(), null, { timeout: 30_000 });
  await page.evaluate(() => window.vigil.map.basemap);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  ws?.remove();
});

// The colour of the map's centre pixel once the map has drawn `centre` at `zoom`: read from
// the WebGL drawing buffer inside the render pass, before the browser may clear it.
function centrePixel(zoom, centre) {
  return page.evaluate(([zoom, centre]) => new Promise((resolve) => {
    const map = window.vigil.map;
    map.jumpTo({ zoom, center: centre });
    map.once('idle', () => {
      map.once('render', () => {
        const canvas = map.getCanvas();
        const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
        const pixel = new Uint8Array(4);
        gl.readPixels(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        resolve([...pixel.slice(0, 3)]);
      });
      map.triggerRepaint();
    });
  }), [zoom, centre]);
}

// What is drawn over the fills (places, ports, rivers, boundaries, labels) hidden or shown, so
// that a pixel read is a fill's own.
const OVERLAYS = /^(place-|port-|rivers|oblast-|borders|drained-)/;
const showPlaces = (visible) => page.evaluate(([visible, overlays]) => {
  const map = window.vigil.map;
  for (const { id } of map.getStyle().layers)
    if (new RegExp(overlays).test(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}, [visible, OVERLAYS.source]);

const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

for (const zoom of [2, 4, 6, 9]) {
  test(`at zoom ${zoom} land is drawn as land and sea as sea`, async () => {
    const wrong = [];
    await showPlaces(false);
    for (const [name, lat, lon, expected] of POINTS) {
      const pixel = await centrePixel(zoom, [lon, lat]);
      const seen = distance(pixel, SEA) < distance(pixel, LAND) ? 'sea' : 'land';
      assert.ok(Math.min(distance(pixel, SEA), distance(pixel, LAND)) < 12, `${name} at zoom ${zoom}: ${pixel} is neither fill`);
      if (seen !== expected) wrong.push(`${name} (${lat}, ${lon}) drawn as ${seen}`);
    }
    await showPlaces(true);
    await centrePixel(zoom, zoom <= 4 ? [15, 58] : [37.8, 48.2]);
    await page.screenshot({ path: join(artifacts, `basemap-zoom-${zoom}.png`) });
    assert.deepEqual(wrong, []);
  });
}

test('lakes and reservoirs are water, and the drained Kakhovka reservoir is not', async () => {
  const fills = { sea: SEA, land: LAND, drained: DRAINED };
  const wrong = [];
  await showPlaces(false);
  for (const [name, lat, lon, zoom, expected] of WATER_BODIES) {
    const pixel = await centrePixel(zoom, [lon, lat]);
    const [seen, off] = Object.entries(fills).map(([k, c]) => [k, distance(pixel, c)]).sort((a, b) => a[1] - b[1])[0];
    if (seen !== expected || off >= 12) wrong.push(`${name} (${lat}, ${lon}) at zoom ${zoom}: ${pixel}, nearest ${seen}`);
  }
  await showPlaces(true);
  await centrePixel(8, [34.3, 47.2]);
  await page.screenshot({ path: join(artifacts, 'basemap-kakhovka-zoom-8.png') });
  assert.deepEqual(wrong, []);
});

// The features of `layers` drawn once the map shows `centre` at `zoom`.
function rendered(zoom, centre, layers) {
  return page.evaluate(([zoom, centre, layers]) => new Promise((resolve) => {
    const map = window.vigil.map;
    map.jumpTo({ zoom, center: centre });
    map.once('idle', () => resolve(map.queryRenderedFeatures({ layers }).map((f) => f.properties)));
  }), [zoom, centre, layers]);
}

test('rivers thicken as the map zooms in, oblasts are outlined and named', async () => {
  const levels = async (zoom) => new Set((await rendered(zoom, [33.5, 48.5], ['rivers'])).map((r) => r.level));
  assert.deepEqual([...await levels(5)].sort(), [1, 2], 'only the major rivers at zoom 5');
  assert.ok((await levels(8)).has(4), 'the smaller rivers at zoom 8');
  // Towns' labels win over the oblasts' where they collide, so which oblasts are named depends
  // on the view; several are.
  const named = new Set((await rendered(6, [37.0, 48.3], ['oblast-labels'])).map((o) => o.name));
  assert.ok(named.size >= 4 && [...named].every((n) => / Oblast$/.test(n)), `oblasts named at zoom 6: ${[...named]}`);
  assert.ok((await rendered(6, [37.0, 48.3], ['oblast-boundaries'])).length >= 5, 'oblast boundaries drawn');
  assert.deepEqual(await rendered(9.5, [37.8, 48.2], ['oblast-labels']), [], 'no oblast names once towns are labelled');
  await centrePixel(6, [36.5, 48.5]);
  await page.screenshot({ path: join(artifacts, 'basemap-oblasts-zoom-6.png') });
});

test('oil terminals are labelled from zoom 5, every port from zoom 7', async () => {
  const labels = async (zoom, centre) => await rendered(zoom, centre, ['port-labels']);
  const black = await labels(6, [37.5, 44.8]);
  assert.ok(black.length >= 5 && black.every((p) => p.kind === 'oil_terminal'), `oil terminals only at zoom 6: ${black.map((p) => p.name)}`);
  const harbour = new Set((await labels(8, [37.75, 44.7])).map((p) => p.name));
  assert.ok(harbour.has('Novorossiysk'), `Novorossiysk at zoom 8: ${[...harbour]}`);
  assert.ok([...harbour].some((n) => n.startsWith('Sheskharis Oil Terminal')), `Novorossiysk's terminal at zoom 8: ${[...harbour]}`);
  await page.screenshot({ path: join(artifacts, 'basemap-ports-zoom-8.png') });
});

// Names of the places labelled once the map has drawn `centre` at `zoom`.
function labelled(zoom, centre) {
  return page.evaluate(([zoom, centre]) => new Promise((resolve) => {
    const map = window.vigil.map;
    map.jumpTo({ zoom, center: centre });
    map.once('idle', () => {
      const layers = map.getStyle().layers.map((l) => l.id).filter((id) => id.startsWith('place-labels-'));
      resolve([...new Set(map.queryRenderedFeatures({ layers }).map((f) => f.properties.name))].sort());
    });
  }), [zoom, centre]);
}

test('places are labelled offline, more of them as the map zooms in', async () => {
  assert.deepEqual(await labelled(3, [33, 48.5]), [], 'no labels at zoom 3');
  const oblasts = await labelled(6, [37.8, 48.2]);
  for (const city of ['Donetsk', 'Kharkiv', 'Mariupol', 'Luhansk']) assert.ok(oblasts.includes(city), `${city} at zoom 6: ${oblasts}`);
  assert.ok(!oblasts.includes('Krasnohorivka'), 'no villages at zoom 6');
  const front = await labelled(9, [37.8, 48.2]);
  for (const place of ['Donetsk', 'Horlivka', 'Avdiivka', 'Krasnohorivka', 'Yasynuvata']) assert.ok(front.includes(place), `${place} at zoom 9: ${front}`);
  await page.screenshot({ path: join(artifacts, 'basemap-places-zoom-9.png') });
});
