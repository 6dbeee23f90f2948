#include "vigil/ceasefire/contact_line.hpp"

#include <gtest/gtest.h>

#include "vigil/geo/segment_index.hpp"

namespace vigil::test {
namespace {

using geo::LatLon;
using geo::Ring;

// Two regions sharing an edge make a 2° x 1° country; the control polygon covers its east
// end and reaches over the east border. The line is the control polygon's west edge only.
TEST(ContactLine, DerivedLineLeavesOutBordersSharedEdgesAndWhatLiesOutside) {
  const std::vector<Ring> country{{{48.0, 36.0}, {48.0, 37.0}, {49.0, 37.0}, {49.0, 36.0}},
                                  {{48.0, 37.0}, {48.0, 38.0}, {49.0, 38.0}, {49.0, 37.0}}};
  EXPECT_EQ(ceasefire::unshared_edges(country).size(), 6u) << "the shared edge is no border";
  const std::vector<Ring> control{{{48.0, 37.5}, {48.0, 38.5}, {49.0, 38.5}, {49.0, 37.5}}};
  ceasefire::DerivationReport report;
  const auto line = ceasefire::derive_from_control(control, country, {}, report);
  ASSERT_EQ(line.parts.size(), 1u);
  // The west edge at 37.5°E, less the tolerance (3 km) at each end along the border.
  const double edge_km = geo::distance_m({48.0, 37.5}, {49.0, 37.5}) / 1000;
  EXPECT_NEAR(line.length_m() / 1000, edge_km - 6, 1.0);
  for (const auto& p : line.parts[0])
    EXPECT_NEAR(p.lon, 37.5, 1e-9);
  EXPECT_GT(report.outside_km, 100) << "the part over the east border";
  EXPECT_GT(report.on_border_km, 70) << "its north and south edges east of 37.5°E";
  EXPECT_EQ(line.control.size(), 1u);
  EXPECT_EQ(line.territory.size(), 2u);
}

TEST(ContactLine, AControlAreaWhollyInsideIsAClosedLine) {
  const std::vector<Ring> country{{{40.0, 30.0}, {40.0, 40.0}, {50.0, 40.0}, {50.0, 30.0}}};
  const std::vector<Ring> control{{{45.0, 35.0}, {45.0, 35.5}, {45.5, 35.5}, {45.5, 35.0}}};
  ceasefire::DerivationReport report;
  const auto line = ceasefire::derive_from_control(control, country, {}, report);
  ASSERT_EQ(line.parts.size(), 1u);
  EXPECT_DOUBLE_EQ(line.parts[0].front().lat, line.parts[0].back().lat);
  EXPECT_DOUBLE_EQ(line.parts[0].front().lon, line.parts[0].back().lon);
  EXPECT_EQ(report.on_border_km, 0);
}

// The bundled DeepStateMap polygon of 2025-02-20 within the OSM oblasts (data/).
TEST(ContactLine, DeepStateMapLineOf20February2025) {
  const std::string data = std::string(VIGIL_SOURCE_DIR) + "/data/";
  const auto control =
      geo::read_geojson_geometry(data + "frontline/deepstatemap_data_20250220.geojson");
  const auto oblasts = geo::read_geojson_geometry(data + "boundaries/ua_oblasts_osm.geojson");
  // Kherson, Mykolaiv and Odesa oblasts list islands before their mainland ring.
  EXPECT_EQ(oblasts.warnings.size(), 4u);
  ceasefire::DerivationReport report;
  const auto line =
      ceasefire::derive_from_control(control.all_rings(), oblasts.all_rings(), {}, report);
  EXPECT_NEAR(line.length_m() / 1000, 1139, 5);
  std::size_t longest = 0;
  for (const auto& part : line.parts)
    longest = std::max(longest, part.size());
  EXPECT_GT(longest, 1'000u) << "one line from the Dnipro to the Russian border";
  // No vertex of the line lies within the tolerance of Ukraine's border or coast.
  const geo::SegmentIndex border(ceasefire::unshared_edges(oblasts.all_rings()));
  for (const auto& part : line.parts)
    for (const auto& p : part)
      ASSERT_GT(border.nearest(p).distance_m, 2'900) << p.lat << ", " << p.lon;
}

}  // namespace
}  // namespace vigil::test
