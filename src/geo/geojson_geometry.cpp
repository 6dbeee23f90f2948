#include "vigil/geo/geojson_geometry.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "vigil/io/line_source.hpp"

namespace vigil::geo {
namespace {

using nlohmann::json;

// Points are not lines or polygons; a map's labels and markers can number a thousand, so
// they are counted and reported once.
struct IgnoredPoints {
  std::size_t count = 0;
  std::string first;  // where the first was
};

struct Context {
  const std::string& name;
  GeometryFeature& feature;
  std::vector<std::string>& warnings;
  IgnoredPoints& ignored;

  std::string where() const {
    return feature.line > 0
               ? fmt::format("{}: feature {} (line {})", name, feature.index, feature.line)
               : fmt::format("{}: feature {}", name, feature.index);
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw GeometryError(fmt::format("{}: {}", where(), message));
  }
  void warn(const std::string& message) const {
    warnings.push_back(fmt::format("{}: {}", where(), message));
  }
};

LatLon position(const json& value, const Context& context) {
  if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number())
    context.fail("a position is not [longitude, latitude]");
  const double lon = value[0].get<double>(), lat = value[1].get<double>();
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
      lat > 90)
    context.fail(fmt::format("coordinates out of range: [{}, {}]", lon, lat));
  return {lat, lon};
}

// Positions without consecutive repeats.
std::vector<LatLon> positions(const json& value, const Context& context, std::size_t& repeats) {
  if (!value.is_array()) context.fail("coordinates are not an array of positions");
  std::vector<LatLon> out;
  out.reserve(value.size());
  for (const auto& p : value) {
    const LatLon ll = position(p, context);
    if (!out.empty() && out.back().lat == ll.lat && out.back().lon == ll.lon) {
      ++repeats;
      continue;
    }
    out.push_back(ll);
  }
  return out;
}

void add_line(const json& coordinates, const Context& context) {
  std::size_t repeats = 0;
  auto line = positions(coordinates, context, repeats);
  if (repeats > 0) context.warn(fmt::format("{} repeated points removed", repeats));
  if (line.size() < 2) context.fail("a line needs two distinct positions");
  context.feature.lines.push_back(std::move(line));
}

double signed_area(const Ring& ring) {
  double twice = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    twice += (ring[j].lon - ring[i].lon) * (ring[j].lat + ring[i].lat);
  return twice / 2;
}

// Whether two segments properly cross (a shared endpoint is not a crossing).
bool cross(LatLon a, LatLon b, LatLon c, LatLon d) {
  const auto orient = [](LatLon p, LatLon q, LatLon r) {
    const double v = (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon);
    return (v > 0) - (v < 0);
  };
  const int o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

// Self-intersections of a ring, found by sweeping its edges in order of longitude.
std::size_t self_intersections(const Ring& ring, std::size_t limit) {
  const std::size_t n = ring.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i)
    order[i] = i;
  const auto west = [&](std::size_t i) { return std::min(ring[i].lon, ring[(i + 1) % n].lon); };
  const auto east = [&](std::size_t i) { return std::max(ring[i].lon, ring[(i + 1) % n].lon); };
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return west(a) < west(b); });
  std::size_t found = 0;
  for (std::size_t x = 0; x < n && found < limit; ++x) {
    const std::size_t i = order[x];
    for (std::size_t y = x + 1; y < n && west(order[y]) <= east(i); ++y) {
      const std::size_t j = order[y];
      if (j == (i + 1) % n || i == (j + 1) % n) continue;
      if (cross(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) ++found;
    }
  }
  return found;
}

