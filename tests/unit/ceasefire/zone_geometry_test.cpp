#include "vigil/ceasefire/zone_geometry.hpp"

#include <gtest/gtest.h>

namespace vigil::ceasefire {
namespace {

// A line held by two parties with a security zone and two withdrawal zones on each side.
Classifier two_sided() {
  ContactLine line;
  line.parts = {{{48.0, 36.0}, {48.0, 36.5}, {48.3, 36.8}, {48.3, 37.5}}};
  return Classifier(line, parse_settlement(
                              R"({"name": "t",
          "parties": [{"id": "north", "side": "left"}, {"id": "south", "side": "right"}],
          "security_zone_km": 5,
          "weapon_classes": {"tank": {"withdrawal_km": 10}, "mlrs": {"zone_width_km": 40}},
          "sectors": {"every_km": 40}})",
                              "t.json", "."));
}

std::vector<std::string> names(const nlohmann::json& features) {
  std::vector<std::string> out;
  for (const auto& f : features["features"])
    out.push_back(f["properties"].value("name", f["properties"].value("kind", "")));
  return out;
}

bool is_security(const Zone& z) {
  return z.kind == ZoneKind::security;
}

// Zones drawn once are kept for their classifier: what a later map gets from them, whichever
// zones it asks for and in whatever order, is what a classifier never drawn before draws.
TEST(ZoneFeatures, KeptZonesAreTheZonesDrawnAfresh) {
  const Classifier kept = two_sided();
  const auto security = zone_features(kept, is_security);
  EXPECT_EQ(names(security),
            (std::vector<std::string>{"line", "security zone (north)", "security zone (south)"}));
  const auto all = zone_features(kept);  // the security zones kept, the others drawn
  EXPECT_EQ(all["features"].size(), 1 + kept.zones().size());
  EXPECT_EQ(zone_features(kept, is_security), security);

  const Classifier fresh = two_sided();
  ASSERT_NE(fresh.serial(), kept.serial());
  EXPECT_EQ(zone_features(fresh), all);
  EXPECT_EQ(zone_features(fresh, is_security), security);
  // In the classifier's order, each as wide as the settlement says.
  for (std::size_t i = 0; i < kept.zones().size(); ++i) {
    const auto& properties = all["features"][i + 1]["properties"];
    EXPECT_EQ(properties["name"], kept.zones()[i].name);
    EXPECT_EQ(properties["width_km"], kept.zones()[i].width_m / 1000) << kept.zones()[i].name;
  }
}

}  // namespace
}  // namespace vigil::ceasefire
