#include "vigil/ceasefire/coverage.hpp"

#include <gtest/gtest.h>

#include "vigil/geo/geodesy.hpp"

namespace vigil::test {
namespace {

using namespace ceasefire;

// A straight line about 100 km long, due east along the geodesic from 48° N 37° E, in two
// 50 km sectors.
struct Fixture {
  geo::LatLon start{48.0, 37.0};
  Classifier classifier;
  Fixture() : classifier(make_line(), make_settlement()) {}
  geo::LatLon on_line(double km, double off_km = 0) const {
    const auto p = geo::destination(start, 90, km * 1000);
    return off_km == 0 ? p : geo::destination(p, geo::bearing_deg(p, start) + 90, off_km * 1000);
  }
  ContactLine make_line() const {
    ContactLine line;
    std::vector<geo::LatLon> points;
    for (int km = 0; km <= 100; km += 5)
      points.push_back(geo::destination(start, 90, km * 1000.0));
    line.parts = {points};
    return line;
  }
  static Settlement make_settlement() {
    return parse_settlement(
        R"({"name": "t", "parties": [{"id": "a", "side": "left"}, {"id": "b", "side": "right"}],
            "security_zone_km": 10, "sectors": {"every_km": 50}})",
        "t", ".");
  }
};

TEST(Coverage, PatrolsCamerasAndOutages) {
  const Fixture f;
  SensorDeclaration sensors = parse_sensor_declaration(R"({
    "cameras": [
      {"id": "camera:C-1", "lat": 0, "lon": 0, "range_km": 8, "azimuth_deg": 180, "fov_deg": 90},
      {"id": "camera:C-2", "lat": 48.5, "lon": 37.5, "range_km": 8}
    ],
    "patrols": [{"entity": "patrol:P-1", "sight_km": 5}],
    "uav_flights": [{"entity": "uav:U-1", "swath_km": 2}]
  })",
                                                       "s.json");
  // Camera 1: 2 km north of the line at km 70, looking south with a 90° view: it sees 4 km.
  sensors.cameras[0].at = f.on_line(70, 2);
  std::map<std::string, std::vector<TrackPoint>> tracks;
  // The patrol drives km 5 to km 25, 1 km off the line, a point every 10 minutes (2 km):
  // it sees the line from km 5 - 4.9 to km 25 + 4.9.
  for (int k = 0; k <= 10; ++k)
    tracks["patrol:P-1"].push_back(
        {static_cast<Timestamp>(k) * 600'000'000, f.on_line(5 + 2.0 * k, 1)});
  const auto c = compute_coverage(f.classifier, sensors, tracks, {"camera:C-1"});
  EXPECT_NEAR(c.line_m, 100'000, 300);
  const double patrol = 20 + 2 * std::sqrt(25.0 - 1.0);
  EXPECT_NEAR(c.observed_m, patrol * 1000 + 4'000, 600);
  ASSERT_EQ(c.sectors.size(), 2u);
  EXPECT_NEAR(c.sectors.begin()->second.observed_m, patrol * 1000, 600);
  // Unobserved: km 72-100, and km 29.9-68 split where the sectors meet at km 50; the
  // longest first.
  ASSERT_EQ(c.unobserved.size(), 3u);
  EXPECT_NEAR(c.unobserved[0].length_m, 28'000, 800);
  EXPECT_NEAR(c.unobserved[1].length_m, 20'100, 800);
  EXPECT_NEAR(c.unobserved[2].length_m, 18'000, 800);
  EXPECT_NE(c.unobserved[1].sector, c.unobserved[2].sector);
  // Camera 2 reported nothing, the UAV never flew.
  ASSERT_EQ(c.outages.size(), 2u);
  EXPECT_EQ(c.outages[0].sensor, "uav:U-1");
  EXPECT_EQ(c.outages[1].sensor, "camera:C-2");
}

TEST(Coverage, APatrolsTwoPassesAreNotOneDrive) {
  const Fixture f;
  const auto sensors =
      parse_sensor_declaration(R"({"patrols": [{"entity": "patrol:P-1", "sight_km": 1}]})", "s");
  std::map<std::string, std::vector<TrackPoint>> tracks;
  // Km 10 in the morning, km 60 in the afternoon: what lies between was not driven.
  tracks["patrol:P-1"] = {{0, f.on_line(10)}, {6LL * 3'600'000'000, f.on_line(60)}};
  const auto c = compute_coverage(f.classifier, sensors, tracks, {});
  EXPECT_NEAR(c.observed_m, 4'000, 600);
}

TEST(Coverage, DeclarationErrorsNameTheField) {
  const auto error = [](const std::string& text) {
    try {
      parse_sensor_declaration(text, "s.json");
    } catch (const SensorError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error("[").find("s.json: not JSON"), std::string::npos);
  EXPECT_NE(error(R"({"cameras": [{"id": "c", "lat": 91, "lon": 0, "range_km": 1}]})")
                .find("cameras[0].lat"),
            std::string::npos);
  EXPECT_NE(error(R"({"cameras": [{"id": "c", "lat": 1, "lon": 0}]})")
                .find("cameras[0].range_km: missing"),
            std::string::npos);
  EXPECT_NE(error(R"({"cameras": [{"id": "c", "lat": 1, "lon": 0, "range_km": 1, "fov_deg": 90}]})")
                .find("cameras[0].azimuth_deg: missing"),
            std::string::npos);
  EXPECT_NE(error(R"({"uav_flights": [{"entity": "uav:1"}]})").find("uav_flights[0].swath_km"),
            std::string::npos);
  EXPECT_NE(error(R"({"patrols": [{"entity": "p:1"}, {"entity": "p:1"}]})").find("declared twice"),
            std::string::npos);
  EXPECT_NE(error(R"({"radars": []})").find("radars: unknown field"), std::string::npos);
  EXPECT_EQ(error(R"({"patrols": [{"entity": "p:1"}]})"), "");  // sight has a default
}

}  // namespace
}  // namespace vigil::test
