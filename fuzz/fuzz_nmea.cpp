// libFuzzer target for the NMEA path: lines through the stream decoder (tag blocks,
// multipart reassembly, every message type), both writers, and the maritime detectors.
// Every JSON line written must parse, whatever the input; every incident must be well formed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vigil/ais/message_writer.hpp"
#include "vigil/ais/stream_decoder.hpp"
#include "vigil/maritime/ais_feed.hpp"
#include "vigil/maritime/engine.hpp"

namespace {

class CheckingEvents final : public vigil::maritime::EventSink {
 public:
  void on_event(vigil::maritime::Event event) override {
    if (event.end < event.start || event.mmsis.empty() || event.evidence.empty()) std::abort();
    if (!nlohmann::json::accept(vigil::maritime::to_json(event).dump())) std::abort();
  }
};

class CheckingSink final : public vigil::ais::MessageSink {
 public:
  explicit CheckingSink(vigil::maritime::AisFeed& feed) : feed_(feed) {}
  void on_message(const vigil::ais::Message& message, const vigil::ais::Provenance& provenance,
                  std::uint64_t line) override {
    feed_.on_message(message, provenance, line);
    json_.clear();
    json_writer_.write(message, provenance, json_);
    if (!nlohmann::json::accept(json_)) std::abort();
    csv_.clear();
    csv_writer_.write(message, provenance, csv_);
  }

 private:
  vigil::maritime::AisFeed& feed_;
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
  CheckingEvents events;
  vigil::maritime::Config config;
  config.gap_min_h = 0.1;  // short thresholds, so that short inputs reach every detector
  config.encounter_min_h = 0;
  config.loitering_min_h = 0;
  static const vigil::geo::PlaceIndex places = [] {
    vigil::geo::PlaceIndex index;
    index.add({"p", "P", "port", "", {0.0, 0.0}});
    return index;
  }();
  vigil::maritime::Engine engine(config, nullptr, &places, events);
  vigil::maritime::AisFeed feed(engine);
  CheckingSink sink(feed);
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
  engine.finish();
  return 0;
}
