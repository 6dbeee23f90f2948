// The basemap's offline layers (build/basemap.js): the ports are the rows the server names
// ports by (src/geo/place_index.cpp reads the same two files), rivers, lakes and oblasts are
// scripts/basemap's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBasemap, readPorts, titleCase } from '../build/basemap.js';

test("the World Port Index's ports in title case and the Russian oil terminals", () => {
  const { features } = readPorts();
  const terminals = features.filter((f) => f.properties.kind === 'oil_terminal');
  assert.equal(features.length - terminals.length, 3669, 'every WPI row');
  assert.equal(terminals.length, 21, 'the "terminal" objects of russian_oil_infra.json');
  const primorsk = terminals.find((f) => f.properties.name === 'Primorsk Oil Terminal');
  assert.deepEqual(primorsk.geometry.coordinates.map((c) => Math.round(c)), [29, 60]);
  assert.ok(features.some((f) => f.properties.name === 'Novorossiysk'));
});

test('title case keeps the words of a capitalised name apart', () => {
  assert.equal(titleCase('ST. PETERSBURG'), 'St. Petersburg');
  assert.equal(titleCase('UST-LUGA'), 'Ust-Luga');
  assert.equal(titleCase("KOZ'MINO (NAKHODKA)"), "Koz'Mino (Nakhodka)");
});

test('a port without a position is an error naming its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ports-'));
  try {
    const csv = join(dir, 'ports.csv'), infra = join(dir, 'infra.json');
    writeFileSync(csv, 'iso3,label,sublabel,latitude,longitude\nUKR,ODESA,,46.5,30.7\nUKR,IZMAIL,,,28.8\n');
    writeFileSync(infra, '{"objects":[]}');
    assert.throws(() => readPorts(csv, infra), /ports\.csv:3: a port without a name or position/);
    writeFileSync(csv, 'iso3,name,latitude,longitude\n');
    assert.throws(() => readPorts(csv, infra), /no column label/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('rivers by level, lakes with the drained Kakhovka reservoir, oblasts outlined and named', () => {
  const { rivers, lakes, oblasts } = readBasemap();
  const levels = new Set(rivers.features.map((f) => f.properties.level));
  assert.deepEqual([...levels].sort(), [1, 2, 3, 4]);
  assert.ok(rivers.features.every((f) => f.geometry.type === 'LineString' && f.geometry.coordinates.length >= 2));
  const drained = lakes.features.filter((f) => f.properties.kind === 'drained');
  assert.equal(drained.length, 1);
  assert.match(drained[0].properties.name, /Kakhovka/);
  assert.ok(lakes.features.length > 100);
  const labels = oblasts.features.filter((f) => f.properties.kind === 'label');
  assert.equal(labels.length, 25, '24 oblasts and Crimea');
  assert.ok(labels.some((f) => f.properties.name === 'Donetsk Oblast'));
});
