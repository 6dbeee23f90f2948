#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "unit/ingest/reader_test_support.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::test {
namespace {

const char* kJsonl =
    R"({"time":"2025-02-20T10:00:00Z","lat":48.1,"lon":37.7,"kind":"explosion","source":"patrol","entity":"patrol:P-12","attributes":{"count":3}})"
    "\n"
    R"({"time":"2025-02-20T11:00:00Z","lat":"48.2","lon":37.8,"kind":"weapon","source":"uav","weapon_class":"mlrs","count":2.0})"
    "\n";

TEST(Readers, TheSameObservationHasTheSameIdInEveryFormat) {
  TempDir dir;
  const auto jsonl = dir.write("a.jsonl", kJsonl);
  const auto csv = dir.write("a.csv",
                             "time,lat,lon,kind,source,entity,count,weapon_class\n"
                             "2025-02-20T10:00:00Z,48.1,37.7,explosion,patrol,patrol:P-12,3,\n"
                             "2025-02-20T12:00:00+01:00,48.2,37.8,weapon,uav,,2,mlrs\n");
  const auto geojson = dir.write("a.geojson", R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.7, 48.1]},
     "properties": {"time": "2025-02-20T10:00:00Z", "kind": "explosion", "source": "patrol",
                    "entity": "patrol:P-12", "count": 3}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.8, 48.2]},
     "properties": {"time": "2025-02-20T11:00:00Z", "kind": "weapon", "source": "uav",
                    "attributes": {"weapon_class": "mlrs", "count": 2}}}
  ]
})");
  const auto a = read_all(jsonl), b = read_all(csv), c = read_all(geojson);
  EXPECT_EQ(a.format, ingest::InputFormat::jsonl);
  EXPECT_EQ(b.format, ingest::InputFormat::csv);
  EXPECT_EQ(c.format, ingest::InputFormat::geojson);
  for (const auto* r : {&a, &b, &c}) {
    ASSERT_TRUE(r->errors.empty())
        << r->errors[0].line << " " << r->errors[0].field << " " << r->errors[0].message;
    ASSERT_EQ(r->observations.size(), 2u);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const auto id = content_digest(a.observations[i]);
    EXPECT_EQ(content_digest(b.observations[i]), id) << canonical_content(b.observations[i]);
    EXPECT_EQ(content_digest(c.observations[i]), id) << canonical_content(c.observations[i]);
  }
  EXPECT_EQ(a.observations[1].attributes, nlohmann::json({{"count", 2}, {"weapon_class", "mlrs"}}));
}

struct BadInput {
  const char* name;
  const char* content;
  std::uint64_t line;
  const char* field;
  const char* message_part;
};

class BadRecords : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadRecords, AreReportedWithLineFieldAndReason) {
  const BadInput& bad = GetParam();
  TempDir dir;
  const auto path = dir.write(bad.name, bad.content);
  const auto result = read_all(path);
  ASSERT_EQ(result.errors.size(), 1u) << bad.content;
  EXPECT_EQ(result.errors[0].line, bad.line);
  EXPECT_EQ(result.errors[0].field, bad.field);
  EXPECT_NE(result.errors[0].message.find(bad.message_part), std::string::npos)
      << result.errors[0].message;
}

#define GOOD_JSON R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s"})"

INSTANTIATE_TEST_SUITE_P(
    Jsonl, BadRecords,
    ::testing::Values(
        BadInput{"bad_json.jsonl", GOOD_JSON "\n{\"time\":\n" GOOD_JSON "\n", 2, "",
                 "not valid JSON"},
        BadInput{"not_object.jsonl", GOOD_JSON "\n\n[1,2]\n", 3, "", "expected a JSON object"},
        BadInput{"lat_range.jsonl",
                 R"({"time":"2025-02-20T10:00:00Z","lat":91,"lon":2,"kind":"report","source":"s"})",
                 1, "lat", "outside [-90, 90]"},
        BadInput{
            "lon_type.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":true,"kind":"report","source":"s"})", 1,
            "lon", "expected a number, got boolean"},
        BadInput{"time_local.jsonl",
                 GOOD_JSON
                 "\n"
                 R"({"time":"2025-02-20T10:00:00","lat":1,"lon":2,"kind":"report","source":"s"})",
                 2, "time", "not an RFC 3339"},
        BadInput{"no_kind.jsonl", R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"source":"s"})",
                 1, "kind", "missing"},
        BadInput{
            "duplicate.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lat":2,"lon":2,"kind":"report","source":"s"})",
            1, "lat", "twice"},
        BadInput{
            "entity.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s","entity":"273274000"})",
            1, "entity", "namespace:identifier"},
        BadInput{
            "mmsi_letters.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"position","source":"s","entity":"mmsi:ABC"})",
            1, "entity", "an MMSI is 1 to 9 digits"},
        BadInput{
            "uncertainty.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s","uncertainty_m":-5})",
            1, "uncertainty_m", "outside"},
        BadInput{
            "attributes.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s","attributes":[1]})",
            1, "attributes", "expected an object"},
        BadInput{
            "attribute_clash.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s","x":1,"attributes":{"x":2}})",
            1, "x", "both"},
        BadInput{
            "nan.jsonl",
            R"({"time":"2025-02-20T10:00:00Z","lat":"NaN","lon":2,"kind":"report","source":"s"})",
            1, "lat", "finite"}));

