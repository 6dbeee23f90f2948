#include "vigil/ceasefire/line_diff.hpp"

#include <geos_c.h>
#include <GeographicLib/AlbersEqualArea.hpp>
#include <GeographicLib/Constants.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include "vigil/geo/segment_index.hpp"

namespace vigil::ceasefire {
namespace {

struct Albers {
  GeographicLib::AlbersEqualArea projection;
  double lon0;
  Albers(double lat1, double lat2, double lon)
      : projection(GeographicLib::Constants::WGS84_a(), GeographicLib::Constants::WGS84_f(), lat1,
                   lat2, 1),
        lon0(lon) {}
};

int forward(double* x, double* y, void* data) {
  const auto* a = static_cast<const Albers*>(data);
  double px = 0, py = 0, gamma = 0, k = 0;
  a->projection.Forward(a->lon0, *y, *x, px, py, gamma, k);
  *x = px;
  *y = py;
  return 1;
}

int reverse(double* x, double* y, void* data) {
  const auto* a = static_cast<const Albers*>(data);
  double lat = 0, lon = 0, gamma = 0, k = 0;
  a->projection.Reverse(a->lon0, *x, *y, lat, lon, gamma, k);
  *x = lon;
  *y = lat;
  return 1;
}

constexpr double kMinChangeM2 = 10'000;  // one hectare

}  // namespace

std::vector<SectorChange> diff_lines(const ContactLine& older, const ContactLine& newer,
                                     const Classifier* sectors) {
  if (older.control.empty() || newer.control.empty())
    throw std::invalid_argument(
        "line diff needs versions derived from control areas (--from-control): a drawn line "
        "does not say which side an area is on");
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (const auto* rings : {&older.control, &newer.control})
    for (const auto& ring : *rings)
      for (const auto& p : ring) {
        lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
        lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
      }
  // Standard parallels at a sixth of the span in from each edge (the usual choice).
  const double span = lat_max - lat_min;
  Albers albers(lat_min + span / 6, lat_max - span / 6, (lon_min + lon_max) / 2);

  GEOSContextHandle_t h = GEOS_init_r();
  const auto destroy = [h](GEOSGeometry* g) {
    if (g != nullptr) GEOSGeom_destroy_r(h, g);
  };
  using Geometry = std::unique_ptr<GEOSGeometry, decltype(destroy)>;
  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(h);
  // GeoJSON edges are straight in longitude and latitude; projected, they curve. Edges are
  // split where they cross the 0.01° graticule, so that the projected polygon stays within
  // metres of them, and two versions that share an edge split it at the same points.
  const auto densified = [](const std::vector<geo::Ring>& rings) {
    constexpr double kStep = 0.01;
    std::vector<geo::Ring> out;
    for (const auto& ring : rings) {
      geo::Ring dense;
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const geo::LatLon a = ring[i], b = ring[(i + 1) % ring.size()];
        dense.push_back(a);
        std::vector<double> cuts;
        for (const auto& [from, to] : {std::pair{a.lat, b.lat}, std::pair{a.lon, b.lon}}) {
          if (from == to) continue;
          const double lo = std::min(from, to), hi = std::max(from, to);
          for (double g = std::floor(lo / kStep) * kStep + kStep; g < hi; g += kStep)
            cuts.push_back((g - from) / (to - from));
        }
        std::sort(cuts.begin(), cuts.end());
        for (const double f : cuts)
          if (f > 1e-9 && f < 1 - 1e-9)
            dense.push_back({std::round((a.lat + (b.lat - a.lat) * f) * 1e9) / 1e9,
                             std::round((a.lon + (b.lon - a.lon) * f) * 1e9) / 1e9});
      }
      out.push_back(std::move(dense));
    }
    return out;
  };
  const auto read = [&](const std::vector<geo::Ring>& rings) {
    Geometry raw(GEOSGeoJSONReader_readGeometry_r(
                     h, reader, geo::to_geojson_rings(densified(rings)).dump().c_str()),
                 destroy);
    if (!raw) throw std::runtime_error("GEOS could not read a control area");
    Geometry projected(GEOSGeom_transformXY_r(h, raw.get(), forward, &albers), destroy);
    Geometry valid(GEOSMakeValid_r(h, projected.get()), destroy);
    return valid;
  };
  std::map<std::string, SectorChange> by_sector;
  try {
    Geometry before = read(older.control);
    Geometry after = read(newer.control);
    if (!newer.territory.empty()) {
      Geometry territory = read(newer.territory);
      before.reset(GEOSIntersection_r(h, before.get(), territory.get()));
      after.reset(GEOSIntersection_r(h, after.get(), territory.get()));
    }
    const geo::SegmentIndex old_line(older.parts);
    const auto account = [&](GEOSGeometry* changed, bool to_inside) {
      const int n = GEOSGetNumGeometries_r(h, changed);
      for (int i = 0; i < n; ++i) {
        const GEOSGeometry* piece = GEOSGetGeometryN_r(h, changed, i);
        double area = 0;
        GEOSArea_r(h, piece, &area);
        // Slivers where the two maps trace one boundary a hair apart are not territory.
        if (area < kMinChangeM2) continue;
        Geometry back(GEOSGeom_transformXY_r(h, piece, reverse, &albers), destroy);
        // The farthest vertex of the changed area from the older line.
        double farthest = 0;
        geo::LatLon far_point{};
        Geometry points(GEOSGeom_extractUniquePoints_r(h, back.get()), destroy);
        const int m = GEOSGetNumGeometries_r(h, points.get());
        for (int k = 0; k < m; ++k) {
          double x = 0, y = 0;
          GEOSGeomGetX_r(h, GEOSGetGeometryN_r(h, points.get(), k), &x);
          GEOSGeomGetY_r(h, GEOSGetGeometryN_r(h, points.get(), k), &y);
          const double d = old_line.nearest(geo::LatLon{y, x}).distance_m;
          if (d > farthest) farthest = d, far_point = {y, x};
        }
        std::string sector;
        if (sectors != nullptr && m > 0) {
          const auto c = sectors->classify(far_point);
          if (c.sector != Classification::kNoSector) sector = sectors->sectors()[c.sector];
        }
        auto& change = by_sector[sector];
        change.sector = sector;
        if (to_inside) {
          change.to_inside_km2 += area / 1e6;
          change.inside_advance_km = std::max(change.inside_advance_km, farthest / 1000);
        } else {
          change.to_outside_km2 += area / 1e6;
          change.outside_advance_km = std::max(change.outside_advance_km, farthest / 1000);
        }
      }
    };
    Geometry gained(GEOSDifference_r(h, after.get(), before.get()), destroy);
    Geometry lost(GEOSDifference_r(h, before.get(), after.get()), destroy);
    if (!gained || !lost) throw std::runtime_error("GEOS could not compare the control areas");
    account(gained.get(), true);
    account(lost.get(), false);
  } catch (...) {
    GEOSGeoJSONReader_destroy_r(h, reader);
    GEOS_finish_r(h);
    throw;
  }
  GEOSGeoJSONReader_destroy_r(h, reader);
  GEOS_finish_r(h);
  std::vector<SectorChange> out;
  for (auto& [name, change] : by_sector)
    out.push_back(change);
  return out;
}

}  // namespace vigil::ceasefire
