#include "geos_support.hpp"

#include <GeographicLib/AlbersEqualArea.hpp>
#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Constants.hpp>
#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace vigil::ceasefire::geos {
namespace {

class Azimuthal final : public Plane {
 public:
  explicit Azimuthal(geo::LatLon centre) : centre_(centre) {}
  void forward(double lat, double lon, double& x, double& y) const override {
    double azimuth = 0, scale = 0;
    projection_.Forward(centre_.lat, centre_.lon, lat, lon, x, y, azimuth, scale);
  }
  void reverse(double x, double y, double& lat, double& lon) const override {
    double azimuth = 0, scale = 0;
    projection_.Reverse(centre_.lat, centre_.lon, x, y, lat, lon, azimuth, scale);
  }

 private:
  GeographicLib::AzimuthalEquidistant projection_{GeographicLib::Geodesic::WGS84()};
  geo::LatLon centre_;
};

class Albers final : public Plane {
 public:
  Albers(double lat1, double lat2, double lon0)
      : projection_(GeographicLib::Constants::WGS84_a(), GeographicLib::Constants::WGS84_f(), lat1,
                    lat2, 1),
        lon0_(lon0) {}
  void forward(double lat, double lon, double& x, double& y) const override {
    double gamma = 0, k = 0;
    projection_.Forward(lon0_, lat, lon, x, y, gamma, k);
  }
  void reverse(double x, double y, double& lat, double& lon) const override {
    double gamma = 0, k = 0;
    projection_.Reverse(lon0_, x, y, lat, lon, gamma, k);
  }

 private:
  GeographicLib::AlbersEqualArea projection_;
  double lon0_;
};

struct Back {
  const Plane* plane;
  double round_degrees;
};

int reverse_xy(double* x, double* y, void* data) {
  const auto* back = static_cast<const Back*>(data);
  double lat = 0, lon = 0;
  back->plane->reverse(*x, *y, lat, lon);
  if (back->round_degrees > 0) {
    lat = std::round(lat / back->round_degrees) * back->round_degrees;
    lon = std::round(lon / back->round_degrees) * back->round_degrees;
  }
  *x = lon;
  *y = lat;
  return 1;
}

GEOSCoordSequence* projected_sequence(const Context& context, const std::vector<geo::LatLon>& at,
                                      bool close, const Plane& plane) {
  std::vector<double> xy;
  xy.reserve((at.size() + 1) * 2);
  for (const auto& p : at) {
    double x = 0, y = 0;
    plane.forward(p.lat, p.lon, x, y);
    xy.push_back(x);
    xy.push_back(y);
  }
  if (close && !at.empty()) {
    xy.push_back(xy[0]);
    xy.push_back(xy[1]);
  }
  return GEOSCoordSeq_copyFromBuffer_r(*context, xy.data(),
                                       static_cast<unsigned int>(xy.size() / 2), 0, 0);
}

double signed_area_degrees(const geo::Ring& ring) {
  double twice = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    twice += (ring[j].lon - ring[i].lon) * (ring[j].lat + ring[i].lat);
  return twice / 2;
}

geo::Ring ring_back(const Context& context, const GEOSGeometry* ring, const Plane& plane,
                    bool anticlockwise) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(*context, ring);
  unsigned int size = 0;
  GEOSCoordSeq_getSize_r(*context, sequence, &size);
  std::vector<double> xy(std::size_t{size} * 2);
  if (size > 0) GEOSCoordSeq_copyToBuffer_r(*context, sequence, xy.data(), 0, 0);
  geo::Ring out;
  out.reserve(size);
  for (unsigned int i = 0; i + 1 < size; ++i) {  // the last repeats the first
    double lat = 0, lon = 0;
    plane.reverse(xy[2 * i], xy[2 * i + 1], lat, lon);
    out.push_back({lat, lon});
  }
  if (out.size() >= 3 && (signed_area_degrees(out) > 0) != anticlockwise)
    std::reverse(out.begin(), out.end());
  return out;
}

// The polygonal part of what GEOS made (MakeValid can return collapsed lines beside it).
Geometry polygonal(const Context& context, Geometry g) {
  const int type = GEOSGeomTypeId_r(*context, g.get());
  if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) return g;
  std::vector<Geometry> parts;
  const int n = GEOSGetNumGeometries_r(*context, g.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(*context, g.get(), i);
    const int t = GEOSGeomTypeId_r(*context, part);
    if (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON)
      parts.push_back(own(context, GEOSGeom_clone_r(*context, part), "a polygon"));
  }
  return union_of(context, std::move(parts));
}

}  // namespace

Context::Context() : handle_(GEOS_init_r()) {}
Context::~Context() {
  GEOS_finish_r(handle_);
}

Geometry own(const Context& context, GEOSGeometry* g, const char* what) {
  if (g == nullptr) throw std::runtime_error(fmt::format("GEOS could not build {}", what));
  return Geometry(g, Deleter{*context});
}

std::unique_ptr<Plane> azimuthal_plane(geo::LatLon centre) {
  return std::make_unique<Azimuthal>(centre);
}

std::unique_ptr<Plane> equal_area_plane(double lat_min, double lat_max, double lon0) {
  const double span = lat_max - lat_min;
  return std::make_unique<Albers>(lat_min + span / 6, lat_max - span / 6, lon0);
}

void Bounds::add(const std::vector<std::vector<geo::LatLon>>& rings_or_lines) {
  for (const auto& ring : rings_or_lines)
    for (const auto& p : ring) {
      lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
      lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
    }
}

