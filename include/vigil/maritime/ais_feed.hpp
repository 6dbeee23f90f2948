#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "vigil/ais/stream_decoder.hpp"
#include "vigil/io/line_source.hpp"
#include "vigil/maritime/engine.hpp"

namespace vigil::maritime {

// Hands decoded AIS messages to an Engine: position reports (types 1, 2, 3, 18, 19, 27) with
// a position as Positions, the name, call sign and IMO of types 5, 19 and 24 as
// StaticReports. Messages without a receive time cannot be placed and are counted instead.
// Either straight to an engine, or into a batch of Reports for another thread.
class AisFeed final : public ais::MessageSink {
 public:
  explicit AisFeed(Engine& engine) : engine_(&engine) {}
  explicit AisFeed(std::vector<Report>& batch) : batch_(&batch) {}
  void on_message(const ais::Message& message, const ais::Provenance& provenance,
                  std::uint64_t line) override;
  std::uint64_t untimed() const { return untimed_; }

 private:
  void deliver(const Report& report);

  Engine* engine_ = nullptr;
  std::vector<Report>* batch_ = nullptr;
  std::uint64_t untimed_ = 0;
};

struct StreamResult {
  ais::DecodeStats decode;
  std::uint64_t untimed = 0;
};

// Reads NMEA lines to the end and runs them through the engine (finish() included). With
// `pipelined`, one thread reads and decodes while the calling thread runs the detectors,
// in batches; the result is the same as without.
StreamResult detect_stream(io::LineSource& lines, Engine& engine, bool pipelined);

}  // namespace vigil::maritime
