#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/io/input_file.hpp"
#include "vigil/io/record_reader.hpp"

namespace vigil::io {

// Reads a file (or stdin for "-"; gzip or not, input_file.hpp) line by line through a large buffer,
// with a bound on line length so that a huge or binary payload is reported instead of exhausting
// memory.
class LineSource {
 public:
  static constexpr std::size_t kDefaultMaxLine = 16u << 20;

  explicit LineSource(const std::string& path, std::size_t max_line = kDefaultMaxLine);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  enum class Result { line, too_long, end };
  // On `line`, `out` holds the line without its terminator ("\n" or "\r\n"); it stays valid
  // until the next call. On `too_long`, the rest of that line has been skipped.
  Result next(std::string_view& out);

  std::uint64_t line_number() const { return line_number_; }  // of the line last returned
  // Whether at least kPadding readable bytes follow the line last returned, so that a parser
  // that reads ahead (simdjson) can use it in place instead of copying it.
  bool padded() const { return padded_; }
  static constexpr std::size_t kPadding = 64;
  std::uint64_t bytes_read() const { return bytes_consumed_; }
  const std::string& path() const { return path_; }

 private:
  bool refill();

  std::string path_;
  InputFile input_;
  std::size_t max_line_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data is buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::uint64_t bytes_consumed_ = 0;
  std::string long_line_;  // a line that spans buffer refills
  bool padded_ = false;
};

// Reads a whole file (or stdin for "-"; inflated when gzip) into memory; throws with the path
// on failure or when its content is larger than `max_bytes`.
std::string read_whole_file(const std::string& path, std::size_t max_bytes);

// The next line of `lines` for a reader of one record per line (CSV, JSONL): clears the
// record's fields and points the record and `error` at the line. Returns `record` with the
// line in `line`, `end` at the end of the input, or `error` for a line over the length limit.
ReadStatus next_record_line(LineSource& lines, RawRecord& record, RecordError& error,
                            std::string_view& line);

}  // namespace vigil::io