void add_polygon(const json& coordinates, const Context& context) {
  if (!coordinates.is_array() || coordinates.empty()) context.fail("a polygon has no rings");
  std::size_t repeats = 0, unclosed = 0;
  std::vector<Ring> rings;
  for (const auto& ring_json : coordinates) {
    Ring ring = positions(ring_json, context, repeats);
    if (ring.size() >= 2 &&
        (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon))
      ++unclosed;
    else if (!ring.empty())
      ring.pop_back();  // stored open: the last point joins the first
    if (ring.size() < 3) context.fail("a ring needs three distinct positions");
    if (const auto crossings = self_intersections(ring, 1'000); crossings > 0)
      context.warn(
          fmt::format("a ring of {} points crosses itself {}{} times; read by the "
                      "even-odd rule",
                      ring.size(), crossings >= 1'000 ? "at least " : "", crossings));
    rings.push_back(std::move(ring));
  }
  if (repeats > 0) context.warn(fmt::format("{} repeated points removed", repeats));
  if (unclosed > 0) context.warn(fmt::format("{} unclosed rings closed", unclosed));
  // GeoJSON's holes wind the other way from their exterior; rings that wind the same way
  // as the first are islands written as holes. The even-odd rule reads both right.
  std::size_t islands = 0;
  for (std::size_t i = 1; i < rings.size(); ++i)
    if ((signed_area(rings[i]) > 0) == (signed_area(rings[0]) > 0)) ++islands;
  if (islands > 0)
    context.warn(
        fmt::format("{} of the polygon's {} rings wind like its first and are read as "
                    "separate parts (islands), not holes",
                    islands, rings.size()));
  for (auto& ring : rings)
    context.feature.rings.push_back(std::move(ring));
}

void add_geometry(const json& geometry, const Context& context) {
  if (geometry.is_null()) return;
  if (!geometry.is_object()) context.fail("geometry is not an object");
  const auto type = geometry.find("type");
  if (type == geometry.end() || !type->is_string()) context.fail("geometry has no type");
  const std::string kind = type->get<std::string>();
  if (kind == "GeometryCollection") {
    const auto parts = geometry.find("geometries");
    if (parts == geometry.end() || !parts->is_array()) context.fail("no geometries");
    for (const auto& part : *parts)
      add_geometry(part, context);
    return;
  }
  const auto coordinates = geometry.find("coordinates");
  if (coordinates == geometry.end()) context.fail(kind + " has no coordinates");
  if (kind == "LineString") {
    add_line(*coordinates, context);
  } else if (kind == "MultiLineString") {
    if (!coordinates->is_array()) context.fail("MultiLineString coordinates are not an array");
    for (const auto& line : *coordinates)
      add_line(line, context);
  } else if (kind == "Polygon") {
    add_polygon(*coordinates, context);
  } else if (kind == "MultiPolygon") {
    if (!coordinates->is_array()) context.fail("MultiPolygon coordinates are not an array");
    for (const auto& polygon : *coordinates)
      add_polygon(polygon, context);
  } else if (kind == "Point" || kind == "MultiPoint") {
    if (context.ignored.count++ == 0) context.ignored.first = context.where();
  } else {
    context.fail("unknown geometry type '" + kind + "'");
  }
}

// The line on which each top-level feature starts, for messages.
std::vector<std::uint64_t> feature_lines(const std::string& text) {
  std::vector<std::uint64_t> lines;
  const auto at = text.find("\"features\"");
  if (at == std::string::npos) return lines;
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < at; ++i)
    line += text[i] == '\n';
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = text.find('[', at); i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (depth == 1 && c == '{') lines.push_back(line);
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) break;
    }
  }
  return lines;
}

// A member that should be text; "" when absent or of another type (which the caller then
// reports as the wrong type of object).
std::string text_member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

GeometryFile parse_geojson_geometry(const std::string& text, const std::string& name) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& e) {
    throw GeometryError(fmt::format("{}: not JSON: {}", name, e.what()));
  }
  if (!document.is_object()) throw GeometryError(name + ": not a GeoJSON object");
  GeometryFile file;
  file.path = name;
  const std::string type = text_member(document, "type");
  std::vector<const json*> features;
  if (type == "FeatureCollection") {
    const auto list = document.find("features");
    if (list == document.end() || !list->is_array())
      throw GeometryError(name + ": FeatureCollection without a features array");
    for (const auto& f : *list)
      features.push_back(&f);
  } else {
    features.push_back(&document);
  }
  const auto lines =
      type == "FeatureCollection" ? feature_lines(text) : std::vector<std::uint64_t>{};
  IgnoredPoints ignored;
  for (std::size_t i = 0; i < features.size(); ++i) {
    GeometryFeature feature;
    feature.index = i;
    feature.line = i < lines.size() ? lines[i] : 0;
    const Context context{name, feature, file.warnings, ignored};
    const json& f = *features[i];
    if (!f.is_object()) context.fail("not an object");
    if (text_member(f, "type") == "Feature") {
      if (const auto p = f.find("properties"); p != f.end() && p->is_object())
        feature.properties = *p;
      const auto geometry = f.find("geometry");
      if (geometry == f.end()) context.fail("Feature without geometry");
      add_geometry(*geometry, context);
    } else {
      add_geometry(f, context);
    }
    file.features.push_back(std::move(feature));
  }
  if (ignored.count == 1)
    file.warnings.push_back(ignored.first + ": a point geometry ignored: lines and polygons only");
  else if (ignored.count > 1)
    file.warnings.push_back(fmt::format(
        "{}: {} Point and MultiPoint geometries ignored (the first at {}): lines and polygons "
        "only",
        name, ignored.count, ignored.first.substr(name.size() + 2)));
  return file;
}

GeometryFile read_geojson_geometry(const std::string& path) {
  std::string text;
  try {
    text = io::read_whole_file(path, kMaxGeometryBytes);
  } catch (const std::exception& e) {
    throw GeometryError(e.what());
  }
  return parse_geojson_geometry(text, path);
}

std::vector<std::vector<LatLon>> GeometryFile::all_lines() const {
  std::vector<std::vector<LatLon>> out;
  for (const auto& f : features)
    out.insert(out.end(), f.lines.begin(), f.lines.end());
  return out;
}

