#include "vigil/vessel/flag.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

using vessel::flag_of_mmsi;

TEST(FlagOfMmsi, ShipStationsTakeTheirFlagFromTheirMid) {
  EXPECT_EQ(flag_of_mmsi(273452010), "RU");
  EXPECT_EQ(flag_of_mmsi(636019825), "LR");
  EXPECT_EQ(flag_of_mmsi(538009876), "MH");
  EXPECT_EQ(flag_of_mmsi(352001234), "PA");
  EXPECT_EQ(flag_of_mmsi(205366000), "BE");
  EXPECT_EQ(flag_of_mmsi(477123456), "HK");
  EXPECT_EQ(flag_of_mmsi(775000001), "VE");
  EXPECT_EQ(flag_of_mmsi(201000000), "AL");
}

TEST(FlagOfMmsi, HandheldAndAuxiliaryCraftCarryAMidToo) {
  EXPECT_EQ(flag_of_mmsi(827312345), "RU");  // 8 + MID 273 + 5 digits
  EXPECT_EQ(flag_of_mmsi(982191234), "DK");  // 98 + MID 219 + 4 digits
}

TEST(FlagOfMmsi, OtherStationsAndUnallocatedMidsHaveNoFlag) {
  EXPECT_FALSE(flag_of_mmsi(2190047));    // coast station 00 + MID
  EXPECT_FALSE(flag_of_mmsi(21900471));   // group call 0 + MID
  EXPECT_FALSE(flag_of_mmsi(111219501));  // SAR aircraft
  EXPECT_FALSE(flag_of_mmsi(992191234));  // aid to navigation
  EXPECT_FALSE(flag_of_mmsi(970123456));  // AIS-SART
  EXPECT_FALSE(flag_of_mmsi(200000000));  // MID 200 is not allocated
  EXPECT_FALSE(flag_of_mmsi(1'000'000'000));
  EXPECT_FALSE(flag_of_mmsi(0));
}

TEST(ValidImo, ChecksTheCheckDigit) {
  EXPECT_TRUE(vessel::valid_imo(9074729));  // IMO's own example
  EXPECT_TRUE(vessel::valid_imo(9045807));  // KEMIRA GAS in the DMA sample
  EXPECT_FALSE(vessel::valid_imo(9074728));
  EXPECT_FALSE(vessel::valid_imo(907472));  // six digits
  EXPECT_FALSE(vessel::valid_imo(0));
  EXPECT_FALSE(vessel::valid_imo(99999999));
}

TEST(FlagCodeOfCountry, ReadsFlagsAsListsWriteThem) {
  EXPECT_EQ(vessel::flag_code_of_country("Panama"), "PA");
  EXPECT_EQ(vessel::flag_code_of_country("Antigua & Barbuda"), "AG");
  EXPECT_EQ(vessel::flag_code_of_country("antigua and barbuda"), "AG");
  EXPECT_EQ(vessel::flag_code_of_country("Russian Federation"), "RU");
  EXPECT_EQ(vessel::flag_code_of_country("Republic of Palau"), "PW");
  EXPECT_EQ(vessel::flag_code_of_country("people's republic of china"), "CN");
  EXPECT_EQ(vessel::flag_code_of_country(" Vietnam "), "VN");
  EXPECT_EQ(vessel::flag_code_of_country("pa"), "PA");
  EXPECT_FALSE(vessel::flag_code_of_country("unknown"));
  EXPECT_FALSE(vessel::flag_code_of_country(""));
  EXPECT_FALSE(vessel::flag_code_of_country("Atlantis"));
}

}  // namespace
}  // namespace vigil::test
