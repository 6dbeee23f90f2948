#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/ais/decode_stats.hpp"
#include "vigil/ais/message_writer.hpp"
#include "vigil/ais/stream_decoder.hpp"

namespace vigil::ais {

struct DecodeFileOptions {
  StreamOptions stream;
  // Message types to write (all by default); the others are decoded and counted only.
  std::bitset<64> types = std::bitset<64>().set();
  // Worker threads for a regular file; stdin and `strict` always use one.
  unsigned threads = 2;
  // Bytes of input per work unit when decoding in parallel.
  std::size_t chunk_bytes = 1u << 20;
  // Input read before and after a chunk, to follow multipart messages across its edges.
  std::size_t context_bytes = 256u << 10;
  // Stop at the first error.
  bool strict = false;
};

// The first error of a strict run.
struct FirstError {
  std::uint64_t line = 0;
  ErrorKind kind{};
};

struct DecodeFileResult {
  DecodeStats stats;
  std::optional<FirstError> first_error;  // set only in strict mode
};

// Decodes a file (or stdin for "-"), passing the writer's output to `output` in input
// order, in blocks. With threads > 1 on a regular file the file is split into chunks
// decoded concurrently; the output, errors and counts are the same as one thread's as
// long as a multipart message's fragments lie within `context_bytes` of each other and
// the fragment timeout fits in that many bytes (docs/ais.md).
// Throws std::runtime_error naming the file when it cannot be read.
DecodeFileResult decode_file(const std::string& path, const MessageWriter& writer,
                             const DecodeFileOptions& options,
                             const std::function<void(std::string_view)>& output);

}  // namespace vigil::ais
