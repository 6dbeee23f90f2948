#pragma once

#include "vigil/core/observation.hpp"
#include "vigil/io/record_reader.hpp"

namespace vigil::ingest {

// Limits beyond which a value is a mistake rather than data (see docs/formats.md).
inline constexpr std::size_t kMaxIdLength = 128;
inline constexpr std::size_t kMaxNameLength = 128;      // kind, source, entity
inline constexpr double kMaxUncertaintyM = 20'000'000;  // half the Earth's circumference
inline constexpr std::size_t kMaxAttributesBytes = 64 * 1024;

// Turns a raw record into an observation: checks every field's presence, type and range;
// unknown fields become attributes. On failure returns false with the offending field named.
bool build_observation(io::RawRecord& record, Observation& out, io::RecordError& error);

}  // namespace vigil::ingest