std::vector<Ring> GeometryFile::all_rings() const {
  std::vector<Ring> out;
  for (const auto& f : features)
    out.insert(out.end(), f.rings.begin(), f.rings.end());
  return out;
}

namespace {
// As positions have always been written (round(v * 1e7) / 1e7): the stored texts, and so their
// digests in the log, stay what they were.
double stored(double degrees) {
  return std::round(degrees * 1e7) / 1e7;
}
static_assert(kStoredDegrees == 1e-7);

json coordinates_of(const std::vector<LatLon>& points, bool close) {
  json out = json::array();
  const auto rounded = [](double v) { return stored(v); };
  for (const auto& p : points)
    out.push_back({rounded(p.lon), rounded(p.lat)});
  if (close && !points.empty()) out.push_back({rounded(points[0].lon), rounded(points[0].lat)});
  return out;
}
}  // namespace

std::vector<Ring> storable_rings(const std::vector<Ring>& rings, std::size_t& dropped) {
  std::vector<Ring> out;
  for (const auto& ring : rings) {
    Ring kept;
    for (const auto& p : ring) {
      const LatLon q{stored(p.lat), stored(p.lon)};
      if (kept.empty() || kept.back().lat != q.lat || kept.back().lon != q.lon) kept.push_back(q);
    }
    while (kept.size() > 1 && kept.front().lat == kept.back().lat &&
           kept.front().lon == kept.back().lon)
      kept.pop_back();
    if (kept.size() < 3) {
      ++dropped;
      continue;
    }
    out.push_back(std::move(kept));
  }
  return out;
}

json to_geojson_lines(const std::vector<std::vector<LatLon>>& lines) {
  json coordinates = json::array();
  for (const auto& line : lines)
    coordinates.push_back(coordinates_of(line, false));
  return {{"type", "MultiLineString"}, {"coordinates", coordinates}};
}

json to_geojson_rings(const std::vector<Ring>& rings) {
  // Rings are read by the even-odd rule; GeoJSON wants polygons of an exterior and its holes,
  // exteriors anticlockwise and holes clockwise (RFC 7946 §3.1.6). A ring inside an odd
  // number of others is a hole of the innermost of them.
  const auto inside = [](const Ring& ring, LatLon p) {
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
      if ((ring[i].lat > p.lat) != (ring[j].lat > p.lat) &&
          p.lon <
              (ring[j].lon - ring[i].lon) * (p.lat - ring[i].lat) / (ring[j].lat - ring[i].lat) +
                  ring[i].lon)
        in = !in;
    return in;
  };
  const std::size_t n = rings.size();
  struct Box {
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
  };
  std::vector<Box> boxes(n);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& p : rings[i]) {
      boxes[i].lat0 = std::min(boxes[i].lat0, p.lat),
      boxes[i].lat1 = std::max(boxes[i].lat1, p.lat);
      boxes[i].lon0 = std::min(boxes[i].lon0, p.lon),
      boxes[i].lon1 = std::max(boxes[i].lon1, p.lon);
    }
  // Whether ring i lies inside ring j, judged at a vertex of i that is not one of j's:
  // neighbouring polygons share vertices, and a shared vertex is on j's edge.
  const auto within = [&](std::size_t i, std::size_t j) {
    const Box &a = boxes[i], &b = boxes[j];
    if (a.lat0 < b.lat0 || a.lat1 > b.lat1 || a.lon0 < b.lon0 || a.lon1 > b.lon1) return false;
    std::set<std::pair<double, double>> shared;
    for (const auto& p : rings[j])
      shared.insert({p.lat, p.lon});
    for (const auto& p : rings[i])
      if (!shared.contains({p.lat, p.lon})) return inside(rings[j], p);
    return false;
  };
  std::vector<int> depth(n, 0);
  std::vector<std::size_t> parent(n, n);
  std::vector<std::vector<std::size_t>> containers(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j && !rings[i].empty() && within(i, j)) {
        ++depth[i];
        containers[i].push_back(j);
      }
  for (std::size_t i = 0; i < n; ++i) {
    if (depth[i] % 2 == 0) continue;
    for (const std::size_t j : containers[i])
      if (depth[j] == depth[i] - 1) parent[i] = j;
    // A ring that should be a hole but has no ring to be a hole of stands on its own.
    if (parent[i] == n) depth[i] = 0;
  }
  const auto oriented = [&](const Ring& ring, bool anticlockwise) {
    if ((signed_area(ring) > 0) == anticlockwise) return coordinates_of(ring, true);
    Ring reversed(ring.rbegin(), ring.rend());
    return coordinates_of(reversed, true);
  };
  json polygons = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    if (depth[i] % 2 != 0) continue;
    json polygon = json::array({oriented(rings[i], true)});
    for (std::size_t h = 0; h < n; ++h)
      if (parent[h] == i) polygon.push_back(oriented(rings[h], false));
    polygons.push_back(std::move(polygon));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", polygons}};
}

}  // namespace vigil::geo
