// libFuzzer target for the NMEA path: lines through the stream decoder (tag blocks,
// multipart reassembly, every message type) and both writers. Every JSON line written
// must parse, whatever the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vigil/ais/message_writer.hpp"
#include "vigil/ais/stream_decoder.hpp"

namespace {

class CheckingSink final : public vigil::ais::MessageSink {
 public:
  void on_message(const vigil::ais::Message& message, const vigil::ais::Provenance& provenance,
                  std::uint64_t /*line*/) override {
    json_.clear();
    json_writer_.write(message, provenance, json_);
    if (!nlohmann::json::accept(json_)) std::abort();
    csv_.clear();
    csv_writer_.write(message, provenance, csv_);
  }

 private:
  vigil::ais::JsonMessageWriter json_writer_;
  vigil::ais::CsvMessageWriter csv_writer_{vigil::ais::CsvMessageWriter::default_columns()};
  std::string json_;
  std::string csv_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  vigil::ais::StreamOptions options;
  options.max_pending = 4;  // small, so that eviction is exercised too
  options.fragment_timeout_lines = 8;
  vigil::ais::StreamDecoder decoder(options);
  CheckingSink sink;
  std::size_t start = 0;
  std::uint64_t line = 0;
  while (start <= input.size()) {
    const auto end = input.find('\n', start);
    const auto stop = end == std::string_view::npos ? input.size() : end;
    decoder.feed(input.substr(start, stop - start), ++line, sink);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  decoder.finish(sink);
  return 0;
}
