// `vigil decode` keeps its memory flat however long the input (issue: peak RSS under 50 MB
// on a 1 GB input): decoding in parallel holds a bounded number of chunks.
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace vigil::test {
namespace {

// The programs under test are built with the sanitizers (the test code itself is not:
// tests/CMakeLists.txt).
#if defined(VIGIL_TESTING_SANITIZED_BUILD)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// The repo's real AIS logs, repeated to at least `bytes`.
std::string write_repeated_logs(const TempDir& dir, const std::string& name, std::size_t bytes) {
  std::string logs;
  for (const char* log : {"dma_aislib_stream_example.txt", "kystverket_Ais1000Lines.nm4",
                          "pyais_nmea_data_sample.txt", "gpsd_sample.aivdm", "gpsd_ais-18-27.log",
                          "libais_tagblock.nmea"}) {
    logs += read_file(std::string(VIGIL_SOURCE_DIR) + "/data/ais/" + log);
    if (logs.back() != '\n') logs += '\n';
  }
  const std::string path = dir.file(name);
  std::ofstream out(path, std::ios::binary);
  for (std::size_t written = 0; written < bytes; written += logs.size())
    out.write(logs.data(), static_cast<std::streamsize>(logs.size()));
  return path;
}

// The program's peak resident memory in KiB while it runs, from /proc: VmHWM, everything it
// held at its peak, and the most anonymous memory (RssAnon) seen, polled every 2 ms: what
// decoding allocates. The difference is the shared libraries' file pages, clean, shared between
// processes and the same for every command (11 MiB; 38 MiB before GDAL and the PDF stack became
// plugins that only the commands writing such files load). Not the rusage of wait4: a child's
// ru_maxrss carries over the size of the forked copy of this test program it started as, which was
// the larger when other tests had run first.
struct Peak {
  long total_kib = 0;
  long anonymous_kib = 0;
};

Peak peak_rss_kib_decoding(const std::string& path) {
  const pid_t pid =
      spawn_program({VIGIL_BINARY, "decode", "--threads", "2", "--stats", "none", path});
  const std::string status_path = "/proc/" + std::to_string(pid) + "/status";
  Peak peak;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    // Until it has exec'd, the child is a copy of this program, with this program's size.
    std::ifstream in(status_path);
    bool is_vigil = false;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("Name:", 0) == 0)
        is_vigil = line.find("vigil", 5) != std::string::npos &&
                   line.find("tests", 5) == std::string::npos;
      if (is_vigil && line.rfind("VmHWM:", 0) == 0)
        peak.total_kib = std::max(peak.total_kib, std::stol(line.substr(6)));
      if (is_vigil && line.rfind("RssAnon:", 0) == 0)
        peak.anonymous_kib = std::max(peak.anonymous_kib, std::stol(line.substr(8)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << path;
  EXPECT_GT(peak.total_kib, 0) << "no memory figure read for " << path;
  EXPECT_GT(peak.anonymous_kib, 0) << "no anonymous memory figure read for " << path;
  return peak;
}

TEST(DecodeMemory, PeakMemoryStaysFlatAndUnderFiftyMegabytesAsTheInputGrows) {
  if (kSanitized) GTEST_SKIP() << "the sanitizers' shadow memory and quarantine dwarf the level";
  TempDir dir;
  const std::string small = write_repeated_logs(dir, "small.nmea", 24u << 20);
  const std::string large = write_repeated_logs(dir, "large.nmea", 192u << 20);
  const Peak small_peak = peak_rss_kib_decoding(small);
  const Peak large_peak = peak_rss_kib_decoding(large);
  RecordProperty("small_peak_kib", std::to_string(small_peak.total_kib));
  RecordProperty("large_peak_kib", std::to_string(large_peak.total_kib));
  RecordProperty("large_peak_anonymous_kib", std::to_string(large_peak.anonymous_kib));
  EXPECT_LT(large_peak.anonymous_kib, 50'000'000 / 1024)
      << "peak anonymous RSS in KiB on 192 MiB of input (" << large_peak.total_kib
      << " KiB with the libraries' pages)";
  // Everything the process held, the libraries' pages included: 27 MB on 2026-12-07, where it
  // was 53 MiB while every command loaded GDAL and the PDF stack at startup (docs/ais.md).
  EXPECT_LT(large_peak.total_kib, 40'000'000 / 1024) << "peak RSS in KiB on 192 MiB of input";
  // Eight times the input, the same chunks in flight: a few MiB of allocator slack at most.
  EXPECT_LT(large_peak.total_kib, small_peak.total_kib + 4096)
      << small_peak.total_kib << " KiB on 24 MiB of input";
  EXPECT_LT(large_peak.anonymous_kib, small_peak.anonymous_kib + 4096)
      << small_peak.anonymous_kib << " KiB anonymous on 24 MiB of input";
}

}  // namespace
}  // namespace vigil::test
