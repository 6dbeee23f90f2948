#pragma once

#include <cstdint>

#include "vigil/ais/message.hpp"
#include "vigil/ais/payload.hpp"

namespace vigil::ais {

enum class DecodeStatus : std::uint8_t {
  ok,
  too_short,     // fewer bits than the message type's mandatory fields need
  unknown_type,  // type 0 or 28-63: no such message; type, repeat, mmsi and payload kept
};

// Decodes the bits of one complete message into `out` (cleared first). Fields follow
// gpsd's names and units; "not available" values are left out (docs/ais.md).
DecodeStatus decode_message(const Payload& payload, Message& out);

}  // namespace vigil::ais
