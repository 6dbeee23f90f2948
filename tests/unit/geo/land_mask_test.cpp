#include "vigil/geo/land_mask.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.hpp"

namespace vigil::geo {
namespace {

const std::string kLand =
    std::string(VIGIL_SOURCE_DIR) + "/data/geo/natural_earth_land_10m.topojson";

const LandMask& land() {
  static const LandMask mask = LandMask::from_topojson(kLand);
  return mask;
}

TEST(LandMask, SquareWithAHole) {
  const auto mask = LandMask::from_rings(
      {{{0, 0}, {0, 1}, {1, 1}, {1, 0}}, {{0.4, 0.4}, {0.4, 0.6}, {0.6, 0.6}, {0.6, 0.4}}});
  EXPECT_TRUE(mask.on_land({0.2, 0.2}));
  EXPECT_TRUE(mask.on_land({0.05, 0.95}));
  EXPECT_FALSE(mask.on_land({0.5, 0.5}));  // the lake
  EXPECT_FALSE(mask.on_land({1.05, 0.5}));
  EXPECT_FALSE(mask.on_land({-0.3, -0.3}));
  // From the lake's centre to its shore: 0.1° of latitude.
  EXPECT_NEAR(mask.distance_to_shore_m({0.5, 0.5}, 50'000), 11'057.4, 30);
  EXPECT_DOUBLE_EQ(mask.distance_to_shore_m({5, 5}, 20'000), 20'000);
}

TEST(LandMask, NaturalEarthKnowsSeaFromLand) {
  // Open water: the Baltic Proper, the Gulf of Finland off Primorsk, the Laconian Gulf,
  // the Kola Bay roads, the Atlantic.
  EXPECT_FALSE(land().on_land({57.5, 19.0}));
  EXPECT_FALSE(land().on_land({60.0, 27.5}));
  EXPECT_FALSE(land().on_land({36.6, 22.7}));
  EXPECT_FALSE(land().on_land({45.0, -30.0}));
  // Land: Moscow, central Finland, the Peloponnese, Gotland, inland Crimea.
  EXPECT_TRUE(land().on_land({55.75, 37.62}));
  EXPECT_TRUE(land().on_land({62.0, 26.0}));
  EXPECT_TRUE(land().on_land({37.5, 22.2}));
  EXPECT_TRUE(land().on_land({57.5, 18.5}));
  EXPECT_TRUE(land().on_land({45.2, 34.3}));
  EXPECT_GT(land().ring_count(), 4000U);
}

TEST(LandMask, DistanceToShoreIsGeodesic) {
  // Mid-Atlantic: nothing within 100 km.
  EXPECT_DOUBLE_EQ(land().distance_to_shore_m({45.0, -30.0}, 100'000), 100'000);
  // The middle of the Gulf of Finland between Helsinki and Tallinn is about 30 km from
  // either shore (and from the islands in between).
  const double middle = land().distance_to_shore_m({59.83, 24.85}, 100'000);
  EXPECT_GT(middle, 5'000);
  EXPECT_LT(middle, 40'000);
  // Inland points measure to the coast too.
  EXPECT_GT(land().distance_to_shore_m({55.75, 37.62}, 100'000), 99'000);
}

TEST(LandMask, MalformedTopologyNamesTheFile) {
  test::TempDir dir;
  const auto path = (dir.path() / "land.json").string();
  std::ofstream(path)
      << R"({"type":"Topology","arcs":[[[0,0],[1,0]]],"objects":{"land":{"type":"Polygon","arcs":[[7]]}}})";
  try {
    LandMask::from_topojson(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("arc 7"), std::string::npos);
  }
  std::ofstream(path, std::ios::trunc) << "{\"type\":\"Topology\",";
  EXPECT_THROW(LandMask::from_topojson(path), std::runtime_error);
}

}  // namespace
}  // namespace vigil::geo
