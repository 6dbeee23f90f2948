// Diffs and zones in every one of the 25 oblasts of the bundled boundaries (Crimea included).
//
// The regions of a country share their edges. Handed to GEOS as one MultiPolygon and repaired,
// the six oblasts with neither an international border nor a coast (Dnipropetrovsk, Poltava,
// Kirovohrad, Cherkasy, Khmelnytskyi, Ternopil) fell out of the territory: a change inside
// them measured 0 km², and the outside party's zones stopped at their boundaries. Here a
// square of about 5.5 km a side is placed deep inside each oblast, and what vigil measures
// is checked against independent geodesic figures (GeographicLib's PolygonArea, and the
// Steiner formula for the band around a convex polygon).

#include <gtest/gtest.h>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "ceasefire_test_support.hpp"
#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/control_area.hpp"
#include "vigil/ceasefire/line_diff.hpp"
#include "vigil/ceasefire/settlement.hpp"
#include "vigil/ceasefire/zone_geometry.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/segment_index.hpp"

namespace vigil::test {
namespace {

using geo::LatLon;

struct Figures {
  double area_m2 = 0, perimeter_m = 0;
};

Figures geodesic(const std::vector<LatLon>& ring) {
  GeographicLib::PolygonArea polygon(GeographicLib::Geodesic::WGS84());
  for (const auto& p : ring)
    polygon.AddPoint(p.lat, p.lon);
  Figures f;
  polygon.Compute(false, true, f.perimeter_m, f.area_m2);
  f.area_m2 = std::abs(f.area_m2);
  return f;
}

// The area of a GeoJSON Polygon or MultiPolygon, exteriors less holes.
double geojson_area_m2(const nlohmann::json& geometry) {
  const auto polygon_area = [](const nlohmann::json& rings) {
    double area = 0;
    for (std::size_t r = 0; r < rings.size(); ++r) {
      std::vector<LatLon> ring;
      for (const auto& p : rings[r])
        ring.push_back({p[1].get<double>(), p[0].get<double>()});
      ring.pop_back();
      area += (r == 0 ? 1 : -1) * geodesic(ring).area_m2;
    }
    return area;
  };
  if (geometry["type"] == "Polygon") return polygon_area(geometry["coordinates"]);
  double area = 0;
  for (const auto& polygon : geometry["coordinates"])
    area += polygon_area(polygon);
  return area;
}

struct Oblast {
  std::string name;
  LatLon deep;  // the point of a 0.05° grid deepest inside the oblast
};

std::vector<Oblast> oblasts(const geo::GeometryFile& file) {
  std::vector<Oblast> out;
  for (const auto& feature : file.features) {
    std::vector<std::vector<LatLon>> edges;
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (const auto& ring : feature.rings) {
      std::vector<LatLon> closed = ring;
      closed.push_back(ring.front());
      edges.push_back(closed);
      for (const auto& p : ring)
        lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat), lon0 = std::min(lon0, p.lon),
        lon1 = std::max(lon1, p.lon);
    }
    // The grid cell deepest inside (most cells from any cell outside, a distance transform
    // in cells), then its true distance from the boundary: one query, where one per cell
    // took seconds.
    const geo::RingIndex inside(feature.rings);
    constexpr double kStep = 0.05;
    const auto rows = static_cast<int>((lat1 - lat0) / kStep) + 3;
    const auto cols = static_cast<int>((lon1 - lon0) / kStep) + 3;
    std::vector<int> depth(static_cast<std::size_t>(rows * cols), 0);
    const auto at = [&](int r, int c) {
      return LatLon{lat0 + (r - 1) * kStep, lon0 + (c - 1) * kStep};
    };
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        depth[static_cast<std::size_t>(r * cols + c)] = inside.contains(at(r, c)) ? 1 << 20 : 0;
    for (int pass = 0; pass < 2; ++pass)  // forward then backward chamfer sweeps
      for (int k = 0; k < rows * cols; ++k) {
        const int i = pass == 0 ? k : rows * cols - 1 - k;
        const int r = i / cols, c = i % cols, d = pass == 0 ? -1 : 1;
        auto& here = depth[static_cast<std::size_t>(i)];
        for (const auto& [dr, dc] : {std::pair{d, 0}, {0, d}, {d, d}, {d, -d}}) {
          const int rr = r + dr, cc = c + dc;
          const int there = rr < 0 || rr >= rows || cc < 0 || cc >= cols
                                ? 0
                                : depth[static_cast<std::size_t>(rr * cols + cc)];
          here = std::min(here, there + 1);
        }
      }
    const auto deepest = std::max_element(depth.begin(), depth.end()) - depth.begin();
    Oblast oblast{feature.properties.value("name:en", "?"),
                  at(static_cast<int>(deepest) / cols, static_cast<int>(deepest) % cols)};
    const double best = geo::SegmentIndex(edges).nearest(oblast.deep).distance_m;
    EXPECT_GT(best, 10'000) << oblast.name << ": no point 10 km inside";
    out.push_back(oblast);
  }
  return out;
}

// A square of 0.05° of latitude by as many kilometres of longitude, about `centre`.
std::vector<LatLon> square(LatLon centre) {
  const double h = 0.025, w = 0.025 / std::cos(centre.lat * std::numbers::pi / 180);
  return {{centre.lat - h, centre.lon - w},
          {centre.lat - h, centre.lon + w},
          {centre.lat + h, centre.lon + w},
          {centre.lat + h, centre.lon - w}};
}

// The suite's cases run in one process (tests/CMakeLists.txt, unit.EveryOblast): the
// boundaries are read and each oblast's deepest point found once for all of them (the
// search builds a segment index per oblast: a dozen seconds under the sanitizers).
class EveryOblast : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    boundaries_ = new geo::GeometryFile(geo::read_geojson_geometry(
        std::filesystem::path(VIGIL_SOURCE_DIR) / "data/boundaries/ua_oblasts_osm.geojson"));
  }
  static void TearDownTestSuite() {
    delete boundaries_;
    boundaries_ = nullptr;
    delete oblasts_;
    oblasts_ = nullptr;
  }
  static const std::vector<Oblast>& every_oblast() {
    if (oblasts_ == nullptr) oblasts_ = new std::vector<Oblast>(oblasts(*boundaries_));
    return *oblasts_;
  }
  static geo::GeometryFile* boundaries_;
  static std::vector<Oblast>* oblasts_;
};
geo::GeometryFile* EveryOblast::boundaries_ = nullptr;
std::vector<Oblast>* EveryOblast::oblasts_ = nullptr;

