// Several writers on one workspace at once, as several analysts and a monitor's uploads
// would be on a shared server: every write lands, the log stays one unbroken chain.
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

class ConcurrentWritersTest : public BackendWorkspaceFixture {};

TEST_P(ConcurrentWritersTest, TakeTurnsAndKeepOneChain) {
  constexpr int kWriters = 3;
  constexpr int kIncidentsEach = 15;
  constexpr int kBatchesEach = 3;
  std::vector<std::string> errors(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      try {
        auto ws = open();  // a connection of its own
        for (int i = 0; i < kIncidentsEach; ++i) {
          store::IncidentWriter writer(ws);
          Incident incident;
          incident.rule = "manual";
          incident.start = incident.end = *parse_rfc3339("2025-02-20T10:00:00Z") + w * 1000 + i;
          incident.lat = 48.0 + w * 0.1;
          incident.lon = 37.0 + i * 0.01;
          incident.recorded_by = fmt::format("writer {}", w);
          writer.add(incident);
          writer.commit();
          if (i % (kIncidentsEach / kBatchesEach) == 0) {
            std::string lines;
            for (int k = 0; k < 20; ++k)
              lines += observation_line(w * 10'000 + i * 100 + k);
            ingest::IngestOptions options;
            options.recorded_by = fmt::format("writer {}", w);
            ingest::ingest_file(ws, dir_.write(fmt::format("w{}_{}.jsonl", w, i), lines), options,
                                {});
          }
        }
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(w)] = e.what();
      }
    });
  for (auto& t : threads)
    t.join();
  for (const auto& e : errors)
    EXPECT_EQ(e, "");
  const auto v = verify();
  ASSERT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.incidents, kWriters * kIncidentsEach);
  EXPECT_EQ(v.batches, kWriters * kBatchesEach);
  EXPECT_EQ(v.observations, kWriters * kBatchesEach * 20);
  EXPECT_EQ(v.records, kWriters * (kIncidentsEach + kBatchesEach));
  EXPECT_EQ(count("SELECT COUNT(*) FROM incidents"), kWriters * kIncidentsEach);
}

INSTANTIATE_BOTH_BACKENDS(ConcurrentWritersTest);

}  // namespace
}  // namespace vigil::test
