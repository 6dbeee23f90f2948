// The listing writer every CLI listing and the API's CSV share: a table cut to its columns by
// characters (not bytes), RFC 4180 CSV, JSON Lines with every key, and a GeoJSON
// FeatureCollection that is valid even when empty.
#include <gtest/gtest.h>

#include <sstream>

#include "vigil/view/record_output.hpp"
#include "vigil/view/record_views.hpp"

namespace vigil::test {
namespace {

using view::OutputFormat;

std::string written(OutputFormat format, const std::vector<nlohmann::json>& objects) {
  std::ostringstream out;
  view::RecordOutput output(out, format, {{"name", 6}, {"note", 8}});
  for (const auto& o : objects)
    output.write(o);
  output.finish();
  return out.str();
}

const std::vector<nlohmann::json> kRows = {
    {{"name", "Горлівка"}, {"note", "a, \"b\"\nc"}, {"lat", 48.3}, {"lon", 38.05}},
    {{"name", "ok"}, {"note", nullptr}, {"extra", {1, 2}}, {"lat", 1}, {"lon", 2}},
};

TEST(RecordOutput, ATableRowIsOneLineCutByCharactersWithTheCutMarked) {
  EXPECT_EQ(written(OutputFormat::table, kRows),
            "name    note\n"
            "Горлі…  a, \"b\" c\n"
            "ok\n");
}

TEST(RecordOutput, CsvQuotesWhatNeedsItAndLeavesAbsentCellsEmpty) {
  EXPECT_EQ(written(OutputFormat::csv, kRows),
            "name,note\n"
            "Горлівка,\"a, \"\"b\"\"\nc\"\n"
            "ok,\n");
}

TEST(RecordOutput, JsonLinesCarryEveryKey) {
  const auto text = written(OutputFormat::jsonl, kRows);
  std::istringstream lines(text);
  std::string line;
  std::vector<nlohmann::json> back;
  while (std::getline(lines, line))
    back.push_back(nlohmann::json::parse(line));
  EXPECT_EQ(back, kRows);
}

TEST(RecordOutput, GeoJsonIsOneFeatureCollectionWithPointsOrTheGivenGeometry) {
  auto with_geometry = kRows[1];
  with_geometry["geometry"] = {{"type", "LineString"}, {"coordinates", {{0, 0}, {1, 1}}}};
  const auto doc = nlohmann::json::parse(written(OutputFormat::geojson, {kRows[0], with_geometry}));
  ASSERT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 2u);
  EXPECT_EQ(doc["features"][0]["geometry"],
            nlohmann::json::parse(R"({"type":"Point","coordinates":[38.05,48.3]})"));
  EXPECT_FALSE(doc["features"][0]["properties"].contains("lat"));
  EXPECT_EQ(doc["features"][1]["geometry"]["type"], "LineString");
  EXPECT_FALSE(doc["features"][1]["properties"].contains("geometry"));
  EXPECT_EQ(doc["features"][1]["properties"]["extra"], nlohmann::json({1, 2}));

  const auto empty = nlohmann::json::parse(written(OutputFormat::geojson, {}));
  EXPECT_EQ(empty["features"], nlohmann::json::array());
  EXPECT_EQ(written(OutputFormat::csv, {}), "name,note\n");
}

TEST(RecordOutput, FormatsAreNamedAsTheOptionsSpellThem) {
  EXPECT_EQ(view::parse_output_format("geojson"), OutputFormat::geojson);
  EXPECT_EQ(view::parse_output_format("csv"), OutputFormat::csv);
  EXPECT_FALSE(view::parse_output_format("CSV"));
  EXPECT_FALSE(view::parse_output_format(""));
}

TEST(RecordViews, AnObservationIsListedInTheFormItIsIngested) {
  Observation o;
  o.id = "abc";
  o.time = *parse_rfc3339("2025-03-01T06:00:00Z");
  o.lat = 48.1;
  o.lon = 37.9;
  o.kind = "shelling";
  o.source = "patrol:team-1";
  o.attributes = {{"rounds", 4}};
  const auto j = view::to_json(o);
  EXPECT_EQ(j, nlohmann::json::parse(R"({"id":"abc","time":"2025-03-01T06:00:00Z","lat":48.1,
      "lon":37.9,"kind":"shelling","source":"patrol:team-1","attributes":{"rounds":4}})"));
  o.entity = "unit:1";
  o.uncertainty_m = 250;
  EXPECT_EQ(view::to_json(o)["entity"], "unit:1");
  EXPECT_EQ(view::to_json(o)["uncertainty_m"], 250);
  for (const auto& column : view::observation_columns())
    EXPECT_TRUE(view::to_json(o).contains(column.name)) << column.name;
}

}  // namespace
}  // namespace vigil::test