INSTANTIATE_TEST_SUITE_P(
    Csv, BadRecords,
    ::testing::Values(
        BadInput{"columns.csv",
                 "time,lat,lon,kind,source\n2025-02-20T10:00:00Z,1,2,report,s\n2025-02-20T10:00:"
                 "00Z,1,2,report\n",
                 3, "", "4 fields where the header has 5"},
        BadInput{"quote.csv", "time,lat,lon,kind,source\n2025-02-20T10:00:00Z,1,2,\"k\"x,s\n", 2,
                 "", "after a closing quote"},
        BadInput{
            "unclosed.csv",
            "time,lat,lon,kind,source\n2025-02-20T10:00:00Z,1,2,report,s\n2025-02-20T10:00:00Z,1,2,"
            "\"k,s\n",
            3, "", "never closed"},
        BadInput{"lat_text.csv",
                 "time,lat,lon,kind,source\n2025-02-20T10:00:00Z,north,2,report,s\n", 2, "lat",
                 "expected a number"},
        BadInput{"utf8.csv", "time,lat,lon,kind,source\n2025-02-20T10:00:00Z,1,2,report,s\xff\n", 2,
                 "source", "UTF-8"}));

INSTANTIATE_TEST_SUITE_P(
    GeoJson, BadRecords,
    ::testing::Values(BadInput{"polygon.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"time":"2025-02-20T10:00:00Z","kind":"report","source":"s"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{}}
]})",
                               3, "geometry.type", "only Point"},
                      BadInput{"coords.geojson", R"({"type":"FeatureCollection","features":[
  {"type":"Feature",
   "geometry":{"type":"Point","coordinates":["a",1]},"properties":{}}]})",
                               2, "geometry.coordinates", "[longitude, latitude]"},
                      BadInput{"props_position.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"lat":5,"time":"2025-02-20T10:00:00Z","kind":"report","source":"s"}}]})",
                               2, "properties.lat", "geometry"}));

TEST(CsvReader, HandlesQuotesNewlinesSemicolonsAndTypes) {
  TempDir dir;
  const auto path =
      dir.write("q.csv",
                "\xEF\xBB\xBFtime;lat;lon;kind;source;note;code;n\r\n"
                "2025-02-20T10:00:00Z;1.5;2;report;s;\"a \"\"quoted\"\"; note\nover two "
                "lines\";0123;-7\r\n");
  const auto r = read_all(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.observations.size(), 1u);
  const auto& a = r.observations[0].attributes;
  EXPECT_EQ(a.at("note"), "a \"quoted\"; note\nover two lines");
  EXPECT_EQ(a.at("code"), "0123");  // an identifier keeps its leading zero
  EXPECT_EQ(a.at("n"), -7);
  EXPECT_EQ(r.observations[0].lat, 1.5);
}

TEST(CsvReader, RejectsABrokenHeader) {
  TempDir dir;
  EXPECT_THROW(read_all(dir.write("h.csv", "time,lat,,kind\n")), std::runtime_error);
  EXPECT_THROW(read_all(dir.write("d.csv", "time,lat,lat\n")), std::runtime_error);
  const auto empty = read_all(dir.write("e.csv", ""));
  EXPECT_TRUE(empty.observations.empty());
}

