// AIS decoding kernels. The sentences are the type 1, 2 and 3 sentences of the repo's
// data/ais logs (real traffic), decoded in process with no output.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "vigil/ais/message_writer.hpp"
#include "vigil/ais/stream_decoder.hpp"

namespace {

std::vector<std::string> position_sentences() {
  std::vector<std::string> sentences;
  for (const char* name : {"dma_aislib_stream_example.txt", "kystverket_Ais1000Lines.nm4",
                           "pyais_nmea_data_sample.txt"}) {
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/data/ais/" + name);
    for (std::string line; std::getline(in, line);) {
      // Single-fragment sentences whose payload starts with '1', '2' or '3' (types 1-3).
      const auto bang = line.find('!');
      if (bang == std::string::npos || line.compare(bang + 6, 5, ",1,1,") != 0) continue;
      const auto payload = line.find(',', line.find(',', bang + 11) + 1) + 1;
      if (payload < line.size() && line[payload] >= '1' && line[payload] <= '3') {
        sentences.push_back(line);
      }
    }
  }
  return sentences;
}

class CountingSink final : public vigil::ais::MessageSink {
 public:
  std::uint64_t messages = 0;
  void on_message(const vigil::ais::Message& message, const vigil::ais::Provenance&,
                  std::uint64_t) override {
    messages += message.size() != 0;
  }
};

class JsonSink final : public vigil::ais::MessageSink {
 public:
  std::string out;
  vigil::ais::JsonMessageWriter writer;
  void on_message(const vigil::ais::Message& message, const vigil::ais::Provenance& provenance,
                  std::uint64_t) override {
    writer.write(message, provenance, out);
  }
};

// Sentence in, decoded fields out: checksum, tag block, armour, bits, field decoding.
void BM_DecodePositionSentence(benchmark::State& state) {
  const auto sentences = position_sentences();
  vigil::ais::StreamDecoder decoder;
  CountingSink sink;
  std::uint64_t line = 0;
  for (auto _ : state) {
    for (const auto& sentence : sentences)
      decoder.feed(sentence, ++line, sink);
  }
  benchmark::DoNotOptimize(sink.messages);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sentences.size()));
  state.counters["sentences"] = static_cast<double>(sentences.size());
}
BENCHMARK(BM_DecodePositionSentence);

// The same, plus the JSON line `vigil decode` writes.
void BM_DecodePositionSentenceToJson(benchmark::State& state) {
  const auto sentences = position_sentences();
  vigil::ais::StreamDecoder decoder;
  JsonSink sink;
  sink.out.reserve(1 << 22);
  std::uint64_t line = 0;
  for (auto _ : state) {
    for (const auto& sentence : sentences)
      decoder.feed(sentence, ++line, sink);
    sink.out.clear();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sentences.size()));
}
BENCHMARK(BM_DecodePositionSentenceToJson);

}  // namespace
