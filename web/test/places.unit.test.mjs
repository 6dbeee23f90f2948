// The map's place labels (build/places.js): the same GeoNames rows the server's gazetteer
// reads (tests/unit/geo/gazetteer_test.cpp counts 2,847), largest first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readPlaces } from '../build/places.js';

test("GeoNames' living populated places of Ukraine, largest first", () => {
  const { features } = readPlaces();
  assert.equal(features.length, 2847);
  assert.equal(features[0].properties.name, 'Kyiv');
  const horlivka = features.find((f) => f.properties.name === 'Horlivka');
  assert.deepEqual(horlivka.geometry.coordinates.map((c) => Math.round(c * 10) / 10), [38.1, 48.3]);
  assert.ok(horlivka.properties.population > 200_000);
  for (let i = 1; i < features.length; i++) assert.ok(features[i - 1].properties.population >= features[i].properties.population);
});

test('a file that is not a GeoNames table is refused, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-places-'));
  try {
    const path = join(dir, 'bad.tsv.gz');
    writeFileSync(path, gzipSync('a\tb\tc\n'));
    assert.throws(() => readPlaces(path), /bad\.tsv\.gz: a row of 3 fields/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
