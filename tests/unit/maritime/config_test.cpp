#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "vigil/maritime/config.hpp"

namespace vigil::maritime {
namespace {

using vessel::VesselClass;

TEST(MaritimeConfig, ClassSettingsTakeListsOfClassNamesNestedOrFlat) {
  Config config;
  apply_overrides(config, nlohmann::json::parse(R"({
      "loitering": {"classes": ["tanker", "unknown"], "min_h": 6},
      "encounter.partner_classes": ["tanker"]})"));
  EXPECT_TRUE(config.loitering_classes.contains(VesselClass::unknown));
  EXPECT_FALSE(config.loitering_classes.contains(VesselClass::cargo));
  EXPECT_EQ(config.loitering_min_h, 6);
  EXPECT_EQ(config.encounter_partner_classes.to_string(), "tanker");
  const auto json = to_json(config);
  EXPECT_EQ(json["loitering.classes"], nlohmann::json::parse(R"(["unknown", "tanker"])"));
  EXPECT_EQ(json["encounter.carrier_classes"],
            nlohmann::json::parse(R"(["tanker", "gas_carrier"])"));
}

TEST(MaritimeConfig, ABadClassListChangesNothingAndNamesTheSetting) {
  Config config;
  try {
    apply_overrides(
        config, nlohmann::json::parse(R"({"gap": {"min_h": 8, "classes": ["tanker", "yacht"]}})"));
    FAIL() << "a bad class was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("gap.classes: \"yacht\" is not a vessel class"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(config.gap_min_h, 6) << "all or nothing";
  EXPECT_THROW(apply_overrides(config, nlohmann::json::parse(R"({"gap.classes": "tanker"})")),
               std::invalid_argument);
}

TEST(MaritimeConfig, DefaultsAreTheDocumentedOnes) {
  const Config config;
  EXPECT_EQ(config.encounter_carrier_classes.to_string(), "tanker,gas_carrier");
  EXPECT_EQ(config.encounter_partner_classes.to_string(), "unknown,tanker,gas_carrier,cargo");
  EXPECT_EQ(config.loitering_classes.to_string(), "tanker,gas_carrier,cargo");
  EXPECT_EQ(config.gap_classes.to_string(), "unknown,tanker,gas_carrier,cargo,fishing");
  EXPECT_EQ(config.loitering_min_shore_nm, 20);
}

}  // namespace
}  // namespace vigil::maritime
