#include "vigil/ceasefire/line_diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "geos_support.hpp"
#include "vigil/geo/segment_index.hpp"

namespace vigil::ceasefire {
namespace {

constexpr double kMinChangeM2 = 10'000;  // one hectare
// GeoJSON edges are straight in longitude and latitude; projected, they curve. Edges are split
// where they cross the graticule, so that the projected polygon stays within centimetres of
// them, and two versions that share an edge split it at the same points.

}  // namespace

std::vector<SectorChange> diff_lines(const ContactLine& older, const ContactLine& newer,
                                     const Classifier* sectors) {
  if (older.control.empty() || newer.control.empty())
    throw std::invalid_argument(
        "line diff needs versions derived from control areas (--from-control): a drawn line "
        "does not say which side an area is on");
  geos::Bounds bounds;
  bounds.add(older.control);
  bounds.add(newer.control);
  const auto plane =
      geos::equal_area_plane(bounds.lat_min, bounds.lat_max, (bounds.lon_min + bounds.lon_max) / 2);
  const geos::Context context;
  // Each area is built ring by ring (geos_support.hpp): the regions of a country share their
  // edges, and handed to GEOS as one MultiPolygon and repaired, regions with neither border
  // nor coast (Dnipropetrovsk, Poltava...) fell out of the territory.
  const auto read = [&](const std::vector<geo::Ring>& rings) {
    return geos::even_odd_area(context, rings, *plane, geos::kGraticuleDegrees);
  };
  std::map<std::string, SectorChange> by_sector;
  const GEOSContextHandle_t h = *context;
  geos::Geometry before = read(older.control);
  geos::Geometry after = read(newer.control);
  if (!newer.territory.empty()) {
    const geos::Geometry territory = read(newer.territory);
    before = geos::own(context, GEOSIntersection_r(h, before.get(), territory.get()), "an area");
    after = geos::own(context, GEOSIntersection_r(h, after.get(), territory.get()), "an area");
  }
  const geo::SegmentIndex old_line(older.parts);
  const auto account = [&](const GEOSGeometry* changed, bool to_inside) {
    const int n = GEOSGetNumGeometries_r(h, changed);
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* piece = GEOSGetGeometryN_r(h, changed, i);
      double area = 0;
      GEOSArea_r(h, piece, &area);
      // Slivers where the two maps trace one boundary a hair apart are not territory.
      if (area < kMinChangeM2) continue;
      const geos::Geometry back = geos::to_degrees(context, piece, *plane);
      // The farthest vertex of the changed area from the older line.
      double farthest = 0;
      geo::LatLon far_point{};
      const geos::Geometry points =
          geos::own(context, GEOSGeom_extractUniquePoints_r(h, back.get()), "points");
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
  const geos::Geometry gained =
      geos::own(context, GEOSDifference_r(h, after.get(), before.get()), "the gains");
  const geos::Geometry lost =
      geos::own(context, GEOSDifference_r(h, before.get(), after.get()), "the losses");
  account(gained.get(), true);
  account(lost.get(), false);
  std::vector<SectorChange> out;
  for (auto& [name, change] : by_sector)
    out.push_back(change);
  return out;
}

}  // namespace vigil::ceasefire
