#include "vigil/vessel/entity_id.hpp"

#include <gtest/gtest.h>

namespace vigil::vessel {
namespace {

// One parser for "mmsi:" entity ids: risk, maritime detection over a workspace and the vessel
// store disagreed ("12ab" read as 12 by one, 0 accepted by another).
TEST(MmsiEntity, OnlyNineDigitsOrFewerAboveZeroAreAVesselsEntity) {
  EXPECT_EQ(mmsi_of_entity("mmsi:273456789"), 273456789u);
  EXPECT_EQ(mmsi_of_entity("mmsi:1"), 1u);
  EXPECT_EQ(mmsi_of_entity("mmsi:999999999"), 999999999u);
  for (const char* bad :
       {"mmsi:12ab", "mmsi:0", "mmsi:", "mmsi:-5", "mmsi:+5", "mmsi: 5", "mmsi:1000000000",
        "mmsi:4294967296", "MMSI:273456789", "imo:9045807", "patrol:P-12", ""})
    EXPECT_FALSE(mmsi_of_entity(bad)) << bad;
}

TEST(MmsiEntity, RoundTrips) {
  EXPECT_EQ(mmsi_entity(205366000), "mmsi:205366000");
  EXPECT_EQ(mmsi_of_entity(mmsi_entity(205366000)), 205366000u);
}

}  // namespace
}  // namespace vigil::vessel