// One version with a square in each oblast, measured at once (each overlay with the
// territory takes a quarter of a second, seconds under the sanitizers): the diff's total is
// the squares' total, where one oblast dropped would take 4 % away, and the area held per
// oblast is that oblast's square.
TEST_F(EveryOblast, AChangeInsideAnyOblastIsMeasured) {
  const auto& list = every_oblast();
  ASSERT_EQ(list.size(), 25u);
  // Before: a square in the Black Sea, outside the country, so every version has an area.
  ceasefire::ContactLine before;
  before.control = {square({43.5, 33.0})};
  before.parts = {before.control[0]};
  before.territory = boundaries_->all_rings();
  ceasefire::ContactLine after = before;
  double total = 0;
  for (const auto& oblast : list) {
    after.control.push_back(square(oblast.deep));
    total += geodesic(square(oblast.deep)).area_m2 / 1e6;
  }
  const auto changes = ceasefire::diff_lines(before, after, nullptr);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NEAR(changes[0].to_inside_km2, total, total * 0.001);
  EXPECT_EQ(changes[0].to_outside_km2, 0);

  const auto areas =
      ceasefire::control_areas(after, ceasefire::named_regions(*boundaries_, "name:en"));
  ASSERT_EQ(areas.regions.size(), list.size());
  for (std::size_t k = 0; k < list.size(); ++k) {
    const double expected = geodesic(square(list[k].deep)).area_m2 / 1e6;
    EXPECT_EQ(areas.regions[k].name, list[k].name);
    EXPECT_NEAR(areas.regions[k].inside_km2, expected, expected * 0.005) << list[k].name;
  }
}

// The polygons of a GeoJSON Polygon or MultiPolygon, each as its rings' coordinates.
std::vector<nlohmann::json> polygons_of(const nlohmann::json& geometry) {
  if (geometry["type"] == "Polygon") return {geometry["coordinates"]};
  return {geometry["coordinates"].begin(), geometry["coordinates"].end()};
}

