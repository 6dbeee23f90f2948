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

TEST(LineDiff, DrawnLinesHaveNoSides) {
  ceasefire::ContactLine drawn;
  drawn.parts = {{{48.0, 37.0}, {49.0, 37.0}}};
  EXPECT_THROW(ceasefire::diff_lines(drawn, control_area(38.0), nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace vigil::test
