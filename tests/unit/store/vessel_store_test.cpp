#include "vigil/store/vessel_store.hpp"

#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

using vessel::Attribute;

constexpr std::string_view kNoaaHeader =
    "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
    "Length,Width,Draft,Cargo,TransceiverClass\n";

// A Russian-flagged tanker that later broadcasts its IMO under a Comoros MMSI and a new
// name: the flag hop and renaming that sanctions screening has to see through.
std::string first_file() {
  return std::string(kNoaaHeader) +
         "273111111,2025-01-01T00:00:00,59.9,28.5,0.1,0,0,SEA STAR,IMO9074729,UBAB2,80,1,240,42,"
         "12.5,80,A\n"
         "273111111,2025-01-01T01:00:00,59.9,28.5,0.1,0,0,SEA STAR,IMO9074729,UBAB2,80,1,240,42,"
         "12.5,80,A\n"
         "620123456,2025-03-01T00:00:00,36.5,22.9,0.2,0,0,OCEAN STAR,IMO9074729,D6AB1,80,1,240,"
         "42,14.0,80,A\n";
}

class VesselStoreTest : public BackendWorkspaceFixture {};

TEST_P(VesselStoreTest, IdentityRunsAreStoredSealedAndListed) {
  const auto report = ingest("first.csv", first_file());
  EXPECT_EQ(report.added, 3u);
  EXPECT_EQ(report.identity_reports,
            21u);  // 7 attributes (MarineCadastre has no destination) x 3 rows
  EXPECT_EQ(report.identity_runs_added, 14u);  // 7 per MMSI
  EXPECT_TRUE(verify().ok);

  auto ws = open();
  std::vector<store::VesselSummary> vessels;
  store::for_each_vessel(ws, {}, [&](const store::VesselSummary& v) {
    vessels.push_back(v);
    return true;
  });
  ASSERT_EQ(vessels.size(), 2u);
  EXPECT_EQ(vessels[0].mmsi, 273111111u);
  EXPECT_EQ(vessels[0].latest[static_cast<int>(Attribute::name)], "SEA STAR");
  EXPECT_EQ(vessels[0].latest[static_cast<int>(Attribute::imo)], "9074729");
  EXPECT_EQ(vessels[0].latest[static_cast<int>(Attribute::draught)], "12.5");
  EXPECT_EQ(vessels[0].positions, 2);
  EXPECT_EQ(vessels[0].identity_changes(), 0);
  EXPECT_EQ(vessels[1].latest[static_cast<int>(Attribute::callsign)], "D6AB1");

  EXPECT_EQ(store::vessels_with(ws, Attribute::imo, "9074729"),
            (std::vector<std::uint32_t>{273111111, 620123456}));
  store::VesselFilter by_name;
  by_name.name_contains = "ocean";
  int named = 0;
  store::for_each_vessel(ws, by_name, [&](const store::VesselSummary& v) {
    EXPECT_EQ(v.mmsi, 620123456u);
    return ++named > 0;
  });
  EXPECT_EQ(named, 1);
}

TEST_P(VesselStoreTest, HistoriesJoinAcrossFilesAndKeepEveryChange) {
  ingest("first.csv", first_file());
  // Older data arriving later, and a rename after the first file.
  ingest("older.csv", std::string(kNoaaHeader) +
                          "273111111,2024-12-01T00:00:00,59.9,28.5,0.1,0,0,SEA STAR,IMO9074729,"
                          "UBAB2,80,1,240,42,12.5,80,A\n"
                          "273111111,2025-02-01T00:00:00,59.9,28.5,0.1,0,0,SEA STAR II,"
                          "IMO9074729,UBAB2,80,1,240,42,12.5,80,A\n");
  auto ws = open();
  const auto history = store::identity_history(ws, {273111111});
  std::vector<vessel::IdentityRun> names;
  for (const auto& run : history)
    if (run.attribute == Attribute::name) names.push_back(run);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0].value, "SEA STAR");
  EXPECT_EQ(names[0].first, *parse_rfc3339("2024-12-01T00:00:00Z"));
  EXPECT_EQ(names[0].last, *parse_rfc3339("2025-01-01T01:00:00Z"));
  EXPECT_EQ(names[0].reports, 3);
  EXPECT_EQ(names[1].value, "SEA STAR II");

  store::VesselFilter changed;
  changed.changed_only = true;
  std::vector<std::uint32_t> mmsis;
  store::for_each_vessel(ws, changed, [&](const store::VesselSummary& v) {
    mmsis.push_back(v.mmsi);
    EXPECT_EQ(v.changes[static_cast<int>(Attribute::name)], 1);
    EXPECT_EQ(v.latest[static_cast<int>(Attribute::name)], "SEA STAR II");
    return true;
  });
  EXPECT_EQ(mmsis, std::vector<std::uint32_t>{273111111});
  EXPECT_TRUE(verify().ok);
}

