#pragma once

#include <cstdint>

#include "vigil/ais/stream_decoder.hpp"
#include "vigil/maritime/engine.hpp"

namespace vigil::maritime {

// Hands decoded AIS messages to an Engine: position reports (types 1, 2, 3, 18, 19, 27) with
// a position as Positions, the name, call sign and IMO of types 5, 19 and 24 as
// StaticReports. Messages without a receive time cannot be placed and are counted instead.
class AisFeed final : public ais::MessageSink {
 public:
  explicit AisFeed(Engine& engine) : engine_(engine) {}
  void on_message(const ais::Message& message, const ais::Provenance& provenance,
                  std::uint64_t line) override;
  std::uint64_t untimed() const { return untimed_; }

 private:
  Engine& engine_;
  std::uint64_t untimed_ = 0;
};

}  // namespace vigil::maritime
