#include "vigil/ceasefire/settlement.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

using ceasefire::parse_settlement;
using ceasefire::SettlementError;
using ceasefire::WeaponClass;

std::string error_of(const std::string& text) {
  try {
    parse_settlement(text, "s.json", ".");
  } catch (const SettlementError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kParties =
    R"("parties": [{"id": "a", "side": "left"}, {"id": "b", "side": "right"}])";

TEST(Settlement, MinskIIExample) {
  const auto s = ceasefire::read_settlement(std::string(VIGIL_SOURCE_DIR) +
                                            "/examples/settlements/minsk2.json");
  EXPECT_EQ(s.parties[0].id, "ukraine");
  EXPECT_EQ(s.parties[1].side, ceasefire::LineSide::inside);
  EXPECT_EQ(s.withdrawal(WeaponClass::tank, 0), 15'000);
  // Art. 2's 50 km zone between the two withdrawal lines: 25 km each side.
  EXPECT_EQ(s.withdrawal(WeaponClass::artillery_ge100, 1), 25'000);
  EXPECT_EQ(s.withdrawal(WeaponClass::heavy_mlrs, 0), 70'000);
  EXPECT_EQ(s.security_zone_m[0], 15'000);
  EXPECT_EQ(s.disengagement_areas.size(), 3u);
  EXPECT_NE(s.sectors.regions_file.find("ua_oblasts_osm.geojson"), std::string::npos);
}

TEST(Settlement, DistancesPerParty) {
  const auto s =
      parse_settlement(std::string("{\"name\": \"x\", ") + kParties +
                           R"(, "weapon_classes": {"mlrs": {"withdrawal_km": {"a": 10, "b": 30}}},
                                      "sectors": {"every_km": 50}})",
                       "s.json", ".");
  EXPECT_EQ(s.withdrawal(WeaponClass::mlrs, 0), 10'000);
  EXPECT_EQ(s.withdrawal(WeaponClass::mlrs, 1), 30'000);
  EXPECT_EQ(s.withdrawal(WeaponClass::tank, 0), 0);
  EXPECT_EQ(s.sectors.every_km, 50);
}

TEST(Settlement, ErrorsNameTheField) {
  const std::string head = std::string("{\"name\": \"x\", ") + kParties;
  EXPECT_NE(error_of("[1]").find("not an object"), std::string::npos);
  EXPECT_NE(error_of("{").find("s.json: not JSON"), std::string::npos);
  // A number too large for a double is a JSON error of its own kind, not a parse error.
  EXPECT_NE(error_of(R"({"name": "x", "security_zone_km": 4e666666})").find("s.json: not JSON"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"name": "x", "parties": []})").find("parties: must list exactly two"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"name": "x", "parties": [{"id": "a", "side": "left"}, {"id": "b", "side": "left"}]})")
          .find("opposite sides"),
      std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"name": "x", "parties": [{"id": "a", "side": "up"}, {"id": "b", "side": "left"}]})")
          .find("parties[0].side"),
      std::string::npos);
  EXPECT_NE(error_of(head + R"(, "weapon_classes": {"howitzer": {"withdrawal_km": 5}}})")
                .find("weapon_classes.howitzer: unknown weapon class"),
            std::string::npos);
  EXPECT_NE(error_of(head + R"(, "weapon_classes": {"tank": {"withdrawal_km": -5}}})")
                .find("weapon_classes.tank.withdrawal_km: not between 0 and 1000 km"),
            std::string::npos);
  EXPECT_NE(error_of(head + R"(, "weapon_classes": {"tank": {"withdrawal_km": {"c": 5}}}})")
                .find("weapon_classes.tank.withdrawal_km.c: no such party"),
            std::string::npos);
  EXPECT_NE(error_of(head + R"(, "security_zone_km": "wide"})").find("security_zone_km"),
            std::string::npos);
  EXPECT_NE(error_of(head + R"(, "colour": "red"})").find("colour: unknown field"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          head +
          R"(, "disengagement_areas": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}})")
          .find("not a polygon"),
      std::string::npos);
  EXPECT_NE(error_of(head + R"(, "sectors": {"every_km": 0.5}})").find("sectors.every_km"),
            std::string::npos);
}

}  // namespace
}  // namespace vigil::test