TEST_P(VesselStoreTest, ReingestAddsNothing) {
  ingest("first.csv", first_file());
  const auto batches = count("SELECT count(*) FROM batches");
  const auto again = ingest("again.csv", first_file());
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.identity_runs_added, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM batches"), batches);
  EXPECT_EQ(count("SELECT count(*) FROM vessel_identity"), 14);
}

TEST_P(VesselStoreTest, AFileOfStaticDataAloneIsABatch) {
  // Positions not available (91/181): no observation, but the identity is kept and sealed.
  const auto report = ingest("static.csv", std::string(kNoaaHeader) +
                                               "273222222,2025-01-01T00:00:00,91,181,,,,NORD,,"
                                               "UBXY7,80,,,,,,A\n");
  EXPECT_EQ(report.added, 0u);
  EXPECT_EQ(report.identity_runs_added, 3u);  // name, call sign, ship type
  EXPECT_EQ(count("SELECT count(*) FROM batches"), 1);
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.identity_runs, 3);
}

TEST_P(VesselStoreTest, EditedOrDeletedIdentityRowsFailVerification) {
  ingest("first.csv", first_file());
  const auto batch_record = count("SELECT max(seq) FROM log_records WHERE kind = 'batch'");
  tamper(
      "UPDATE vessel_identity SET value = 'INNOCENT' WHERE attribute = 'name' AND "
      "value = 'OCEAN STAR'");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_seq, batch_record);
  tamper("UPDATE vessel_identity SET value = 'OCEAN STAR' WHERE value = 'INNOCENT'");
  EXPECT_TRUE(verify().ok);
  tamper("DELETE FROM vessel_identity WHERE attribute = 'imo' AND mmsi = 620123456");
  report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("vessel identity"), std::string::npos) << report.problem;
}

TEST_P(VesselStoreTest, StaticReportsInRealNmeaBecomeHistories) {
  const auto path = std::string(VIGIL_SOURCE_DIR) + "/data/ais/dma_aislib_stream_example.txt";
  auto ws = open();
  ingest::IngestOptions options;
  options.recorded_by = "test";
  const auto report = ingest::ingest_file(ws, path, options, {});
  EXPECT_EQ(report.identity_untimed, 0u);
  EXPECT_GT(report.identity_runs_added, 3000u);
  // The type 5 of MMSI 205366000, as gpsd decodes it.
  std::map<Attribute, std::string> got;
  for (const auto& run : store::identity_history(ws, {205366000}))
    got[run.attribute] = run.value;
  const std::map<Attribute, std::string> expected = {
      {Attribute::name, "KEMIRA GAS"}, {Attribute::callsign, "ONCC"},   {Attribute::imo, "9045807"},
      {Attribute::ship_type, "81"},    {Attribute::length, "142"},      {Attribute::beam, "21"},
      {Attribute::draught, "5.9"},     {Attribute::destination, "ELBE"}};
  EXPECT_EQ(got, expected);
}

INSTANTIATE_BOTH_BACKENDS(VesselStoreTest);

}  // namespace
}  // namespace vigil::test
