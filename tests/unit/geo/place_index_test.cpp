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

// GFW's anchorage list as bundled (gzip): 60,410 rows, one with a longitude of 1001 (line
// 11462, POINTE NOIRE), which is skipped with a warning naming the line, not a refused file.
TEST(PlaceIndex, ReadsTheAnchoragesAndSkipsTheRowOutOfRange) {
  PlaceIndex index;
  const auto read = read_places_file(kData + "gfw_anchorage_overrides.csv.gz", index);
  EXPECT_EQ(read.added, 60'409U);
  EXPECT_EQ(read.skipped, 1U);
  ASSERT_EQ(read.warnings.size(), 1U);
  EXPECT_NE(read.warnings[0].find("gfw_anchorage_overrides.csv.gz:11462: skipped: field "
                                  "latitude/longitude: 11.84060637, 1001"),
            std::string::npos)
      << read.warnings[0];
  EXPECT_EQ(index[0].kind, "anchorage");
  // An anchorage is found by the "away from ports and anchorages" tests, not as a port.
  const auto at = index[0].at;
  EXPECT_TRUE(index.nearest(at, 1'000).has_value());
  EXPECT_FALSE(index.nearest(at, 1'000, true).has_value());
  EXPECT_THROW(index.nearest(at, 60'000), std::invalid_argument);
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
  // A row out of range is skipped with a warning naming file and line; the others are read.
  std::ofstream(csv) << "iso3,label,sublabel,latitude,longitude\nRUS,A,,60.1,28.1\nRUS,B,,95,28\n";
  PlaceIndex index;
  const auto read = read_places_file(csv, index);
  EXPECT_EQ(read.added, 1U);
  EXPECT_EQ(read.skipped, 1U);
  ASSERT_EQ(read.warnings.size(), 1U);
  EXPECT_NE(read.warnings[0].find(csv + ":3: skipped"), std::string::npos) << read.warnings[0];
  // A file that cannot be read as a whole is refused: nothing half-read.
  std::ofstream(csv, std::ios::trunc) << "iso3,label,latitude,longitude\nRUS,\"A,60.1,28.1\n";
  index = PlaceIndex();
  EXPECT_THROW(read_places(csv, index), std::runtime_error);
  EXPECT_EQ(index.size(), 0U);
  std::ofstream(csv, std::ios::trunc) << "name,lat,lon\nA,1,2\n";
  EXPECT_THROW(read_places(csv, index), std::runtime_error);
  const auto json = (dir.path() / "infra.json").string();
  std::ofstream(json) << R"({"objects":[{"id":"t","kind":"terminal","lat":"x","lon":1}]})";
  EXPECT_THROW(read_places(json, index), std::runtime_error);
}

}  // namespace
}  // namespace vigil::geo
