#include "vigil/ceasefire/control_area.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>

#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "geos_support.hpp"

namespace vigil::ceasefire {
namespace {

// Edges are straight in longitude and latitude; in the plane they are curves, and a long
// edge's chord strays from its neighbour's shorter chords (20 m for a 30 km edge along 48°N).
// Edges are cut at the graticule before the overlay and the cuts taken out after it wherever
// they still lie on a straight edge in degrees between their neighbours.
constexpr double kOnEdgeDegrees = 1e-8;

// A vertex at the stored precision (1e-7°, within ±1.8e9: 32 bits each), packed in 64 bits.
std::uint64_t vertex_key(geo::LatLon p) {
  const auto q = [](double v) {
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(v * 1e7)));
  };
  return std::uint64_t{q(p.lat)} << 32 | q(p.lon);
}

struct RingMeasure {
  double area_m2 = 0, perimeter_m = 0;
};

RingMeasure geodesic_measure(const geo::Ring& ring) {
  GeographicLib::PolygonArea polygon(GeographicLib::Geodesic::WGS84());
  for (const auto& p : ring)
    polygon.AddPoint(p.lat, p.lon);
  RingMeasure m;
  polygon.Compute(false, true, m.perimeter_m, m.area_m2);
  m.area_m2 = std::abs(m.area_m2);
  return m;
}

