#include "vigil/geo/place_index.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace vigil::geo {
namespace {

const std::string kData = std::string(VIGIL_SOURCE_DIR) + "/data/maritime/";

TEST(PlaceIndex, ReadsWorldPortIndexAndRussianOilTerminals) {
  PlaceIndex index;
  EXPECT_EQ(read_places(kData + "wpi_ports.csv", index), 3669U);
  EXPECT_EQ(read_places(kData + "russian_oil_infra.json", index), 21U);
  // Off Primorsk: the terminal (60.34, 28.71) is nearer than WPI's PRIMORSK point.
  const auto near = index.nearest({60.33, 28.70}, 3'000);
  ASSERT_TRUE(near.has_value());
  EXPECT_EQ(index[near->index].id, "primorsk-oil-terminal");
  EXPECT_TRUE(index[near->index].russian_oil);
  EXPECT_NEAR(near->distance_m, 1'250, 100);
  // Mid-Baltic: nothing within 12 km.
  EXPECT_FALSE(index.nearest({57.5, 19.0}, 12'000).has_value());
}

TEST(PlaceIndex, NearestIsTheClosestWithinTheRadius) {
  PlaceIndex index(20'000);
  index.add({"a", "A", "port", "", {10.0, 10.0}});
  index.add({"b", "B", "port", "", {10.05, 10.0}});
  auto near = index.nearest({10.04, 10.0}, 10'000);
  ASSERT_TRUE(near.has_value());
  EXPECT_EQ(index[near->index].id, "b");
  near = index.nearest({10.0, 10.08}, 10'000);
  ASSERT_TRUE(near.has_value());
  EXPECT_EQ(index[near->index].id, "a");
  EXPECT_FALSE(index.nearest({10.0, 10.2}, 10'000).has_value());
  EXPECT_FALSE(index.nearest({91.0, 10.0}, 10'000).has_value());
}

TEST(PlaceIndex, BadPlaceFilesNameFileAndLine) {
  test::TempDir dir;
  const auto csv = (dir.path() / "ports.csv").string();
  std::ofstream(csv) << "iso3,label,sublabel,latitude,longitude\nRUS,A,,60.1,28.1\nRUS,B,,95,28\n";
  PlaceIndex index;
  try {
    read_places(csv, index);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(csv + ":3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(index.size(), 0U);  // nothing half-read
  std::ofstream(csv, std::ios::trunc) << "name,lat,lon\nA,1,2\n";
  EXPECT_THROW(read_places(csv, index), std::runtime_error);
  const auto json = (dir.path() / "infra.json").string();
  std::ofstream(json) << R"({"objects":[{"id":"t","kind":"terminal","lat":"x","lon":1}]})";
  EXPECT_THROW(read_places(json, index), std::runtime_error);
}

}  // namespace
}  // namespace vigil::geo
