#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "vigil/ingest/input_format.hpp"

namespace vigil::fuzz {

// Feeds `data` through the reader for `format` (or format detection), the field mapping and
// the observation builder, as `vigil ingest` does, checking invariants of what comes out.
void ingest_bytes(const std::uint8_t* data, std::size_t size,
                  std::optional<ingest::InputFormat> format);

}  // namespace vigil::fuzz
