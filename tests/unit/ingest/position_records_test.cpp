#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "unit/ais/ais_test_support.hpp"
#include "vigil/ingest/input_format.hpp"
#include "vigil/ingest/position_records.hpp"

namespace vigil::test {
namespace {

struct PositionRecords {
  std::vector<io::RawRecord> records;
  std::vector<io::RecordError> errors;
  ingest::InputFormat format{};
};

PositionRecords read_positions(const std::string& path) {
  PositionRecords result;
  auto reader = ingest::open_reader(path, std::nullopt, &result.format);
  io::RawRecord record;
  io::RecordError error;
  for (;;) {
    const auto status = reader->next(record, error);
    if (status == io::ReadStatus::end) break;
    if (status == io::ReadStatus::record) result.records.push_back(record);
    if (status == io::ReadStatus::error) result.errors.push_back(error);
  }
  return result;
}

nlohmann::json field(const io::RawRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.fields) {
    if (key == name) return value;
  }
  return nullptr;
}

TEST(InputFormat, DetectsNmeaAfterComments) {
  EXPECT_EQ(ingest::detect_format("# log\n\n!AIVDM,1,1,,A,1,0*00\n"), ingest::InputFormat::nmea);
  EXPECT_EQ(ingest::detect_format("\\c:1565218798*53\\!BSVDM,1,1,,A,1,0*00\n"),
            ingest::InputFormat::nmea);
  EXPECT_EQ(ingest::detect_format("$PGHP,1,2010*00\n"), ingest::InputFormat::nmea);
  EXPECT_EQ(ingest::detect_format("# Timestamp,MMSI\n01/06/2018 00:00:00,1\n"),
            ingest::InputFormat::csv);
}

TEST(NmeaRecords, PositionReportsWithReceiveTimesBecomeRecords) {
  const auto path = std::string(VIGIL_SOURCE_DIR) + "/data/ais/kystverket_Ais1000Lines.nm4";
  const PositionRecords result = read_positions(path);
  EXPECT_EQ(result.format, ingest::InputFormat::nmea);
  EXPECT_TRUE(result.errors.empty());
  // 621 type 1 + 115 type 3 + 12 type 18 decoded; 5 of them report no position.
  ASSERT_EQ(result.records.size(), 743u);
  const auto& first = result.records.front();
  EXPECT_EQ(field(first, "time"), "2019-08-07T22:59:58Z");
  EXPECT_EQ(field(first, "kind"), "position");
  EXPECT_EQ(field(first, "source"), "ais");
  EXPECT_EQ(field(first, "entity").get<std::string>().substr(0, 5), "mmsi:");
  EXPECT_TRUE(field(first, "heading").is_number() || field(first, "heading").is_null());
  EXPECT_TRUE(field(first, "status_text").is_null()) << "legends are not stored";
}

TEST(NmeaRecords, NoReceiveTimeIsAnErrorNamingTheLine) {
  TempDir dir;
  const std::string path = dir.write("plain.nmea",
                                     "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n"
                                     "$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17\n"
                                     "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n");
  const PositionRecords result = read_positions(path);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 1u);
  EXPECT_EQ(result.errors[0].field, "time");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(field(result.records[0], "time"), "2008-05-09T00:00:00.01Z");
  EXPECT_EQ(field(result.records[0], "entity"), "mmsi:367309370");
  EXPECT_EQ(field(result.records[0], "speed"), 11.1);
}

struct CsvCase {
  std::string file;
  std::size_t records;
  std::string source;
};

class AisCsvLayouts : public ::testing::TestWithParam<CsvCase> {};