geo::Ring densified(const geo::Ring& ring, double step) {
  geo::Ring dense;
  dense.reserve(ring.size());
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const geo::LatLon a = ring[i], b = ring[(i + 1) % ring.size()];
    dense.push_back(a);
    // From the lesser end, whichever way the ring runs.
    const bool forward = std::pair{a.lat, a.lon} < std::pair{b.lat, b.lon};
    const geo::LatLon from = forward ? a : b, to = forward ? b : a;
    std::vector<double> cuts;
    for (const auto& [f0, f1] : {std::pair{from.lat, to.lat}, std::pair{from.lon, to.lon}}) {
      if (f0 == f1) continue;
      const double lo = std::min(f0, f1), hi = std::max(f0, f1);
      for (double g = std::floor(lo / step) * step + step; g < hi; g += step)
        cuts.push_back((g - f0) / (f1 - f0));
    }
    std::sort(cuts.begin(), cuts.end());
    if (!forward) std::reverse(cuts.begin(), cuts.end());
    for (const double f : cuts)
      if (f > 1e-9 && f < 1 - 1e-9)
        dense.push_back({std::round((from.lat + (to.lat - from.lat) * f) * 1e9) / 1e9,
                         std::round((from.lon + (to.lon - from.lon) * f) * 1e9) / 1e9});
  }
  return dense;
}

Geometry ring_polygon(const Context& context, const geo::Ring& ring, const Plane& plane) {
  if (ring.size() < 3) return own(context, GEOSGeom_createEmptyPolygon_r(*context), "a polygon");
  GEOSGeometry* shell =
      GEOSGeom_createLinearRing_r(*context, projected_sequence(context, ring, true, plane));
  if (shell == nullptr) throw std::runtime_error("GEOS could not build a ring");
  Geometry polygon =
      own(context, GEOSGeom_createPolygon_r(*context, shell, nullptr, 0), "a polygon");
  if (GEOSisValid_r(*context, polygon.get()) == 1) return polygon;
  return polygonal(context, own(context, GEOSMakeValid_r(*context, polygon.get()), "a polygon"));
}

Geometry even_odd_area(const Context& context, const std::vector<geo::Ring>& rings,
                       const Plane& plane, double densify_degrees) {
  std::vector<Geometry> level;
  level.reserve(rings.size());
  for (const auto& ring : rings)
    level.push_back(ring_polygon(
        context, densify_degrees > 0 ? densified(ring, densify_degrees) : ring, plane));
  if (level.empty()) return own(context, GEOSGeom_createEmptyPolygon_r(*context), "an area");
  while (level.size() > 1) {
    std::vector<Geometry> next;
    next.reserve((level.size() + 1) / 2);
    for (std::size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(own(context, GEOSSymDifference_r(*context, level[i].get(), level[i + 1].get()),
                         "an area"));
    if (level.size() % 2 == 1) next.push_back(std::move(level.back()));
    level = std::move(next);
  }
  return std::move(level.front());
}

Geometry union_of(const Context& context, std::vector<Geometry> parts) {
  if (parts.empty()) return own(context, GEOSGeom_createEmptyPolygon_r(*context), "an area");
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& p : parts)
    raw.push_back(p.release());
  Geometry collection =
      own(context,
          GEOSGeom_createCollection_r(*context, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                      static_cast<unsigned int>(raw.size())),
          "a collection");
  return own(context, GEOSUnaryUnion_r(*context, collection.get()), "a union");
}

Geometry lines(const Context& context, const std::vector<std::vector<geo::LatLon>>& parts,
               const Plane& plane) {
  std::vector<GEOSGeometry*> raw;
  for (const auto& part : parts) {
    if (part.size() < 2) continue;
    GEOSGeometry* line =
        GEOSGeom_createLineString_r(*context, projected_sequence(context, part, false, plane));
    if (line == nullptr) {
      for (auto* g : raw)
        GEOSGeom_destroy_r(*context, g);
      throw std::runtime_error("GEOS could not build a line");
    }
    raw.push_back(line);
  }
  return own(context,
             GEOSGeom_createCollection_r(*context, GEOS_MULTILINESTRING, raw.data(),
                                         static_cast<unsigned int>(raw.size())),
             "the line");
}

std::vector<AreaPolygon> polygons_of(const Context& context, const GEOSGeometry* area,
                                     const Plane& plane) {
  std::vector<AreaPolygon> out;
  const int n = GEOSGetNumGeometries_r(*context, area);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* polygon = GEOSGetGeometryN_r(*context, area, i);
    if (GEOSGeomTypeId_r(*context, polygon) != GEOS_POLYGON || GEOSisEmpty_r(*context, polygon))
      continue;
    AreaPolygon p;
    p.exterior = ring_back(context, GEOSGetExteriorRing_r(*context, polygon), plane, true);
    const int holes = GEOSGetNumInteriorRings_r(*context, polygon);
    for (int h = 0; h < holes; ++h)
      p.holes.push_back(
          ring_back(context, GEOSGetInteriorRingN_r(*context, polygon, h), plane, false));
    out.push_back(std::move(p));
  }
  return out;
}

Geometry to_degrees(const Context& context, const GEOSGeometry* g, const Plane& plane,
                    double round_degrees) {
  Back back{&plane, round_degrees};
  return own(context, GEOSGeom_transformXY_r(*context, g, reverse_xy, &back), "a geometry");
}

}  // namespace vigil::ceasefire::geos
