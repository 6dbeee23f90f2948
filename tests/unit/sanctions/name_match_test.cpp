#include "vigil/sanctions/name_match.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

using sanctions::jaro_winkler;
using sanctions::normalise_name;

TEST(NormaliseName, KeepsWhatIdentifiesTheShip) {
  EXPECT_EQ(normalise_name("M/T Sea-Star "), "SEA STAR");
  EXPECT_EQ(normalise_name("mv  ocean   power"), "OCEAN POWER");
  EXPECT_EQ(normalise_name("VOLGO-DON 5056"), "VOLGO DON 5056");
  EXPECT_EQ(normalise_name("MT"), "MT") << "a name that is only a prefix stays";
  EXPECT_EQ(normalise_name("  --  "), "");
}

TEST(JaroWinkler, MatchesPublishedValues) {
  // Winkler's examples, as given in the record-linkage literature.
  EXPECT_NEAR(jaro_winkler("MARTHA", "MARHTA"), 0.961, 0.001);
  EXPECT_NEAR(jaro_winkler("DWAYNE", "DUANE"), 0.840, 0.001);
  EXPECT_NEAR(jaro_winkler("DIXON", "DICKSONX"), 0.813, 0.001);
  EXPECT_EQ(jaro_winkler("SEA STAR", "SEA STAR"), 1.0);
  EXPECT_EQ(jaro_winkler("ABC", "XYZ"), 0.0);
  EXPECT_EQ(jaro_winkler("", "A"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("AMULETH", "AMULET"), jaro_winkler("AMULET", "AMULETH"));
}

}  // namespace
}  // namespace vigil::test