TEST_P(AisCsvLayouts, RowsBecomePositionRecords) {
  const auto path = shared_ais_dir() / "csv" / GetParam().file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const PositionRecords result = read_positions(path.string());
  EXPECT_EQ(result.format, ingest::InputFormat::ais_csv);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.records.size(), GetParam().records);
  for (const auto& record : result.records) {
    ASSERT_EQ(field(record, "source"), GetParam().source);
    ASSERT_TRUE(parse_rfc3339(field(record, "time").get<std::string>()).has_value())
        << field(record, "time");
    // Every layout's speed column is stored as "speed", the name decoded NMEA gives it.
    EXPECT_TRUE(field(record, "sog").is_null() && field(record, "SOG").is_null());
    const double speed =
        field(record, "speed").is_number() ? field(record, "speed").get<double>() : 0.0;
    EXPECT_LT(speed, 102.25) << "speed not available must be left out";
    const auto heading = field(record, "heading");
    EXPECT_TRUE(heading.is_null() || heading != 511);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shared, AisCsvLayouts,
    ::testing::Values(
        // 138 rows, 10 with the 91/181 "no position" values.
        CsvCase{"dma_aisdk_sample_20180601.csv", 128, "ais:dma"},
        CsvCase{"noaa_marinecadastre_sample_20230111.csv", 1000, "ais:noaa"},
        CsvCase{"digitraffic_baltic_snapshots_20251211-12.csv", 27232, "ais:digitraffic"}),
    [](const ::testing::TestParamInfo<CsvCase>& param) { return param.param.source.substr(4); });

TEST(AisCsvLayouts, ConvertsTimesAndIdentifiers) {
  TempDir dir;
  const std::string noaa = dir.write(
      "noaa.csv",
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\n"
      "636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,360.0,511,MSC NAISHA III,"
      "IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A\n");
  const PositionRecords n = read_positions(noaa);
  ASSERT_EQ(n.records.size(), 1u);
  EXPECT_EQ(field(n.records[0], "time"), "2023-01-11T00:00:00Z");
  EXPECT_EQ(field(n.records[0], "entity"), "mmsi:636021061");
  EXPECT_EQ(field(n.records[0], "imo"), 9307839);
  EXPECT_TRUE(field(n.records[0], "course").is_null());
  EXPECT_EQ(field(n.records[0], "speed"), 8.8);
  EXPECT_TRUE(field(n.records[0], "heading").is_null());
  EXPECT_EQ(field(n.records[0], "vesselname"), "MSC NAISHA III");

  const std::string dma = dir.write(
      "dma.csv",
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
      "Heading,IMO,Callsign,Name,Ship type\n"
      "01/06/2018 00:00:00,Class A,215810000,55.921028,17.320418,Moored,0.0,12.5,255.5,256,"
      "Unknown,,,Tanker\n"
      "01/06/2018 00:00:01,Base Station,2190047,91.000000,181.000000,Unknown,,,,,,,,\n");
  const PositionRecords d = read_positions(dma);
  ASSERT_EQ(d.records.size(), 1u) << "a row without a position is skipped";
  EXPECT_EQ(field(d.records[0], "time"), "2018-06-01T00:00:00Z");
  EXPECT_EQ(field(d.records[0], "ship_type"), "Tanker");
  EXPECT_TRUE(field(d.records[0], "imo").is_null());
}

TEST(AisCsvLayouts, AnEmptyCoordinateOrAnMmsiThatIsNoNumberIsAnErrorNamingTheColumn) {
  TempDir dir;
  const std::string header =
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType\n";
  const PositionRecords r = read_positions(
      dir.write("bad.csv", header + "367000140,2020-06-30T00:00:00,40.6,-74.0,0.0,0,511,A,,,60\n"
                                    "367000141,2020-06-30T00:00:00,40.6,,0.0,0,511,B,,,60\n"
                                    "ABC,2020-06-30T00:00:00,40.6,-74.0,0.0,0,511,C,,,60\n"
                                    "367000142,2020-06-30T00:00:00,x,-74.0,0.0,0,511,D,,,60\n"));
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].field, "LON");
  EXPECT_EQ(r.errors[1].line, 4u);
  EXPECT_EQ(r.errors[1].field, "MMSI");
  EXPECT_NE(r.errors[1].message.find("'ABC' is not an MMSI"), std::string::npos);
  EXPECT_EQ(r.errors[2].field, "LAT");
}

}  // namespace
}  // namespace vigil::test
