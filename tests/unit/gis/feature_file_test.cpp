#include "vigil/gis/feature_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace vigil::gis {
namespace {

TEST(FeatureFile, TheExtensionChoosesTheFormat) {
  EXPECT_EQ(format_of_path("out/incidents.gpkg"), FileFormat::geopackage);
  EXPECT_EQ(format_of_path("a.KML"), FileFormat::kml);
  EXPECT_EQ(format_of_path("a.kmz"), FileFormat::kmz);
  EXPECT_EQ(format_of_path("a.csv"), FileFormat::csv);
  try {
    format_of_path("a.shp");
    FAIL() << "a shapefile is not written";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("a.shp: vigil writes .gpkg"), std::string::npos)
        << e.what();
  }
}

// Each attribute its own column; lists of plain values joined, anything nested as JSON.
TEST(FeatureFile, FlattensAttributesIntoColumns) {
  const auto flat = flatten(nlohmann::json::parse(R"({
    "id": "x", "lat": 48.3, "lon": 38.1, "entities": ["mmsi:273274000", "patrol:P-1"],
    "geometry": {"type": "Point", "coordinates": [38.1, 48.3]},
    "attributes": {"count": 2, "sources": ["uav:U-2", "patrol:P-3"], "likely_intentional": true,
                   "vessel_details": [{"mmsi": 273274000, "name": "EAGLE"}]}})"));
  EXPECT_EQ(flat["id"], "x");
  EXPECT_EQ(flat["entities"], "mmsi:273274000; patrol:P-1");
  EXPECT_EQ(flat["attr_count"], 2);
  EXPECT_EQ(flat["attr_sources"], "uav:U-2; patrol:P-3");
  EXPECT_EQ(flat["attr_likely_intentional"], true);
  EXPECT_EQ(flat["attr_vessel_details"], R"([{"mmsi":273274000,"name":"EAGLE"}])");
  EXPECT_FALSE(flat.contains("geometry"));
  EXPECT_FALSE(flat.contains("attributes"));
}

// Two incidents, each with an attribute the other lacks.
Layer two_incidents() {
  Layer layer{"incidents", {}, {}};
  layer.records.push_back(nlohmann::json::parse(
      R"({"id": "a", "rule": "ceasefire.fire", "lat": 48.3, "lon": 38.1, "attributes": {"count": 3}})"));
  layer.records.push_back(nlohmann::json::parse(
      R"({"id": "b", "rule": "maritime.gap", "lat": 57.9, "lon": 11.2, "attributes": {"hours": 12.5}})"));
  return layer;
}

// The flat CSV: one header of every column, typed values, and the geometry as WKT; a record
// without some attribute leaves its cell empty.
TEST(FeatureFile, WritesAFlatCsvWithEveryAttributeAsAColumn) {
  test::TempDir dir;
  const auto path = (dir.path() / "incidents.csv").string();
  write_feature_file(path, FileFormat::csv, two_incidents());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            "WKT,id,rule,lat,lon,attr_count,attr_hours\n"
            "\"POINT (38.1 48.3)\",a,ceasefire.fire,48.3,38.1,3,\n"
            "\"POINT (11.2 57.9)\",b,maritime.gap,57.9,11.2,,12.5\n");
}

// A KMZ opens in QGIS with every field: GDAL's LIBKML driver, which QGIS and ogrinfo read .kmz
// files with, finds one layer with its two placemarks and their typed fields, the names
// escaped as XML wants them. (The KMZ is written with the KML driver and zipped: LIBKML's own
// writer is quadratic in the features.)
TEST(FeatureFile, AKmzReadsBackWithItsLayerFieldsAndPlacemarks) {
  test::TempDir dir;
  const auto path = (dir.path() / "incidents.kmz").string();
  Layer layer = two_incidents();
  layer.titles = {"fire <& shelling>", "gap"};
  write_feature_file(path, FileFormat::kmz, layer);
  const std::string command = "ogrinfo -ro -al '" + path + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  while (const std::size_t n = fread(buffer, 1, sizeof buffer, pipe))
    out.append(buffer, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  EXPECT_NE(out.find("using driver `LIBKML' successful"), std::string::npos) << out;
  EXPECT_NE(out.find("Layer name: incidents\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Feature Count: 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("attr_count: Integer"), std::string::npos) << out;
  EXPECT_NE(out.find("attr_hours: Real"), std::string::npos) << out;
  EXPECT_NE(out.find("Name (String) = fire <& shelling>"), std::string::npos) << out;
  EXPECT_NE(out.find("rule (String) = maritime.gap"), std::string::npos) << out;
  EXPECT_NE(out.find("attr_count (Integer) = 3"), std::string::npos) << out;
  EXPECT_NE(out.find("POINT (11.2 57.9)"), std::string::npos) << out;
}

}  // namespace
}  // namespace vigil::gis