TEST(FieldMapping, BuildsFieldsFromForeignColumns) {
  TempDir dir;
  const auto path = dir.write("cir.csv",
                              "entry,date,lat,lon,event_group\n"
                              "UW1,2022-07-01,48.4,38.1,Bombing\n"
                              "UW2,2022-07-02,48.5,38.2,\n");
  ingest::FieldMapping mapping;
  mapping.add("time={date}T00:00:00Z");
  mapping.add("kind=report");
  mapping.add("source=osint:cir");
  mapping.add("id=cir:{entry}");
  mapping.add("entity=group:{event_group}");
  const auto r = read_all(path, std::nullopt, mapping);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].field << ": " << r.errors[0].message;
  ASSERT_EQ(r.observations.size(), 2u);
  EXPECT_EQ(r.observations[0].id, "cir:UW1");
  EXPECT_EQ(r.observations[0].time, *parse_rfc3339("2022-07-01T00:00:00Z"));
  EXPECT_EQ(r.observations[0].entity, "group:Bombing");
  EXPECT_FALSE(r.observations[1].entity);  // its column is empty
  EXPECT_TRUE(r.observations[0].attributes.empty()) << r.observations[0].attributes.dump();

  ingest::FieldMapping clash;
  clash.add("lat={lon}");
  const auto c = read_all(path, std::nullopt, clash);
  EXPECT_EQ(c.errors.size(), 2u);
  EXPECT_THROW(clash.add("lat=x"), std::invalid_argument);
  EXPECT_THROW(clash.add("novalue"), std::invalid_argument);
  EXPECT_THROW(clash.add("kind={unclosed"), std::invalid_argument);
}

TEST(FormatDetection, LooksAtContentNotNames) {
  EXPECT_EQ(ingest::detect_format(GOOD_JSON "\n"), ingest::InputFormat::jsonl);
  EXPECT_EQ(ingest::detect_format("{\n  \"type\": \"FeatureCollection\""),
            ingest::InputFormat::geojson);
  EXPECT_EQ(ingest::detect_format(R"({"type":"FeatureCollection","features":[]})"),
            ingest::InputFormat::geojson);
  EXPECT_EQ(ingest::detect_format(R"({"type":"Feature","geometry":null})"
                                  "\n"),
            ingest::InputFormat::jsonl);
  EXPECT_EQ(ingest::detect_format("time,lat,lon\n"), ingest::InputFormat::csv);
  EXPECT_EQ(ingest::detect_format(""), ingest::InputFormat::csv);
}

TEST(GeoJsonReader, NamesTheLineOfAnInvalidDocument) {
  TempDir dir;
  const auto path = dir.write("broken.geojson",
                              "{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":,}]}");
  try {
    read_all(path, ingest::InputFormat::geojson);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.geojson:3:"), std::string::npos) << e.what();
  }
}

TEST(GeoJsonReader, AHugeNumberIsAnInvalidDocumentNotACrash) {
  // Found by fuzz_geojson: the locating re-parse threw out_of_range instead of parse_error.
  TempDir dir;
  const auto path = dir.write("huge.geojson",
                              "{\"type\":\"FeatureCollection\",\"features\":[\n"
                              "{\"a\":77777777777777777777E77777777777}]}");
  EXPECT_THROW(read_all(path, ingest::InputFormat::geojson), std::runtime_error);
}

TEST(LineSource, ReportsLinesLongerThanTheLimitAndGoesOn) {
  TempDir dir;
  std::string text = "short\n" + std::string(3000, 'x') + "\nafter\nlast-without-newline";
  const auto path = dir.write("long.txt", text);
  io::LineSource lines(path, 1000);
  std::string_view line;
  ASSERT_EQ(lines.next(line), io::LineSource::Result::line);
  EXPECT_EQ(line, "short");
  EXPECT_EQ(lines.next(line), io::LineSource::Result::too_long);
  EXPECT_EQ(lines.line_number(), 2u);
  ASSERT_EQ(lines.next(line), io::LineSource::Result::line);
  EXPECT_EQ(line, "after");
  ASSERT_EQ(lines.next(line), io::LineSource::Result::line);
  EXPECT_EQ(line, "last-without-newline");
  EXPECT_EQ(lines.next(line), io::LineSource::Result::end);
  EXPECT_EQ(lines.bytes_read(), text.size());
}

TEST(LineSource, ReadsLinesThatSpanBufferRefills) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += std::string(static_cast<std::size_t>(i % 700), static_cast<char>('a' + i % 26)) + "\n";
  const auto path = dir.write("many.txt", text);
  io::LineSource lines(path);
  std::string_view line;
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(lines.next(line), io::LineSource::Result::line);
    ASSERT_EQ(line.size(), static_cast<std::size_t>(i % 700)) << i;
  }
  EXPECT_EQ(lines.next(line), io::LineSource::Result::end);
}

}  // namespace
}  // namespace vigil::test