bool on_edge(geo::LatLon p, geo::LatLon a, geo::LatLon b) {
  const double dx = b.lon - a.lon, dy = b.lat - a.lat;
  const double length = std::hypot(dx, dy);
  if (length == 0) return std::hypot(p.lon - a.lon, p.lat - a.lat) < kOnEdgeDegrees;
  const double t = ((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / (length * length);
  if (t <= 0 || t >= 1) return false;
  return std::abs((p.lon - a.lon) * dy - (p.lat - a.lat) * dx) / length < kOnEdgeDegrees;
}

// The ring without the graticule cuts that are not the given vertices and lie on a straight
// edge between the vertices kept on either side.
geo::Ring without_cuts(const geo::Ring& ring, const std::unordered_set<std::uint64_t>& given) {
  std::vector<bool> keep(ring.size(), true);
  std::size_t first = ring.size();
  for (std::size_t i = 0; i < ring.size(); ++i)
    if (given.contains(vertex_key(ring[i]))) {
      first = i;
      break;
    }
  if (first == ring.size()) return ring;  // nothing given survives: all new, all kept
  std::size_t previous = first;
  for (std::size_t k = 1; k <= ring.size(); ++k) {
    const std::size_t i = (first + k) % ring.size();
    if (i == first) break;
    const geo::LatLon next = ring[(i + 1) % ring.size()];
    if (!given.contains(vertex_key(ring[i])) && on_edge(ring[i], ring[previous], next)) {
      keep[i] = false;
      continue;
    }
    previous = i;
  }
  geo::Ring out;
  for (std::size_t i = 0; i < ring.size(); ++i)
    if (keep[i]) out.push_back(ring[i]);
  return out;
}

}  // namespace

std::vector<AreaPolygon> dissolve(const std::vector<std::vector<geo::Ring>>& features) {
  geos::Bounds bounds;
  for (const auto& rings : features)
    bounds.add(rings);
  if (bounds.empty()) return {};
  const auto plane = geos::azimuthal_plane(
      {(bounds.lat_min + bounds.lat_max) / 2, (bounds.lon_min + bounds.lon_max) / 2});
  const geos::Context context;
  std::vector<geos::Geometry> areas;
  areas.reserve(features.size());
  std::unordered_set<std::uint64_t> given;
  for (const auto& rings : features) {
    for (const auto& ring : rings)
      for (const auto& p : ring)
        given.insert(vertex_key(p));
    areas.push_back(geos::even_odd_area(context, rings, *plane, geos::kGraticuleDegrees));
  }
  const geos::Geometry united = geos::union_of(context, std::move(areas));
  auto polygons = geos::polygons_of(context, united.get(), *plane);
  for (auto& polygon : polygons) {
    polygon.exterior = without_cuts(polygon.exterior, given);
    for (auto& hole : polygon.holes)
      hole = without_cuts(hole, given);
  }
  return polygons;
}

std::size_t fill_sliver_holes(std::vector<AreaPolygon>& polygons, double max_width_m) {
  std::size_t filled = 0;
  for (auto& polygon : polygons)
    std::erase_if(polygon.holes, [&](const geo::Ring& hole) {
      const auto m = geodesic_measure(hole);
      const bool sliver = m.perimeter_m > 0 && 2 * m.area_m2 / m.perimeter_m < max_width_m;
      filled += sliver;
      return sliver;
    });
  return filled;
}

std::vector<geo::Ring> rings_of(const std::vector<AreaPolygon>& polygons) {
  std::vector<geo::Ring> out;
  for (const auto& p : polygons) {
    out.push_back(p.exterior);
    out.insert(out.end(), p.holes.begin(), p.holes.end());
  }
  return out;
}

double geodesic_area_m2(const geo::Ring& ring) {
  return geodesic_measure(ring).area_m2;
}

double geodesic_area_m2(const AreaPolygon& polygon) {
  double area = geodesic_area_m2(polygon.exterior);
  for (const auto& hole : polygon.holes)
    area -= geodesic_area_m2(hole);
  return area;
}

double geodesic_area_m2(const std::vector<AreaPolygon>& polygons) {
  double area = 0;
  for (const auto& p : polygons)
    area += geodesic_area_m2(p);
  return area;
}

std::vector<NamedRegion> named_regions(const geo::GeometryFile& file,
                                       const std::string& name_property) {
  std::vector<NamedRegion> out;
  for (const auto& f : file.features) {
    if (f.rings.empty()) continue;
    std::string name;
    if (const auto it = f.properties.find(name_property);
        it != f.properties.end() && it->is_string())
      name = it->get<std::string>();
    out.push_back({std::move(name), f.rings});
  }
  return out;
}

ControlAreas control_areas(const ContactLine& line, const std::vector<NamedRegion>& regions) {
  if (line.control.empty())
    throw std::invalid_argument(
        "a drawn line has no control area: areas need a version derived with --from-control");
  geos::Bounds bounds;
  bounds.add(line.territory.empty() ? line.control : line.territory);
  const auto plane =
      geos::equal_area_plane(bounds.lat_min, bounds.lat_max, (bounds.lon_min + bounds.lon_max) / 2);
  const geos::Context context;
  const GEOSContextHandle_t h = *context;
  const auto area_km2 = [&](const GEOSGeometry* g) {
    double m2 = 0;
    GEOSArea_r(h, g, &m2);
    return m2 / 1e6;
  };
  const auto read = [&](const std::vector<geo::Ring>& rings) {
    return geos::even_odd_area(context, rings, *plane, geos::kGraticuleDegrees);
  };
  ControlAreas out;
  geos::Geometry inside = read(line.control);
  geos::Geometry outside(nullptr, geos::Deleter{h});
  if (!line.territory.empty()) {
    const geos::Geometry territory = read(line.territory);
    out.territory_km2 = area_km2(territory.get());
    inside = geos::own(context, GEOSIntersection_r(h, inside.get(), territory.get()), "an area");
    outside = geos::own(context, GEOSDifference_r(h, territory.get(), inside.get()), "an area");
    out.outside_km2 = area_km2(outside.get());
  }
  out.inside_km2 = area_km2(inside.get());
  for (const auto& region : regions) {
    const geos::Geometry shape = read(region.rings);
    RegionArea r{region.name, 0, 0};
    const geos::Geometry held =
        geos::own(context, GEOSIntersection_r(h, shape.get(), inside.get()), "an area");
    r.inside_km2 = area_km2(held.get());
    if (outside) {
      const geos::Geometry rest =
          geos::own(context, GEOSIntersection_r(h, shape.get(), outside.get()), "an area");
      r.outside_km2 = area_km2(rest.get());
    }
    out.regions.push_back(std::move(r));
  }
  return out;
}

}  // namespace vigil::ceasefire
