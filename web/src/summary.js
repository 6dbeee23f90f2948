// Incidents in words: labels for the values the rules write, and a one-line summary of each
// incident from its rule and attributes ("MLRS ×2 in the 70 km withdrawal zone, 12 km E of
// Popasna (Luhansk), by UAV and patrol").
import { ruleLabel } from './palette.js';

const WEAPONS = {
  tank: 'tank',
  artillery_lt100: 'artillery under 100 mm',
  artillery_ge100: 'artillery of 100 mm or more',
  mortar_le120: 'mortar up to 120 mm',
  mlrs: 'MLRS',
  heavy_mlrs: 'heavy MLRS',
  tactical_missile: 'tactical missile',
};

const KINDS = {
  explosion: 'explosions',
  shelling: 'shelling',
  small_arms: 'small-arms fire',
  movement: 'movement',
  position: 'a position',
  weapon: 'weapons',
  crossing: 'a crossing',
  report: 'a report',
};

const SOURCES = {
  patrol: 'patrol',
  uav: 'UAV',
  camera: 'camera',
  acoustic: 'acoustic sensor',
  satellite: 'satellite',
  osint: 'open sources',
  ais: 'AIS',
};

const CORROBORATION = {
  technical: 'seen by a technical means',
  multi_source: 'several sources',
  single_source: 'one source',
};

const SPOOFING = {
  jump: 'positions jumping',
  shared_mmsi: 'two vessels sharing one MMSI',
  on_land: 'positions on land',
  shared_position: 'vessels reporting one position',
  circle: 'circling',
};

const PARTIES = { russia: 'Russian', ukraine: 'Ukrainian' };

// A vocabulary value in words: weapon classes, observation kinds, sources, parties.
export function label(field, value) {
  if (value === undefined || value === null || value === '') return '';
  const table = { weapon_class: WEAPONS, kind: KINDS, corroboration: CORROBORATION, party: PARTIES, side: PARTIES }[field];
  if (table && value in table) return table[value];
  return String(value).replaceAll('_', ' ');
}

// "patrol:P-3" → "patrol"; a list of sources as "UAV and patrol", "camera, UAV and patrol".
export function sourceLabel(source) {
  const type = String(source).split(':')[0];
  return SOURCES[type] ?? type;
}

function joinWords(words) {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}

const hours = (h) => (h < 1 ? `${Math.round(h * 60)} min` : `${Number(h).toFixed(h < 10 ? 1 : 0)} h`);
const vesselNames = (a) => (a.vessel_details ?? []).map((v) => v.name || `MMSI ${v.mmsi}`);

function what(rule, a) {
  switch (rule) {
    case 'ceasefire.weapon_in_zone': {
      const weapon = label('weapon_class', a.weapon_class) || 'weapon';
      const count = a.count > 1 ? ` ×${a.count}` : '';
      const zone = a.withdrawal_km ? `the ${a.withdrawal_km} km withdrawal zone` : 'its withdrawal zone';
      return `${weapon.charAt(0).toUpperCase()}${weapon.slice(1)}${count} in ${zone}`;
    }
    case 'ceasefire.fire': {
      const kind = label('kind', a.kind) || 'fire';
      const count = a.count > 1 ? ` (${a.count})` : '';
      const side = a.side ? ` on the ${label('side', a.side)} side` : '';
      return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}${count} in the security zone${side}`;
    }
    case 'ceasefire.disengagement_area':
      return `${(label('kind', a.kind) || 'presence').replace(/^./, (c) => c.toUpperCase())} in ${a.area || 'a disengagement area'}`;
    case 'ceasefire.crossing':
      return a.from_side && a.to_side
        ? `Crossing from the ${label('side', a.from_side)} to the ${label('side', a.to_side)} side`
        : 'Crossing of the line';
    case 'maritime.encounter':
      return `${joinWords(vesselNames(a)) || 'Two vessels'} side by side ${hours(a.hours)}, ${a.min_distance_m} m apart`;
    case 'maritime.dark_encounter':
      return `${joinWords(vesselNames(a)) || 'Two vessels'} dark together${a.hours ? ` ${hours(a.hours)}` : ''}`;
    case 'maritime.gap':
      return `${vesselNames(a)[0] ?? 'A vessel'} silent ${hours(a.hours)}${a.distance_km ? ` over ${a.distance_km} km` : ''}${a.likely_intentional ? ', likely on purpose' : ''}`;
    case 'maritime.port_call':
      return `${vesselNames(a)[0] ?? 'A vessel'} at ${a.place ?? 'a port'}${a.hours ? ` for ${hours(a.hours)}` : ''}`;
    case 'maritime.loitering':
      return `${vesselNames(a)[0] ?? 'A vessel'} loitering ${hours(a.hours)} at ${a.average_speed_kn ?? '?'} kn`;
    case 'maritime.spoofing':
      return `${vesselNames(a)[0] ?? 'A vessel'}: ${SPOOFING[a.kind] ?? label('kind', a.kind)}`;
    case 'maritime.identity_change':
      return `${a.attribute ?? 'identity'} changed from ${a.from ?? '?'} to ${a.to ?? '?'}`;
    default:
      return ruleLabel(rule).replace(/^./, (c) => c.toUpperCase());
  }
}

// One line for an incident's properties (a listing's feature or a detail object).
export function summarize(incident) {
  const a = incident.attributes ?? {};
  const parts = [what(incident.rule, a)];
  if (incident.place) parts.push(incident.place);
  if (Array.isArray(a.sources) && a.sources.length) parts.push(`by ${joinWords(a.sources.map(sourceLabel))}`);
  return parts.join(', ');
}
