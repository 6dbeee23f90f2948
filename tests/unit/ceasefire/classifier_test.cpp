#include "vigil/ceasefire/classifier.hpp"

#include <gtest/gtest.h>

#include <random>

namespace vigil::test {
namespace {

using ceasefire::Classifier;
using geo::LatLon;

bool even_odd(const std::vector<geo::Ring>& rings, LatLon p) {
  bool inside = false;
  for (const auto& ring : rings)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
      if ((ring[i].lat > p.lat) != (ring[j].lat > p.lat) &&
          p.lon <
              (ring[j].lon - ring[i].lon) * (p.lat - ring[i].lat) / (ring[j].lat - ring[i].lat) +
                  ring[i].lon)
        inside = !inside;
  return inside;
}

const Classifier& minsk_on_2025_line() {
  static const Classifier instance = [] {
    const std::string root = VIGIL_SOURCE_DIR;
    const auto control =
        geo::read_geojson_geometry(root + "/data/frontline/deepstatemap_data_20250220.geojson");
    const auto oblasts =
        geo::read_geojson_geometry(root + "/data/boundaries/ua_oblasts_osm.geojson");
    ceasefire::DerivationReport report;
    auto line =
        ceasefire::derive_from_control(control.all_rings(), oblasts.all_rings(), {}, report);
    auto settlement = ceasefire::read_settlement(root + "/examples/settlements/minsk2.json");
    static const auto regions = geo::read_geojson_geometry(settlement.sectors.regions_file);
    return Classifier(std::move(line), std::move(settlement), &regions);
  }();
  return instance;
}

std::vector<std::string> zone_names(const Classifier& c, const ceasefire::Classification& r) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < c.zones().size(); ++i)
    if (r.in(i)) out.push_back(c.zones()[i].name);
  return out;
}

