#include <optional>

#include <fmt/format.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

using IngestTest = BackendWorkspaceFixture;

std::string lines(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += observation_line(i);
  return out;
}

TEST_P(IngestTest, ReingestingTheSameDataAddsNothing) {
  const auto first = ingest("a.jsonl", lines(50));
  EXPECT_EQ(first.added, 50u);
  const auto log_after_first = count("SELECT COUNT(*) FROM log_records");
  const auto second = ingest("a.jsonl", lines(50));
  EXPECT_EQ(second.added, 0u);
  EXPECT_EQ(second.duplicates, 50u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 50);
  EXPECT_EQ(count("SELECT COUNT(*) FROM log_records"), log_after_first);
  EXPECT_EQ(count("SELECT COUNT(*) FROM batches"), 1);
  // Overlapping data adds only what is new, as a new sealed batch.
  const auto third = ingest("b.jsonl", lines(60));
  EXPECT_EQ(third.added, 10u);
  EXPECT_EQ(third.duplicates, 50u);
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.observations, 60);
  EXPECT_EQ(v.batches, 2);
}

// More rows than one multi-row statement takes on PostgreSQL (500), with repeats inside the
// file, across the statement boundary, and an id whose content differs from what it names.
TEST_P(IngestTest, RepeatsWithinOneFileAndAcrossStatementsAreDuplicates) {
  std::string file = lines(1200);
  file += observation_line(3) + observation_line(700) + observation_line(1199);
  const auto report = ingest("big.jsonl", file);
  EXPECT_EQ(report.added, 1200u);
  EXPECT_EQ(report.duplicates, 3u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 1200);
  // The same id with other content is refused with its line, whichever path stored it.
  auto stored = open();
  store::Statement first(stored.db(), "SELECT id FROM observations ORDER BY time_us, id LIMIT 1");
  ASSERT_TRUE(first.step());
  const std::string id(first.text(0));
  const auto conflict =
      ingest("conflict.jsonl", lines(10) + observation_line(5000, R"(,"id":")" + id + "\""));
  EXPECT_TRUE(conflict.rolled_back);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 1200);
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
}

