#include "vigil/ceasefire/line_diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

#include "geos_support.hpp"
#include "vigil/geo/segment_index.hpp"

namespace vigil::ceasefire {
namespace {

constexpr double kMinChangeM2 = 10'000;  // one hectare
// The newer line is sampled this often, and a sample this close to a changed area bounds it.
constexpr double kSampleM = 100;
constexpr double kOnBoundaryM = 1;
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
  // The newer line, every kSampleM along its parts: how far it moved is measured from these.
  struct Sample {
    geo::LatLon at;
    double x, y;  // in the plane
  };
  std::vector<Sample> samples;
  for (const auto& part : newer.parts)
    for (std::size_t i = 0; i + 1 < part.size(); ++i) {
      const geo::LatLon a = part[i], b = part[i + 1];
      const auto n = static_cast<int>(std::ceil(geo::fast_distance_m(a, b) / kSampleM));
      for (int k = 0; k <= n; ++k) {
        if (k == n && i + 2 < part.size()) continue;  // the next segment starts there
        const double f = n == 0 ? 0 : static_cast<double>(k) / n;
        Sample sample{{a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f}, 0, 0};
        plane->forward(sample.at.lat, sample.at.lon, sample.x, sample.y);
        samples.push_back(sample);
      }
    }
  const auto account = [&](const GEOSGeometry* changed, bool to_inside) {
    const int n = GEOSGetNumGeometries_r(h, changed);
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* piece = GEOSGetGeometryN_r(h, changed, i);
      double area = 0;
      GEOSArea_r(h, piece, &area);
      // Slivers where the two maps trace one boundary a hair apart are not territory.
      if (area < kMinChangeM2) continue;
      // How far the line moved here: the farthest point of the newer line on this piece's
      // boundary from the older line. A piece that no stretch of the newer line bounds (a
      // sliver along a border or coast, where the two maps differ) moved no line.
      double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
      GEOSGeom_getXMin_r(h, piece, &xmin), GEOSGeom_getYMin_r(h, piece, &ymin);
      GEOSGeom_getXMax_r(h, piece, &xmax), GEOSGeom_getYMax_r(h, piece, &ymax);
      const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, piece);
      double farthest = 0;
      std::optional<geo::LatLon> far_point;
      for (const auto& sample : samples) {
        if (sample.x < xmin - kOnBoundaryM || sample.x > xmax + kOnBoundaryM ||
            sample.y < ymin - kOnBoundaryM || sample.y > ymax + kOnBoundaryM)
          continue;
        const geos::Geometry point =
            geos::own(context, GEOSGeom_createPointFromXY_r(h, sample.x, sample.y), "a point");
        double to_piece = 0;
        if (GEOSPreparedDistance_r(h, prepared, point.get(), &to_piece) != 1 ||
            to_piece > kOnBoundaryM)
          continue;
        const double d = old_line.nearest(sample.at).distance_m;
        if (!far_point || d > farthest) farthest = d, far_point = sample.at;
      }
      GEOSPreparedGeom_destroy_r(h, prepared);
      std::string sector;
      if (sectors != nullptr) {
        // By where the line moved, or else by a point of the piece.
        geo::LatLon at{};
        if (far_point) {
          at = *far_point;
        } else {
          const geos::Geometry inner =
              geos::own(context, GEOSPointOnSurface_r(h, piece), "a point");
          double x = 0, y = 0;
          GEOSGeomGetX_r(h, inner.get(), &x), GEOSGeomGetY_r(h, inner.get(), &y);
          plane->reverse(x, y, at.lat, at.lon);
        }
        const auto c = sectors->classify(at);
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
