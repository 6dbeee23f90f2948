// Incidents in words (src/summary.js): the one-line summaries the list shows, from the
// attributes the rules write (docs/ceasefire.md, docs/maritime.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, label, sourceLabel } from '../src/summary.js';

test('a weapon in its withdrawal zone, placed and attributed to its sources', () => {
  assert.equal(summarize({
    rule: 'ceasefire.weapon_in_zone', place: '12 km E of Popasna (Luhansk)',
    attributes: { weapon_class: 'mlrs', count: 2, withdrawal_km: 70, sources: ['uav:U-2', 'patrol:P-3', 'patrol:P-1'] },
  }), 'MLRS ×2 in the 70 km withdrawal zone, 12 km E of Popasna (Luhansk), by UAV and patrol');
});

test('fire, crossings and disengagement areas', () => {
  assert.equal(summarize({ rule: 'ceasefire.fire', attributes: { kind: 'shelling', count: 5, side: 'ukraine', sources: ['camera:C-1'] } }),
    'Shelling (5) in the security zone on the Ukrainian side, by camera');
  assert.equal(summarize({ rule: 'ceasefire.crossing', place: 'in Zolote (Luhansk)', attributes: { from_side: 'russia', to_side: 'ukraine' } }),
    'Crossing from the Russian to the Ukrainian side, in Zolote (Luhansk)');
  assert.equal(summarize({ rule: 'ceasefire.disengagement_area', attributes: { kind: 'weapon', area: 'Zolote' } }), 'Weapons in Zolote');
});

test('maritime incidents name their vessels', () => {
  const details = [{ mmsi: 248464830, name: 'ROYAL CROWN 332' }, { mmsi: 312137290, name: '' }];
  assert.equal(summarize({ rule: 'maritime.encounter', attributes: { hours: 3.05, min_distance_m: 110, vessel_details: details } }),
    'ROYAL CROWN 332 and MMSI 312137290 side by side 3.0 h, 110 m apart');
  assert.equal(summarize({ rule: 'maritime.gap', place: '58 km NW of Storugns (SWE)', attributes: { hours: 14.74, distance_km: 135.1, likely_intentional: true, vessel_details: details.slice(0, 1) } }),
    'ROYAL CROWN 332 silent 15 h over 135.1 km, likely on purpose, 58 km NW of Storugns (SWE)');
  assert.equal(summarize({ rule: 'maritime.spoofing', attributes: { kind: 'shared_mmsi', vessel_details: details.slice(0, 1) } }),
    'ROYAL CROWN 332: two vessels sharing one MMSI');
  assert.equal(summarize({ rule: 'maritime.identity_change', attributes: { attribute: 'name', from: 'NORDIC FALCON', to: 'GOLDEN RIVER 801' } }),
    'name changed from NORDIC FALCON to GOLDEN RIVER 801');
});

test('labels for vocabulary values, and unknown values readable as they are', () => {
  assert.equal(label('weapon_class', 'heavy_mlrs'), 'heavy MLRS');
  assert.equal(label('side', 'russia'), 'Russian');
  assert.equal(label('corroboration', 'multi_source'), 'several sources');
  assert.equal(label('zone', 'mlrs_withdrawal'), 'mlrs withdrawal');
  assert.equal(sourceLabel('osint:cir'), 'open sources');
  assert.equal(sourceLabel('radar:R-1'), 'radar');
  assert.equal(summarize({ rule: 'someone.elses_rule', attributes: {} }), 'Someone.elses_rule');
});