// A scan longer than one batch of a PostgreSQL cursor (10,000 rows) reads every row once, in
// order, inside a transaction or not; verify reads them that way.
TEST_P(IngestTest, BatchedScansReadEveryRowOnceInOrder) {
  std::string file;
  for (int i = 0; i < 25'001; ++i)
    file += R"({"time":"2025-02-20T10:00:00Z","lat":)" + std::to_string(44 + i * 1e-4) +
            R"(,"lon":37.7,"kind":"explosion","source":"patrol"})" + "\n";
  ASSERT_EQ(ingest("many.jsonl", file).added, 25'001u);
  auto ws = open();
  for (const bool in_transaction : {false, true}) {
    std::optional<store::Transaction> tx;
    if (in_transaction) tx.emplace(ws.db());
    store::Statement scan(ws.db(), "SELECT id FROM observations ORDER BY time_us, id",
                          store::Statement::Rows::in_batches);
    std::int64_t rows = 0;
    std::string previous;
    while (scan.step()) {
      const std::string id(scan.text(0));
      EXPECT_LT(previous, id);
      previous = id;
      ++rows;
    }
    EXPECT_EQ(rows, 25'001) << (in_transaction ? "in a transaction" : "outside one");
    scan.reset();
    ASSERT_TRUE(scan.step()) << "a reset statement scans again";
  }
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.observations, 25'001);
}

TEST_P(IngestTest, ABadRecordRollsTheWholeFileBackByDefault) {
  ingest("good.jsonl", lines(5));
  std::string bad = lines(20);
  bad += R"({"time":"2025-02-20T10:00:00Z","lat":95,"lon":37.7,"kind":"report","source":"s"})"
         "\n";
  bad += observation_line(99);
  const auto report = ingest("bad.jsonl", bad);
  EXPECT_TRUE(report.rolled_back);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM batches"), 1);
  EXPECT_TRUE(verify().ok);
}

TEST_P(IngestTest, SkipStoresTheGoodRecordsAndCountsTheBad) {
  std::string mixed = observation_line(1) + "not json\n" + observation_line(2) +
                      R"({"time":"yesterday","lat":1,"lon":2,"kind":"report","source":"s"})"
                      "\n";
  auto ws = open();
  ingest::IngestOptions options;
  options.on_error = ingest::OnError::skip;
  std::vector<std::pair<std::uint64_t, std::string>> seen;
  ingest::IngestCallbacks callbacks;
  callbacks.on_error = [&](const std::string&, const io::RecordError& e) {
    seen.emplace_back(e.line, e.field);
  };
  const auto report = ingest::ingest_file(ws, dir_.write("m.jsonl", mixed), options, callbacks);
  EXPECT_EQ(report.added, 2u);
  EXPECT_EQ(report.rejected, 2u);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(std::uint64_t{2}, std::string()));
  EXPECT_EQ(seen[1], std::make_pair(std::uint64_t{4}, std::string("time")));
}

TEST_P(IngestTest, AReusedIdWithDifferentContentIsAConflictNotADuplicate) {
  ingest("a.jsonl", observation_line(1, R"(,"id":"op-7")"));
  const auto report = ingest("b.jsonl", observation_line(2, R"(,"id":"op-7")"));
  EXPECT_TRUE(report.rolled_back);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 1);
  const auto same = ingest("c.jsonl", observation_line(1, R"(,"id":"op-7")"));
  EXPECT_EQ(same.duplicates, 1u);
}

TEST_P(IngestTest, EntitiesAndSourcesAreTallied) {
  ingest("a.jsonl", observation_line(1, R"(,"entity":"patrol:P-1")") +
                        observation_line(2, R"(,"entity":"patrol:P-1")") +
                        observation_line(3, R"(,"entity":"mmsi:273274000")"));
  EXPECT_EQ(count("SELECT observations FROM entities WHERE id = 'patrol:P-1'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM entities WHERE namespace = 'mmsi'"), 1);
  EXPECT_EQ(count("SELECT observations FROM sources WHERE id = 'patrol'"), 3);
}

// More entities in one batch than one tallying statement takes (500), then a batch that
// widens some of them: first and last times and counts, across statement boundaries.
TEST_P(IngestTest, ManyEntitiesAreTalliedAcrossStatementsAndBatches) {
  auto line = [](int i, int minute, const std::string& entity) {
    return fmt::format(
        R"({{"time":"2025-02-20T10:{:02}:00Z","lat":{},"lon":37.7,"kind":"explosion",)"
        R"("source":"uav:{}","entity":"{}"}})"
        "\n",
        minute, 48.0 + i * 0.0001, i % 3, entity);
  };
  std::string first;
  for (int i = 0; i < 1201; ++i)
    first += line(i, 30, fmt::format("sensor:S-{}", i));
  EXPECT_EQ(ingest("a.jsonl", first).added, 1201u);
  std::string second;
  for (int i = 0; i < 10; ++i)
    second += line(5000 + i, 10, fmt::format("sensor:S-{}", i * 120)) +
              line(6000 + i, 50, fmt::format("sensor:S-{}", i * 120));
  EXPECT_EQ(ingest("b.jsonl", second).added, 20u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM entities WHERE namespace = 'sensor'"), 1201);
  EXPECT_EQ(count("SELECT SUM(observations) FROM entities"), 1221);
  EXPECT_EQ(count("SELECT observations FROM entities WHERE id = 'sensor:S-1080'"), 3);
  EXPECT_EQ(count("SELECT observations FROM entities WHERE id = 'sensor:S-1200'"), 1);
  EXPECT_EQ(count("SELECT last_time - first_time FROM entities WHERE id = 'sensor:S-600'"),
            40LL * 60 * 1'000'000);
  EXPECT_EQ(count("SELECT last_time - first_time FROM entities WHERE id = 'sensor:S-601'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sources"), 3);
  EXPECT_EQ(count("SELECT SUM(observations) FROM sources"), 1221);
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
}

TEST_P(IngestTest, ObservationsAreFilteredByTimePlaceAndKind) {
  ingest(
      "a.jsonl",
      R"({"time":"2025-02-20T10:00:00Z","lat":48,"lon":37,"kind":"explosion","source":"patrol"})"
      "\n"
      R"({"time":"2025-02-21T10:00:00Z","lat":48,"lon":37,"kind":"weapon","source":"uav","weapon_class":"tank"})"
      "\n"
      R"({"time":"2025-02-22T10:00:00Z","lat":10,"lon":179.5,"kind":"explosion","source":"uav"})"
      "\n"
      R"({"time":"2025-02-23T10:00:00Z","lat":10,"lon":-179.5,"kind":"explosion","source":"uav"})"
      "\n");
  auto ws = open();
  auto ids = [&](const store::ObservationFilter& f) {
    std::vector<std::string> kinds;
    store::for_each_observation(ws, f, [&](const store::StoredObservation& o) {
      kinds.push_back(format_rfc3339(o.obs.time).substr(0, 10));
      return true;
    });
    return kinds;
  };
  store::ObservationFilter f;
  EXPECT_EQ(ids(f).size(), 4u);
  f.from = *parse_rfc3339("2025-02-21T00:00:00Z");
  f.to = *parse_rfc3339("2025-02-22T10:00:00Z");
  EXPECT_EQ(ids(f), std::vector<std::string>{"2025-02-21"});
  f = {};
  f.kinds = {"explosion"};
  f.sources = {"uav"};
  EXPECT_EQ(ids(f), (std::vector<std::string>{"2025-02-22", "2025-02-23"}));
  f = {};
  f.bbox = store::BoundingBox{179, 0, -179, 20};  // across the antimeridian
  EXPECT_EQ(ids(f), (std::vector<std::string>{"2025-02-22", "2025-02-23"}));
  f.bbox = store::BoundingBox{36, 47, 38, 49};
  f.limit = 1;
  EXPECT_EQ(ids(f), std::vector<std::string>{"2025-02-20"});
}

INSTANTIATE_BOTH_BACKENDS(IngestTest);

}  // namespace
}  // namespace vigil::test
