#include "vigil/ceasefire/line_diff.hpp"

#include <gtest/gtest.h>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>

namespace vigil::test {
namespace {

using geo::LatLon;

double geodesic_area_km2(const geo::Ring& ring) {
  GeographicLib::PolygonArea polygon(GeographicLib::Geodesic::WGS84());
  for (const auto& p : ring)
    polygon.AddPoint(p.lat, p.lon);
  double perimeter = 0, area = 0;
  polygon.Compute(false, true, perimeter, area);
  return area / 1e6;
}

ceasefire::ContactLine control_area(double east_edge) {
  ceasefire::ContactLine line;
  line.control = {{{48.0, east_edge}, {48.0, 40.0}, {49.0, 40.0}, {49.0, east_edge}}};
  line.parts = {{{48.0, east_edge}, {49.0, east_edge}}};
  return line;
}

// The control area's west edge moves 0.2° west: a 0.2° x 1° strip passes to the inside party,
// whose farthest point is 0.2° of longitude (about 15 km at 48-49°N) beyond the old line.
TEST(LineDiff, AreaAndAdvanceOfAStrip) {
  const auto older = control_area(38.0), newer = control_area(37.8);
  const auto changes = ceasefire::diff_lines(older, newer, nullptr);
  ASSERT_EQ(changes.size(), 1u);
  const geo::Ring strip{{48.0, 37.8}, {48.0, 38.0}, {49.0, 38.0}, {49.0, 37.8}};
  EXPECT_NEAR(changes[0].to_inside_km2, geodesic_area_km2(strip), geodesic_area_km2(strip) * 1e-3);
  EXPECT_EQ(changes[0].to_outside_km2, 0);
  EXPECT_NEAR(changes[0].inside_advance_km, geo::distance_m({48.0, 37.8}, {48.0, 38.0}) / 1000,
              0.2);
  // And back: the same strip to the outside party.
  const auto back = ceasefire::diff_lines(newer, older, nullptr);
  EXPECT_NEAR(back[0].to_outside_km2, changes[0].to_inside_km2, 1e-6);
  EXPECT_EQ(back[0].to_inside_km2, 0);
}

// Two maps trace the border differently: the newer control area gains a strip 1.5 km wide
// along 111 km of the territory's east border. The strip is area that changed hands on paper
// but no line moved there (the derived line leaves out what lies along borders): its advance
// is the newer line's distance from the older one, 0, not the strip's far end (111 km away).
TEST(LineDiff, ASliverAlongTheBorderMovesNoLine) {
  const std::vector<geo::Ring> territory = {
      {{47.0, 36.0}, {47.0, 40.0}, {50.0, 40.0}, {50.0, 36.0}}};
  ceasefire::DerivationReport report;
  const auto older = ceasefire::derive_from_control(
      {{{48.0, 38.0}, {48.0, 40.0}, {49.0, 40.0}, {49.0, 38.0}}}, territory, {}, report);
  const auto newer = ceasefire::derive_from_control(
      {{{48.0, 38.0}, {48.0, 39.98}, {47.0, 39.98}, {47.0, 40.0}, {49.0, 40.0}, {49.0, 38.0}}},
      territory, {}, report);
  const auto changes = ceasefire::diff_lines(older, newer, nullptr);
  ASSERT_EQ(changes.size(), 1u);
  const geo::Ring strip{{47.0, 39.98}, {47.0, 40.0}, {48.0, 40.0}, {48.0, 39.98}};
  EXPECT_NEAR(changes[0].to_inside_km2, geodesic_area_km2(strip), geodesic_area_km2(strip) * 1e-3);
  EXPECT_LT(changes[0].inside_advance_km, 0.5);
  EXPECT_EQ(changes[0].outside_advance_km, 0);
}

TEST(LineDiff, DrawnLinesHaveNoSides) {
  ceasefire::ContactLine drawn;
  drawn.parts = {{{48.0, 37.0}, {49.0, 37.0}}};
  EXPECT_THROW(ceasefire::diff_lines(drawn, control_area(38.0), nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace vigil::test