TEST_F(EveryOblast, ZonesInsideAnyOblastReachBothWays) {
  const auto& list = every_oblast();
  const auto settlement = ceasefire::parse_settlement(
      R"({"name": "t", "parties": [{"id": "holder", "side": "inside"},
                                   {"id": "other", "side": "outside"}],
          "security_zone_km": 1, "sectors": {"every_km": 40}})",
      "t.json", ".");
  constexpr double w = 1'000;
  ceasefire::ContactLine line;
  line.territory = boundaries_->all_rings();
  for (const auto& oblast : list) {
    line.control.push_back(square(oblast.deep));
    line.parts.push_back(line.control.back());
    line.parts.back().push_back(line.control.back().front());
  }
  const ceasefire::Classifier classifier(line, settlement);
  const auto features = ceasefire::zone_features(classifier);
  // Each band is the polygon whose box holds its square's centre.
  std::vector<double> holder(list.size(), -1), other(list.size(), -1);
  for (const auto& f : features["features"]) {
    if (f["properties"]["kind"] != "security") continue;
    auto& bands = f["properties"]["party"] == "holder" ? holder : other;
    for (const auto& polygon : polygons_of(f["geometry"])) {
      double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
      for (const auto& p : polygon[0]) {
        lat0 = std::min(lat0, p[1].get<double>()), lat1 = std::max(lat1, p[1].get<double>());
        lon0 = std::min(lon0, p[0].get<double>()), lon1 = std::max(lon1, p[0].get<double>());
      }
      for (std::size_t k = 0; k < list.size(); ++k)
        if (list[k].deep.lat > lat0 && list[k].deep.lat < lat1 && list[k].deep.lon > lon0 &&
            list[k].deep.lon < lon1)
          bands[k] = geojson_area_m2({{"type", "Polygon"}, {"coordinates", polygon}});
    }
  }
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto figures = geodesic(square(list[k].deep));
    // Outside a convex polygon, the band of width w has area P w + π w² (Steiner); inside a
    // near-rectangle, P w - 4 w² (the square less its inner square).
    const double outside = figures.perimeter_m * w + std::numbers::pi * w * w;
    const double inside = figures.perimeter_m * w - 4 * w * w;
    ASSERT_LT(inside, figures.area_m2);
    EXPECT_NEAR(other[k], outside, outside * 0.005) << list[k].name;
    EXPECT_NEAR(holder[k], inside, inside * 0.005) << list[k].name;
  }
}

// The areas line show and the daily report state, on the bundled map of 2025-02-20: the
// control area measured in the Albers plane agrees with GeographicLib's geodesic area of the
// same polygons, and the per-oblast figures add up to the sides and the territory.
TEST_F(EveryOblast, ControlAreasAddUpAndAgreeWithGeodesicAreas) {
  const auto& line = donbas_line_2025_02_20();
  ceasefire::ContactLine unclipped = line;
  unclipped.territory.clear();
  const double geodesic_km2 =
      ceasefire::geodesic_area_m2(ceasefire::dissolve({line.control})) / 1e6;
  EXPECT_NEAR(ceasefire::control_areas(unclipped).inside_km2, geodesic_km2, geodesic_km2 * 1e-4);

  const auto regions = ceasefire::named_regions(*boundaries_, "name:en");
  ASSERT_EQ(regions.size(), 25u);
  const auto areas = ceasefire::control_areas(line, regions);
  EXPECT_NEAR(areas.inside_km2 + areas.outside_km2, areas.territory_km2, 1);
  double inside = 0, outside = 0;
  for (const auto& r : areas.regions) {
    inside += r.inside_km2, outside += r.outside_km2;
    const double whole =
        ceasefire::geodesic_area_m2(ceasefire::dissolve(
            {regions[static_cast<std::size_t>(&r - areas.regions.data())].rings})) /
        1e6;
    EXPECT_NEAR(r.inside_km2 + r.outside_km2, whole, whole * 0.005) << r.name;
  }
  EXPECT_NEAR(inside, areas.inside_km2, 1);
  EXPECT_NEAR(outside, areas.outside_km2, 1);
  // Part of the control polygon lies outside the OSM oblasts (coasts traced differently): the
  // clipped figure is the smaller, by under 2 %.
  EXPECT_LT(areas.inside_km2, geodesic_km2);
  EXPECT_GT(areas.inside_km2, geodesic_km2 * 0.98);
}

}  // namespace
}  // namespace vigil::test
