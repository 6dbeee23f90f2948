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

// The place labels and dots hidden or shown, so that a pixel read is the basemap's own.
const showPlaces = (visible) => page.evaluate((visible) => {
  const map = window.vigil.map;
  for (const { id } of map.getStyle().layers)
    if (id.startsWith('place-')) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}, visible);

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