TEST(Classifier, SideIsExactAwayFromTheLine) {
  const auto& c = minsk_on_2025_line();
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> lat(45.5, 51.0), lon(31.0, 40.5);
  int checked = 0;
  for (int i = 0; i < 20'000; ++i) {
    const LatLon p{lat(random), lon(random)};
    const auto r = c.classify(p);
    if (r.distance_m <= 10) continue;
    int expected = -1;
    if (even_odd(c.line().control, p))
      expected = 1;  // russia: the control polygon's inside
    else if (even_odd(c.line().territory, p))
      expected = 0;
    ASSERT_EQ(r.side, expected) << p.lat << ", " << p.lon;
    ++checked;
  }
  EXPECT_GT(checked, 19'000);
}

TEST(Classifier, ZonesFollowSideAndDistance) {
  const auto& c = minsk_on_2025_line();
  // Kramatorsk: government-held, 20-25 km from the line in February 2025.
  const auto kramatorsk = c.classify({48.7230, 37.5560});
  EXPECT_EQ(kramatorsk.side, 0);
  EXPECT_GT(kramatorsk.distance_m, 15'000);
  EXPECT_LT(kramatorsk.distance_m, 25'000);
  const auto names = zone_names(c, kramatorsk);
  EXPECT_EQ(names.front(), "artillery_ge100 withdrawal zone (ukraine)");
  EXPECT_EQ(names.size(), 4u) << "artillery_ge100, mlrs, heavy_mlrs, tactical_missile";
  EXPECT_EQ(c.sectors()[kramatorsk.sector], "Donetsk Oblast");
  // Donetsk city: on the other side; Belgorod: outside Ukraine, nobody's side.
  EXPECT_EQ(c.classify({48.0023, 37.8053}).side, 1);
  const auto belgorod = c.classify({50.5997, 36.5983});
  EXPECT_EQ(belgorod.side, -1);
  EXPECT_EQ(belgorod.zones, 0u);
  // Zolote's disengagement area counts whatever the side.
  const auto zolote = c.classify({48.695, 38.520});
  const auto zolote_zones = zone_names(c, zolote);
  EXPECT_EQ(zolote_zones.back(), "disengagement area Zolote");
  EXPECT_EQ(c.withdrawal_zone(ceasefire::WeaponClass::tank, 1), 9);
  EXPECT_EQ(c.security_zone(0), 0);
}

// A drawn line from west to east: "left" is north of it.
TEST(Classifier, LeftAndRightOfADrawnLine) {
  ceasefire::ContactLine line;
  line.parts = {{{48.0, 36.0}, {48.0, 36.5}, {48.3, 36.8}, {48.3, 37.5}}};
  auto settlement = ceasefire::parse_settlement(
      R"({"name": "t", "parties": [{"id": "north", "side": "left"}, {"id": "south", "side": "right"}],
          "security_zone_km": 5, "sectors": {"every_km": 40}})",
      "t.json", ".");
  const Classifier c(line, settlement);
  EXPECT_EQ(c.classify({48.05, 36.2}).side, 0);
  EXPECT_EQ(c.classify({47.95, 36.2}).side, 1);
  // Beside the vertex of a left turn at 36.5°E: south-east of it is right of both legs.
  EXPECT_EQ(c.classify({47.99, 36.52}).side, 1);
  EXPECT_EQ(c.classify({48.02, 36.48}).side, 0);
  const auto near = c.classify({48.02, 36.2});
  // The geodesic from 36°E to 36.5°E along 48°N bows about 30 m north of the parallel.
  const double to_parallel = geo::distance_m({48.02, 36.2}, {48.0, 36.2});
  EXPECT_LT(near.distance_m, to_parallel - 20);
  EXPECT_GT(near.distance_m, to_parallel - 40);
  EXPECT_EQ(zone_names(c, near), std::vector<std::string>{"security zone (north)"});
  EXPECT_EQ(c.sectors().size(), 4u) << "129 km in stretches of 40 km";
  EXPECT_EQ(c.sectors()[c.classify({48.0, 36.01}).sector], "km 0-40");
  EXPECT_THROW(Classifier(line, ceasefire::read_settlement(std::string(VIGIL_SOURCE_DIR) +
                                                           "/examples/settlements/minsk2.json")),
               ceasefire::SettlementError)
      << "inside/outside needs a control area";
}

// The line cut into its sectors: every stretch of line once, each sector as long as its
// share, and a point on a stretch classified into that stretch's sector.
TEST(Classifier, SectorLinesCutTheLineAtEveryKm) {
  ceasefire::ContactLine line;
  line.parts = {{{48.0, 36.0}, {48.0, 36.5}, {48.3, 36.8}, {48.3, 37.5}}};
  auto settlement = ceasefire::parse_settlement(
      R"({"name": "t", "parties": [{"id": "north", "side": "left"}, {"id": "south", "side": "right"}],
          "security_zone_km": 5, "sectors": {"every_km": 40}})",
      "t.json", ".");
  const Classifier c(line, settlement);
  const auto sectors = c.sector_lines();
  ASSERT_EQ(sectors.size(), c.sectors().size());
  const auto length = [](const std::vector<std::vector<geo::LatLon>>& stretches) {
    double m = 0;
    for (const auto& s : stretches)
      for (std::size_t i = 1; i < s.size(); ++i)
        m += geo::distance_m(s[i - 1], s[i]);
    return m;
  };
  double total = 0, whole = 0;
  for (std::size_t i = 1; i < line.parts[0].size(); ++i)
    whole += geo::distance_m(line.parts[0][i - 1], line.parts[0][i]);
  for (std::size_t k = 0; k < sectors.size(); ++k) {
    ASSERT_EQ(sectors[k].size(), 1u) << c.sectors()[k];
    const double m = length(sectors[k]);
    total += m;
    if (k + 1 < sectors.size()) {
      EXPECT_NEAR(m, 40'000, 400) << c.sectors()[k];  // cut points interpolated in degrees
    }
    const auto& stretch = sectors[k][0];
    const geo::LatLon inside{(stretch[0].lat + stretch[1].lat) / 2,
                             (stretch[0].lon + stretch[1].lon) / 2};
    EXPECT_EQ(c.classify(inside).sector, k) << c.sectors()[k];
  }
  EXPECT_NEAR(total, whole, 1);
}

// The Minsk II disengagement areas of 2016 lie on the 2014-2022 line. The line of 2025 has
// moved far west of them: zones build warns that it has left them behind. An area drawn
// astride today's line is not.
TEST(Classifier, DisengagementAreasTheLineHasLeftBehind) {
  const auto& c = minsk_on_2025_line();
  const auto stranded = ceasefire::stranded_disengagement_areas(c);
  ASSERT_EQ(stranded.size(), 3u);
  for (const auto& a : stranded) {
    EXPECT_EQ(a.side, "russia") << a.name;
    EXPECT_GT(a.distance_m, 20'000) << a.name;
  }
  auto settlement = c.settlement();
  settlement.disengagement_areas = {
      {"astride", {{{48.25, 37.68}, {48.25, 37.72}, {48.28, 37.72}, {48.28, 37.68}}}},
      {"behind", {{{48.00, 37.68}, {48.00, 37.72}, {48.03, 37.72}, {48.03, 37.68}}}}};
  const Classifier moved(c.line(), settlement);
  const auto now = ceasefire::stranded_disengagement_areas(moved);
  ASSERT_EQ(now.size(), 1u) << "48.00-48.03° N is 26-30 km south of the line at 37.7° E";
  EXPECT_EQ(now[0].name, "behind");
}

}  // namespace
}  // namespace vigil::test
