#include <gtest/gtest.h>

#include <algorithm>

#include "support/temp_dir.hpp"
#include "unit/ais/ais_test_support.hpp"
#include "vigil/ais/decode_file.hpp"

namespace vigil::test {
namespace {

struct DecodeRun {
  std::string output;
  ais::DecodeStats stats;
};

DecodeRun decode(const std::string& path, unsigned threads, std::size_t chunk_bytes,
                 std::size_t context_bytes = 16384, std::uint64_t timeout = 100) {
  ais::JsonMessageWriter writer;
  ais::DecodeFileOptions options;
  options.threads = threads;
  options.chunk_bytes = chunk_bytes;
  options.context_bytes = context_bytes;
  options.stream.fragment_timeout_lines = timeout;
  DecodeRun run;
  run.stats = ais::decode_file(path, writer, options, [&](std::string_view text) {
                run.output.append(text);
              }).stats;
  return run;
}

// Every shared NMEA file, concatenated in an order that puts multipart messages, tag
// block groups and broken lines across many chunk boundaries.
std::string mixed_corpus() {
  std::string corpus;
  for (const auto& entry : std::filesystem::directory_iterator(shared_ais_dir() / "nmea")) {
    corpus += slurp(entry.path());
    if (!corpus.empty() && corpus.back() != '\n') corpus.push_back('\n');
  }
  return corpus;
}

TEST(DecodeFile, ParallelDecodingGivesTheSameOutputAndCountsAsOneThread) {
  if (!std::filesystem::exists(shared_ais_dir() / "nmea")) GTEST_SKIP() << "no shared data";
  TempDir dir;
  std::string corpus;
  const std::string one = mixed_corpus();
  for (int i = 0; i < 3; ++i)
    corpus += one;
  const std::string path = dir.write("mixed.nmea", corpus);

  const DecodeRun sequential = decode(path, 1, 1 << 20, 262144, 1000);
  ASSERT_GT(sequential.stats.messages, 20000u);
  // Small chunks: hundreds of boundaries, most of them inside multipart runs somewhere.
  for (const std::size_t chunk : {std::size_t{4096}, std::size_t{65536}}) {
    const DecodeRun parallel = decode(path, 2, chunk, 262144, 1000);
    if (parallel.output != sequential.output) {
      const auto [a, b] = std::mismatch(parallel.output.begin(), parallel.output.end(),
                                        sequential.output.begin(), sequential.output.end());
      const auto line_start = sequential.output.rfind('\n', b - sequential.output.begin());
      ADD_FAILURE() << "chunk " << chunk << ": outputs differ at byte "
                    << (b - sequential.output.begin())
                    << "\nsequential: " << sequential.output.substr(line_start + 1, 300)
                    << "\nparallel:   " << parallel.output.substr(line_start + 1, 300);
    }
    EXPECT_EQ(parallel.stats.to_json(), sequential.stats.to_json()) << "chunk " << chunk;
  }
}

TEST(DecodeFile, MissingFileIsAnErrorNamingIt) {
  ais::JsonMessageWriter writer;
  try {
    decode("/nonexistent/ais.nmea", 2, 4096);
    FAIL() << "no exception";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ais.nmea"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vigil::test
