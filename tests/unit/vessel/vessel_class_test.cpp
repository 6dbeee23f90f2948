#include <gtest/gtest.h>

#include "vigil/vessel/vessel_class.hpp"

namespace vigil::vessel {
namespace {

TEST(VesselClass, AisTypesAsTheRulesNeedThem) {
  EXPECT_EQ(class_of_ais_type(80), VesselClass::tanker);
  EXPECT_EQ(class_of_ais_type(84), VesselClass::tanker);
  EXPECT_EQ(class_of_ais_type(89), VesselClass::tanker);
  EXPECT_EQ(class_of_ais_type(70), VesselClass::cargo);
  EXPECT_EQ(class_of_ais_type(79), VesselClass::cargo);
  EXPECT_EQ(class_of_ais_type(30), VesselClass::fishing);
  // Towing, towing long, dredging, diving, military; pilot, SAR, tug, tender,
  // anti-pollution, law enforcement, medical, non-combatant: they assist, they carry nothing.
  for (const int code : {31, 32, 33, 34, 35, 50, 51, 52, 53, 54, 55, 58, 59})
    EXPECT_EQ(class_of_ais_type(code), VesselClass::service) << code;
  EXPECT_EQ(class_of_ais_type(36), VesselClass::pleasure);
  EXPECT_EQ(class_of_ais_type(37), VesselClass::pleasure);
  EXPECT_EQ(class_of_ais_type(60), VesselClass::passenger);
  EXPECT_EQ(class_of_ais_type(40), VesselClass::passenger);  // high-speed craft
  // Not said, reserved, wing in ground and "other type" (offshore supply, rigs, dredges in
  // US waters): the class is unknown, for the rules to name explicitly.
  for (const int code : {0, 1, 19, 20, 29, 38, 39, 90, 99, 100})
    EXPECT_EQ(class_of_ais_type(code), VesselClass::unknown) << code;
}

TEST(VesselClass, ListedTypesAsRegistersWriteThem) {
  EXPECT_EQ(class_of_listed_type("Crude Oil Tanker"), VesselClass::tanker);
  EXPECT_EQ(class_of_listed_type("Oil/Chemical Tanker"), VesselClass::tanker);
  EXPECT_EQ(class_of_listed_type("OIL PRODUCTS TANKER"), VesselClass::tanker);
  EXPECT_EQ(class_of_listed_type("LPG Tanker"), VesselClass::gas_carrier);
  EXPECT_EQ(class_of_listed_type("LNG Carrier"), VesselClass::gas_carrier);
  EXPECT_EQ(class_of_listed_type("Bulk Carrier"), VesselClass::cargo);
  EXPECT_EQ(class_of_listed_type("General Cargo Ship"), VesselClass::cargo);
  EXPECT_EQ(class_of_listed_type("Container Ship"), VesselClass::cargo);
  EXPECT_EQ(class_of_listed_type("Tug"), VesselClass::service);
  EXPECT_EQ(class_of_listed_type("Fishing Vessel"), VesselClass::fishing);
  EXPECT_EQ(class_of_listed_type("Passenger/Ro-Ro Ship"), VesselClass::passenger);
  EXPECT_EQ(class_of_listed_type("Yacht"), VesselClass::pleasure);
  EXPECT_EQ(class_of_listed_type(""), VesselClass::unknown);
  EXPECT_EQ(class_of_listed_type("Boiler"), VesselClass::unknown);  // "OIL" inside a word
}

TEST(VesselClass, NamesAndSets) {
  for (std::size_t i = 0; i < kVesselClassCount; ++i) {
    const auto c = static_cast<VesselClass>(i);
    EXPECT_EQ(parse_vessel_class(to_string(c)), c);
  }
  EXPECT_FALSE(parse_vessel_class("yacht"));
  const VesselClasses carriers{VesselClass::tanker, VesselClass::gas_carrier};
  EXPECT_TRUE(carriers.contains(VesselClass::tanker));
  EXPECT_FALSE(carriers.contains(VesselClass::unknown));
  EXPECT_EQ(carriers.to_string(), "tanker,gas_carrier");
  EXPECT_TRUE(VesselClasses{}.empty());
}

TEST(VesselClass, FastCraftAreThoseThatMayOutrunAMerchantShip) {
  for (const int code : {20, 40, 49, 35, 36, 37, 50, 51, 55})
    EXPECT_TRUE(may_be_fast_craft(code)) << code;
  for (const int code : {0, 30, 31, 52, 60, 70, 80, 90})
    EXPECT_FALSE(may_be_fast_craft(code)) << code;
}

}  // namespace
}  // namespace vigil::vessel
