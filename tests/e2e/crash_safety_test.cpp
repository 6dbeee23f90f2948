// Kills `vigil ingest` with SIGKILL at many instants and checks that the workspace still
// verifies and that running the same ingest again ends with exactly the observations of an
// uninterrupted run.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::test {
namespace {

constexpr int kFiles = 4;

// Records per file: enough that an ingest runs long enough to be killed midway (four files of
// 16,000 take about 0.4 s in the dev build, so the twelve kill points land some 40 ms apart
// through it; most of the test's time is the verification and comparison after each kill).
// Sanitizer builds are several times slower and set VIGIL_CRASH_TEST_RECORDS lower.
int records_per_file() {
  const char* env = std::getenv("VIGIL_CRASH_TEST_RECORDS");
  return env && std::atoi(env) > 0 ? std::atoi(env) : 16'000;
}
const int kRecordsPerFile = records_per_file();

std::vector<std::string> write_inputs(const TempDir& dir) {
  std::vector<std::string> files;
  for (int f = 0; f < kFiles; ++f) {
    std::string text;
    text.reserve(kRecordsPerFile * 160);
    for (int i = 0; i < kRecordsPerFile; ++i)
      text += fmt::format(
          R"({{"time":"2025-02-{:02}T{:02}:{:02}:{:02}Z","lat":{:.5f},"lon":{:.5f},"kind":"explosion","source":"acoustic:{}","attributes":{{"n":{}}}}})"
          "\n",
          1 + f, i / 3600 % 24, i / 60 % 60, i % 60, 47.0 + i * 1e-5, 37.0 + f * 0.1, f, i);
    files.push_back(dir.write(fmt::format("part{}.jsonl", f), text));
  }
  return files;
}

std::vector<std::string> ingest_command(const std::string& ws,
                                        const std::vector<std::string>& files) {
  std::vector<std::string> argv = {VIGIL_BINARY, "ingest", "-q", "-w", ws};
  argv.insert(argv.end(), files.begin(), files.end());
  return argv;
}

std::set<std::string> observation_ids(const std::string& ws_path) {
  store::Workspace ws(store::WorkspacePaths::of(ws_path));
  std::set<std::string> ids;
  store::for_each_observation(ws, {}, [&](const store::StoredObservation& o) {
    ids.insert(o.obs.id + "|" + canonical_content(o.obs));
    return true;
  });
  return ids;
}

TEST(CrashSafety, KilledIngestLeavesAVerifiableWorkspaceAndResumesExactly) {
  TempDir dir;
  const auto files = write_inputs(dir);

  // The reference: one uninterrupted run, timed to spread the kill points over it.
  const std::string reference = dir.file("reference.vigil");
  ASSERT_EQ(run_program({VIGIL_BINARY, "init", "-w", reference}).exit_code, 0);
  const auto started = std::chrono::steady_clock::now();
  const auto full = run_program(ingest_command(reference, files));
  const auto duration = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const auto expected = observation_ids(reference);
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(kFiles * kRecordsPerFile));

  const auto total_us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  int killed_mid_run = 0;
  constexpr int kKillPoints = 12;
  for (int k = 0; k < kKillPoints; ++k) {
    const std::string ws = dir.file(fmt::format("killed{}.vigil", k));
    ASSERT_EQ(run_program({VIGIL_BINARY, "init", "-w", ws}).exit_code, 0);
    // Kill points from the very start to past the end, some twice in a row.
    const auto delay = std::chrono::microseconds(total_us * k / (kKillPoints - 2));
    for (int attempt = 0; attempt < (k % 3 == 0 ? 2 : 1); ++attempt) {
      const pid_t pid = spawn_program(ingest_command(ws, files));
      std::this_thread::sleep_for(delay / (attempt + 1));
      ::kill(pid, SIGKILL);
      if (wait_program(pid) == 128 + SIGKILL) ++killed_mid_run;
      const auto verified = run_program({VIGIL_BINARY, "verify", "-w", ws});
      ASSERT_EQ(verified.exit_code, 0) << "after kill " << k << ": " << verified.err;
    }
    const auto resumed = run_program(ingest_command(ws, files));
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(observation_ids(ws), expected) << "kill point " << k;
    ASSERT_EQ(run_program({VIGIL_BINARY, "verify", "-w", ws}).exit_code, 0);
  }
  // The kills must have landed while the ingest was running, or the test proves nothing.
  EXPECT_GE(killed_mid_run, kKillPoints / 2);
}

}  // namespace
}  // namespace vigil::test
