// Polygons on the sphere, made drawable on a flat map.
//
// world-atlas stitches Natural Earth's polygons back together across the antimeridian, as a
// spherical renderer wants: Eurasia's outline runs from Chukotka at 179.9°E straight on to
// -180°, Antarctica's ring goes round the pole. A flat renderer reads each of those jumps as
// an edge across the whole map, and the fill turns inside out between them: land colour over
// the Norwegian Sea, sea colour over Scandinavia, in rectangles along tile edges. Here each
// ring is unwrapped to continuous longitudes (a ring round a pole is closed along the pole),
// then the polygon is cut into the 360° windows it covers and each piece is shifted home.

const POLE_LATITUDE = 90;

// Longitudes made continuous: no step between neighbours longer than 180°. Returns the ring
// and how many times it wound round the globe (±1 for a ring round a pole, 0 otherwise).
function unwrap(ring) {
  const out = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i];
    if (i > 0) {
      const step = lon + shift - out[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    out.push([lon + shift, lat]);
  }
  const winding = Math.round((out[out.length - 1][0] - out[0][0]) / 360);
  return { ring: out, winding };
}

// A ring round a pole is closed along that pole: down from its last point, across, and up
// to its first, so that it encloses the pole as a flat polygon.
function closeRoundPole(ring) {
  const lats = ring.map(([, lat]) => lat);
  const mean = lats.reduce((a, b) => a + b, 0) / lats.length;
  const pole = mean < 0 ? -POLE_LATITUDE : POLE_LATITUDE;
  const first = ring[0];
  const last = ring[ring.length - 1];
  return [...ring, [last[0], pole], [first[0], pole], first];
}

function signedArea(ring) {
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++) area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return area / 2;
}

// Sutherland–Hodgman against one vertical line: keeps the side where `inside(lon)` holds. A
// half-plane is convex, so a simple ring comes out as one ring (touching itself along the
// line where the original went out and back, which fills nothing).
function clipToSide(ring, line, inside) {
  const out = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const aIn = inside(a[0]);
    const bIn = inside(b[0]);
    if (aIn) out.push(a);
    if (aIn !== bIn) {
      const t = (line - a[0]) / (b[0] - a[0]);
      out.push([line, a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length > 0) out.push(out[0]);
  return out;
}

function clipToWindow(ring, west, east) {
  const kept = clipToSide(ring, west, (lon) => lon >= west);
  return kept.length < 4 ? [] : clipToSide(kept, east, (lon) => lon <= east);
}

// One polygon (outer ring then holes, GeoJSON order) as the flat polygons it covers.
export function cutPolygon(polygon) {
  // world-atlas keeps a ring that runs along the south pole itself under Antarctica; on a flat
  // map it encloses nothing.
  const rings = polygon.filter((ring, i) => i === 0 || !ring.every(([, lat]) => Math.abs(lat) > POLE_LATITUDE - 0.01));
  const unwrapped = rings.map((ring) => {
    const { ring: continuous, winding } = unwrap(ring);
    return winding === 0 ? continuous : closeRoundPole(continuous);
  });
  // A hole unwrapped on its own may sit a turn away from its outer ring.
  const outer = unwrapped[0];
  const centre = (ring) => ring.reduce((sum, [lon]) => sum + lon, 0) / ring.length;
  const outerCentre = centre(outer);
  const aligned = unwrapped.map((ring, i) => {
    if (i === 0) return ring;
    const turns = Math.round((outerCentre - centre(ring)) / 360);
    return turns === 0 ? ring : ring.map(([lon, lat]) => [lon + 360 * turns, lat]);
  });
  let west = Infinity;
  let east = -Infinity;
  for (const [lon] of outer) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  if (west >= -180 && east <= 180) return [aligned];
  const pieces = [];
  for (let k = Math.floor((west + 180) / 360); k * 360 - 180 < east; k++) {
    const offset = k * 360;
    const piece = [];
    for (const ring of aligned) {
      const clipped = clipToWindow(ring, offset - 180, offset + 180);
      if (clipped.length < 4 || Math.abs(signedArea(clipped)) < 1e-9) {
        if (piece.length === 0) break;  // nothing of the outer ring here: no piece
        continue;
      }
      piece.push(clipped.map(([lon, lat]) => [lon - offset, lat]));
    }
    if (piece.length > 0) pieces.push(piece);
  }
  return pieces;
}

// Outer rings anticlockwise, holes clockwise (RFC 7946). The renderer tells outer rings from
// holes by their turn, measured against the first ring of the whole feature; world-atlas
// winds them the other way round (d3's spherical convention), and a cut ring round a pole
// may come out either way.
function rewind(polygon) {
  return polygon.map((ring, i) => ((signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse()));
}

// A line broken where it steps across the antimeridian, each side ending on it.
function splitLine(line) {
  const parts = [[line[0]]];
  for (let i = 1; i < line.length; i++) {
    const [lon0, lat0] = line[i - 1];
    const [lon1, lat1] = line[i];
    if (Math.abs(lon1 - lon0) > 180) {
      const side = lon0 > 0 ? 180 : -180;
      const across = lon1 + (lon0 > 0 ? 360 : -360);
      const lat = lat0 + ((side - lon0) / (across - lon0)) * (lat1 - lat0);
      parts[parts.length - 1].push([side, lat]);
      parts.push([[-side, lat]]);
    }
    parts[parts.length - 1].push(line[i]);
  }
  return parts.filter((part) => part.length > 1);
}

// A GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection with every polygon cut; other
// geometries pass through.
export function cutAtAntimeridian(geojson) {
  switch (geojson.type) {
    case 'FeatureCollection':
      return { ...geojson, features: geojson.features.map(cutAtAntimeridian) };
    case 'Feature':
      return { ...geojson, geometry: geojson.geometry && cutAtAntimeridian(geojson.geometry) };
    case 'Polygon':
      return { type: 'MultiPolygon', coordinates: cutPolygon(geojson.coordinates).map(rewind) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geojson.coordinates.flatMap(cutPolygon).map(rewind) };
    case 'LineString':
      return { type: 'MultiLineString', coordinates: splitLine(geojson.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geojson.coordinates.flatMap(splitLine) };
    default:
      return geojson;
  }
}
