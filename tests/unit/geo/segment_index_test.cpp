#include "vigil/geo/segment_index.hpp"

#include <gtest/gtest.h>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <random>

namespace vigil::test {
namespace {

using geo::LatLon;

// The reference: GeographicLib's geodesics, every segment searched (golden section along
// the segment's geodesic), pruned only where a segment provably cannot be nearer.
double reference_distance(const std::vector<std::vector<LatLon>>& lines, LatLon p) {
  const auto& g = GeographicLib::Geodesic::WGS84();
  double best = std::numeric_limits<double>::infinity();
  for (const auto& line : lines) {
    std::vector<double> to_vertex(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
      g.Inverse(p.lat, p.lon, line[i].lat, line[i].lon, to_vertex[i]);
      best = std::min(best, to_vertex[i]);
    }
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      double length = 0;
      g.Inverse(line[i].lat, line[i].lon, line[i + 1].lat, line[i + 1].lon, length);
      if ((to_vertex[i] + to_vertex[i + 1] - length) / 2 >= best) continue;
      const GeographicLib::GeodesicLine segment =
          g.InverseLine(line[i].lat, line[i].lon, line[i + 1].lat, line[i + 1].lon);
      const auto at = [&](double s) {
        double lat = 0, lon = 0, d = 0;
        segment.Position(s, lat, lon);
        g.Inverse(p.lat, p.lon, lat, lon, d);
        return d;
      };
      double lo = 0, hi = length;
      const double phi = (std::sqrt(5.0) - 1) / 2;
      double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
      double f1 = at(x1), f2 = at(x2);
      for (int k = 0; k < 80 && hi - lo > 1e-4; ++k) {
        if (f1 < f2) {
          hi = x2, x2 = x1, f2 = f1, x1 = hi - phi * (hi - lo), f1 = at(x1);
        } else {
          lo = x1, x1 = x2, f1 = f2, x2 = lo + phi * (hi - lo), f2 = at(x2);
        }
      }
      best = std::min(best, std::min(f1, f2));
    }
  }
  return best;
}

// A wandering line across eastern Ukraine with segments from 50 m to 15 km, and a closed ring.
std::vector<std::vector<LatLon>> test_lines() {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<LatLon> line{{46.6, 32.5}};
  while (line.back().lon < 39.5) {
    const double step_km = u(random) < 0.2 ? 0.05 + u(random) * 0.5 : 1 + u(random) * 14;
    const double bearing = 20 + u(random) * 120;
    line.push_back(geo::destination(line.back(), bearing, step_km * 1000));
  }
  std::vector<LatLon> ring;
  for (int k = 0; k <= 36; ++k)
    ring.push_back(geo::destination({47.2, 35.0}, k * 10.0, 5'000));
  return {line, ring};
}

TEST(SegmentIndex, DistancesWithinAMetreOfGeographicLib) {
  const auto lines = test_lines();
  const geo::SegmentIndex index(lines);
  EXPECT_GT(index.grid_cells(), 1'000u);
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> lat(45.0, 50.5), lon(30.5, 41.5), near(-0.05, 0.05);
  std::uniform_int_distribution<std::size_t> vertex(0, lines[0].size() - 1);
  double worst = 0;
  for (int i = 0; i < 400; ++i) {
    // Half anywhere (up to ~250 km away and beyond the grid), half within a few km.
    LatLon p{lat(random), lon(random)};
    if (i % 2 == 1) {
      const LatLon v = lines[0][vertex(random)];
      p = {v.lat + near(random), v.lon + near(random)};
    }
    const auto found = index.nearest(p);
    ASSERT_TRUE(found.found());
    const double expected = reference_distance(lines, p);
    worst = std::max(worst, std::abs(found.distance_m - expected));
    EXPECT_NEAR(found.distance_m, expected, 1.0) << p.lat << ", " << p.lon;
  }
  RecordProperty("worst_error_m", std::to_string(worst));
}

TEST(SegmentIndex, ReportsWhichSegmentAndWhere) {
  const std::vector<std::vector<LatLon>> lines{{{48.0, 37.0}, {48.0, 37.1}, {48.1, 37.1}}};
  const geo::SegmentIndex index(lines);
  const auto found = index.nearest(LatLon{48.05, 37.2});
  EXPECT_EQ(found.segment, 1u);
  EXPECT_NEAR(found.t, 0.5, 0.01);
  EXPECT_NEAR(found.distance_m, geo::distance_m({48.05, 37.2}, {48.05, 37.1}), 1.0);
  const auto end = index.nearest(LatLon{47.9, 36.9});
  EXPECT_EQ(end.segment, 0u);
  EXPECT_EQ(end.t, 0.0);
  EXPECT_FALSE(geo::SegmentIndex({{{48.0, 37.0}}}).nearest(LatLon{48, 37}).found());
}

}  // namespace
}  // namespace vigil::test
