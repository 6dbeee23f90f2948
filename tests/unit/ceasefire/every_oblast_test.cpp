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
  LatLon deep;  // the point of a 0.05° grid farthest from the oblast's boundary
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
    const geo::RingIndex inside(feature.rings);
    const geo::SegmentIndex boundary(edges);
    Oblast oblast{feature.properties.value("name:en", "?"), {}};
    double best = 0;
    for (double lat = lat0; lat <= lat1; lat += 0.05)
      for (double lon = lon0; lon <= lon1; lon += 0.05)
        if (inside.contains({lat, lon}))
          if (const double d = boundary.nearest(LatLon{lat, lon}).distance_m; d > best)
            best = d, oblast.deep = {lat, lon};
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

class EveryOblast : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    boundaries_ = new geo::GeometryFile(geo::read_geojson_geometry(
        std::filesystem::path(VIGIL_SOURCE_DIR) / "data/boundaries/ua_oblasts_osm.geojson"));
  }
  static void TearDownTestSuite() {
    delete boundaries_;
    boundaries_ = nullptr;
  }
  static geo::GeometryFile* boundaries_;
};
geo::GeometryFile* EveryOblast::boundaries_ = nullptr;

TEST_F(EveryOblast, AChangeInsideAnyOblastIsMeasured) {
  const auto list = oblasts(*boundaries_);
  ASSERT_EQ(list.size(), 25u);
  // Before: a square in the Black Sea, outside the country, so every version has an area.
  ceasefire::ContactLine before;
  before.control = {square({43.5, 33.0})};
  before.parts = {before.control[0]};
  before.territory = boundaries_->all_rings();
  for (const auto& oblast : list) {
    ceasefire::ContactLine after = before;
    after.control.push_back(square(oblast.deep));
    const auto changes = ceasefire::diff_lines(before, after, nullptr);
    ASSERT_EQ(changes.size(), 1u) << oblast.name;
    const double expected = geodesic(square(oblast.deep)).area_m2 / 1e6;
    EXPECT_NEAR(changes[0].to_inside_km2, expected, expected * 0.005) << oblast.name;
    EXPECT_EQ(changes[0].to_outside_km2, 0) << oblast.name;
  }
}

TEST_F(EveryOblast, ZonesInsideAnyOblastReachBothWays) {
  const auto list = oblasts(*boundaries_);
  const auto settlement = ceasefire::parse_settlement(
      R"({"name": "t", "parties": [{"id": "holder", "side": "inside"},
                                   {"id": "other", "side": "outside"}],
          "security_zone_km": 1, "sectors": {"every_km": 40}})",
      "t.json", ".");
  constexpr double w = 1'000;
  for (const auto& oblast : list) {
    ceasefire::ContactLine line;
    line.control = {square(oblast.deep)};
    line.parts = {line.control[0]};
    line.parts[0].push_back(line.control[0].front());
    line.territory = boundaries_->all_rings();
    const auto figures = geodesic(line.control[0]);
    const ceasefire::Classifier classifier(line, settlement);
    const auto features = ceasefire::zone_features(classifier);
    double holder = -1, other = -1;
    for (const auto& f : features["features"]) {
      if (f["properties"]["kind"] != "security") continue;
      (f["properties"]["party"] == "holder" ? holder : other) = geojson_area_m2(f["geometry"]);
    }
    // Outside a convex polygon, the band of width w has area P w + π w² (Steiner); inside a
    // near-rectangle, P w - 4 w² (the square less its inner square).
    const double outside = figures.perimeter_m * w + std::numbers::pi * w * w;
    const double inside = figures.perimeter_m * w - 4 * w * w;
    ASSERT_LT(inside, figures.area_m2);
    EXPECT_NEAR(other, outside, outside * 0.005) << oblast.name;
    EXPECT_NEAR(holder, inside, inside * 0.005) << oblast.name;
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
