#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace vigil::io {

// A record as an input format delivers it, before any field is interpreted: the names and
// values in input order (duplicates kept so they can be reported), and the line it starts on.
struct RawRecord {
  std::uint64_t line = 0;
  std::vector<std::pair<std::string, nlohmann::json>> fields;
};

// A problem with one record, located precisely enough for a user to open the file and fix it.
struct RecordError {
  std::uint64_t line = 0;
  std::string field;  // empty when the record as a whole is unreadable
  std::string message;
};

enum class ReadStatus { record, error, end };

// Reads one format. next() fills either the record or the error; after an error the reader
// has skipped the bad record and can continue. Fatal I/O problems throw.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual ReadStatus next(RawRecord& record, RecordError& error) = 0;
  // Bytes consumed so far, for progress reporting.
  virtual std::uint64_t bytes_read() const = 0;
};

}  // namespace vigil::io
