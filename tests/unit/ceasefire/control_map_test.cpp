// Choosing and dissolving the polygons of control-of-terrain maps (control_map.hpp,
// control_area.hpp), on synthetic maps and, when ../shared/data is present, on a layered
// DeepStateMap export of 20 February 2025.

#include "vigil/ceasefire/control_map.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/segment_index.hpp"

namespace vigil::test {
namespace {

using ceasefire::FeatureFilter;
using ceasefire::FeatureSelection;
using geo::LatLon;
using nlohmann::json;

geo::Ring box(double lon0, double lat0, double lon1, double lat1) {
  return {{lat0, lon0}, {lat0, lon1}, {lat1, lon1}, {lat1, lon0}};
}

geo::GeometryFeature feature(json properties, std::vector<geo::Ring> rings) {
  geo::GeometryFeature f;
  f.properties = std::move(properties);
  f.rings = std::move(rings);
  return f;
}

TEST(FeatureFilter, EqualsOrMatches) {
  const json p = {{"fill", "#a52714"}, {"name", "Окуповано /// Occupied"}, {"level", 2}};
  EXPECT_TRUE(FeatureFilter::parse("fill=#a52714").matches(p));
  EXPECT_FALSE(FeatureFilter::parse("fill=#a5271").matches(p)) << "equality is whole";
  EXPECT_TRUE(FeatureFilter::parse("name~Occupied").matches(p)) << "a pattern is searched for";
  EXPECT_FALSE(FeatureFilter::parse("name~^Occupied").matches(p));
  EXPECT_TRUE(FeatureFilter::parse("level=2").matches(p)) << "numbers compare as their JSON";
  EXPECT_FALSE(FeatureFilter::parse("stroke=#a52714").matches(p)) << "a missing key never holds";
  EXPECT_TRUE(FeatureFilter::parse("fill=").key() == "fill");
  EXPECT_FALSE(FeatureFilter::parse("fill=").matches(p));
  EXPECT_THROW(FeatureFilter::parse("fill"), ceasefire::ControlMapError);
  EXPECT_THROW(FeatureFilter::parse("=x"), ceasefire::ControlMapError);
  EXPECT_THROW(FeatureFilter::parse("name~("), ceasefire::ControlMapError);
}

TEST(FeatureSelection, AlternativesOnAKeyAllKeysMustHold) {
  const FeatureSelection selection({FeatureFilter::parse("fill=#a52714"),
                                    FeatureFilter::parse("fill=#880e4f"),
                                    FeatureFilter::parse("name~Occupied")});
  EXPECT_TRUE(selection.matches({{"fill", "#a52714"}, {"name", "Occupied"}}));
  EXPECT_TRUE(selection.matches({{"fill", "#880e4f"}, {"name", "Occupied Crimea"}}));
  EXPECT_FALSE(selection.matches({{"fill", "#0f9d58"}, {"name", "Occupied"}}));
  EXPECT_FALSE(selection.matches({{"fill", "#a52714"}, {"name", "Liberated"}}));
  EXPECT_EQ(selection.describe(), "fill=#a52714 or fill=#880e4f and name~Occupied");
  EXPECT_TRUE(FeatureSelection().matches(json::object()));
}

TEST(ControlArea, TouchingFeaturesDissolveOverlapsUnite) {
  // Two squares sharing an edge, and a third overlapping the second by half.
  const auto area = ceasefire::dissolve({{box(37.0, 48.0, 37.2, 48.2)},
                                         {box(37.2, 48.0, 37.4, 48.2)},
                                         {box(37.3, 48.0, 37.5, 48.2)}});
  ASSERT_EQ(area.size(), 1u);
  EXPECT_TRUE(area[0].holes.empty());
  // The union's edges run through every given corner on them: its geodesic area is that of
  // the four boxes between 37.0, 37.2, 37.3, 37.4 and 37.5°E.
  double expected = 0;
  for (const auto& [west, east] : {std::pair{37.0, 37.2}, {37.2, 37.3}, {37.3, 37.4}, {37.4, 37.5}})
    expected += ceasefire::geodesic_area_m2(box(west, 48.0, east, 48.2));
  EXPECT_NEAR(ceasefire::geodesic_area_m2(area), expected, expected * 1e-9)
      << "by the even-odd rule the overlap would be lost";
  EXPECT_EQ(area[0].exterior.size(), 10u) << "the corners and the given vertices on the edges";
  // The union's corners are the given vertices, to within 1e-9°.
  bool corner = false;
  for (const auto& p : area[0].exterior)
    corner = corner || (std::abs(p.lat - 48.2) < 1e-9 && std::abs(p.lon - 37.5) < 1e-9);
  EXPECT_TRUE(corner);
}

TEST(ControlArea, AFeaturesHolesStayAndSliverGapsClose) {
  // A feature with a hole (even-odd within a feature), and a neighbour traced 0.5 m short of
  // the shared edge: the gap is a sliver, the hole is not.
  const double gap = 0.5 / 74'000;  // 0.5 m of longitude at 48°N, in degrees
  auto area = ceasefire::dissolve({{box(37.0, 48.0, 37.2, 48.2), box(37.05, 48.05, 37.1, 48.1)},
                                   {box(36.8, 48.0, 37.0 - gap, 48.2)},
                                   {box(36.8, 48.2, 37.2, 48.3)},
                                   {box(36.8, 47.9, 37.2, 48.0)}});
  ASSERT_EQ(area.size(), 1u);
  EXPECT_EQ(area[0].holes.size(), 2u) << "the hole and the gap, closed above and below";
  EXPECT_EQ(ceasefire::fill_sliver_holes(area, 10), 1u);
  ASSERT_EQ(area[0].holes.size(), 1u);
  EXPECT_NEAR(ceasefire::geodesic_area_m2(area[0].holes[0]),
              ceasefire::geodesic_area_m2(box(37.05, 48.05, 37.1, 48.1)), 1);
}

TEST(ControlLayers, AMixedFileIsRefusedWithItsLayers) {
  geo::GeometryFile file;
  file.path = "map.geojson";
  file.features.push_back(
      feature({{"fill", "#a52714"}, {"name", "Occupied\nmore"}}, {box(37.0, 48.0, 37.2, 48.2)}));
  file.features.push_back(
      feature({{"fill", "#a52714"}, {"name", "Occupied"}}, {box(37.2, 48.0, 37.4, 48.2)}));
  file.features.push_back(
      feature({{"fill", "#0f9d58"}, {"name", "Liberated"}}, {box(37.4, 48.0, 37.5, 48.2)}));
  file.features.push_back(feature({{"fill", "#a52714"}}, {}));  // a Point: not a polygon
  const auto layers = ceasefire::control_layers(file, {});
  EXPECT_EQ(layers.key, "fill");
  ASSERT_EQ(layers.layers.size(), 2u);
  EXPECT_EQ(layers.layers[0].value, "#a52714");
  EXPECT_EQ(layers.layers[0].features, 2u);
  EXPECT_EQ(layers.layers[0].example, "Occupied");
  EXPECT_NEAR(layers.layers[0].area_km2,
              (ceasefire::geodesic_area_m2(box(37.0, 48.0, 37.2, 48.2)) +
               ceasefire::geodesic_area_m2(box(37.2, 48.0, 37.4, 48.2))) /
                  1e6,
              1e-6);
  try {
    ceasefire::select_control(file, {});
    FAIL() << "a mixed file without a filter must be refused";
  } catch (const ceasefire::ControlMapError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("map.geojson: the file mixes 2 kinds of polygon"), std::string::npos);
    EXPECT_NE(message.find("fill=#0f9d58  1 feature"), std::string::npos) << message;
  }
  const auto selected =
      ceasefire::select_control(file, FeatureSelection({FeatureFilter::parse("fill=#a52714")}));
  EXPECT_EQ(selected.features, 2u);
  EXPECT_EQ(selected.skipped, 1u);
  ASSERT_EQ(selected.area.size(), 1u);
  EXPECT_THROW(
      ceasefire::select_control(file, FeatureSelection({FeatureFilter::parse("fill=#880e4f")})),
      ceasefire::ControlMapError);
  // One layer is not a mix: the single-polygon exports import as they are.
  file.features.pop_back();
  file.features.pop_back();
  EXPECT_FALSE(ceasefire::control_layers(file, {}).mixed());
  EXPECT_EQ(ceasefire::select_control(file, {}).features, 2u);
}

// The layered DeepStateMap export of 20 February 2025: occupied (fill #a52714), Crimea, ORDLO
// and Tuzla (#880e4f), liberated (#0f9d58, #0288d1, #01579b), unknown status (#bcaaa4,
// #bdbdbd) and foreign occupied areas (#ff5252, Transnistria to the Kurils).
TEST(ControlLayers, LayeredDeepStateMapExport) {
  const std::filesystem::path shared = VIGIL_SHARED_DATA;
  const auto layered = shared / "frontline/deepstatemaps_20250220_1740084449.geojson";
  if (!std::filesystem::exists(layered)) GTEST_SKIP() << layered << " is absent";
  const std::filesystem::path root = VIGIL_SOURCE_DIR;
  const auto file = geo::read_geojson_geometry(layered);
  const auto oblasts = geo::read_geojson_geometry(root / "data/boundaries/ua_oblasts_osm.geojson");

  const auto layers = ceasefire::control_layers(file, {});
  EXPECT_EQ(layers.key, "fill");
  EXPECT_EQ(layers.layers.size(), 8u);
  EXPECT_THROW(ceasefire::select_control(file, {}), ceasefire::ControlMapError);

  const auto selected =
      ceasefire::select_control(file, FeatureSelection({FeatureFilter::parse("fill=#a52714"),
                                                        FeatureFilter::parse("fill=#880e4f")}));
  EXPECT_EQ(selected.features, 13u);
  // The gaps where ORDLO's boundary and the 2022 areas' are traced a hair apart (48 of them,
  // under a metre wide, along the pre-2022 line) would be 200 km of "front".
  EXPECT_GE(selected.slivers_filled, 40u);
  ceasefire::DerivationReport report;
  const auto line = ceasefire::derive_from_control(ceasefire::rings_of(selected.area),
                                                   oblasts.all_rings(), {}, report);

  // The single-polygon export of the same date (data/frontline, from another archive).
  const auto single =
      geo::read_geojson_geometry(root / "data/frontline/deepstatemap_data_20250220.geojson");
  ceasefire::DerivationReport single_report;
  const auto reference =
      ceasefire::derive_from_control(single.all_rings(), oblasts.all_rings(), {}, single_report);
  EXPECT_NEAR(line.length_m(), reference.length_m(), reference.length_m() * 0.05);
  const double single_area = ceasefire::geodesic_area_m2(ceasefire::dissolve({single.all_rings()}));
  EXPECT_NEAR(selected.area_km2 * 1e6, single_area, single_area * 0.002);

  // Towns on either side, and Dzhankoi deep in Crimea: with every polygon of the file united,
  // Izium, Kupiansk and Kherson came out occupied; with Crimea drawn beside Kherson oblast and
  // not dissolved, their shared edge put Dzhankoi 27 km from the "front".
  const geo::RingIndex control(line.control);
  EXPECT_FALSE(control.contains({49.2122, 37.2567})) << "Izium";
  EXPECT_FALSE(control.contains({49.7107, 37.6128})) << "Kupiansk";
  EXPECT_FALSE(control.contains({46.6354, 32.6169})) << "Kherson";
  EXPECT_TRUE(control.contains({47.0951, 37.5413})) << "Mariupol";
  EXPECT_TRUE(control.contains({45.7086, 34.3933})) << "Dzhankoi";
  const geo::SegmentIndex front(line.parts);
  EXPECT_GT(front.nearest(LatLon{45.7086, 34.3933}).distance_m, 120'000) << "Dzhankoi";
}

}  // namespace
}  // namespace vigil::test
