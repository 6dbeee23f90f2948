#include "vigil/io/line_source.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace vigil::io {
namespace {

constexpr std::size_t kBufferSize = 1u << 20;

}  // namespace

LineSource::LineSource(const std::string& path, std::size_t max_line)
    : path_(path), input_(path), max_line_(max_line), buffer_(kBufferSize + kPadding) {}

LineSource::~LineSource() = default;

bool LineSource::refill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == kBufferSize) return true;
  const std::size_t n = input_.read(buffer_.data() + end_, kBufferSize - end_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

LineSource::Result LineSource::next(std::string_view& out) {
  long_line_.clear();
  bool too_long = false;
  // Moves buffered bytes of an unterminated line aside, or drops them once over the limit.
  auto spill = [&](std::size_t n) {
    if (!too_long && long_line_.size() + n > max_line_) {
      too_long = true;
      long_line_.clear();
    }
    if (!too_long) long_line_.append(buffer_.data() + begin_, n);
    bytes_consumed_ += n;
    begin_ += n;
  };
  auto finish = [&](std::string_view line) {
    padded_ = line.data() != long_line_.data();
    ++line_number_;
    if (too_long) return Result::too_long;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out = line;
    return Result::line;
  };
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const std::size_t pending = end_ - begin_;
    if (const void* nl = std::memchr(start, '\n', pending)) {
      const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      if (!long_line_.empty() || too_long) {
        spill(len);
        ++begin_;
        ++bytes_consumed_;
        return finish(long_line_);
      }
      begin_ += len + 1;
      bytes_consumed_ += len + 1;
      if (len > max_line_) too_long = true;
      return finish(std::string_view(start, len));
    }
    if (pending == kBufferSize) {
      spill(pending);  // one line fills the whole buffer
      continue;
    }
    if (!refill()) {
      if (pending == 0 && long_line_.empty() && !too_long) return Result::end;
      spill(pending);  // the file ends without a final newline
      return finish(long_line_);
    }
  }
}

std::string read_whole_file(const std::string& path, std::size_t max_bytes) {
  InputFile input(path);
  std::string data;
  char chunk[1 << 16];
  for (;;) {
    const std::size_t n = input.read(chunk, sizeof chunk);
    if (n == 0) break;
    if (data.size() + n > max_bytes)
      throw std::runtime_error(
          fmt::format("{}: larger than the {} MiB limit for this format", path, max_bytes >> 20));
    data.append(chunk, n);
  }
  return data;
}

ReadStatus next_record_line(LineSource& lines, RawRecord& record, RecordError& error,
                            std::string_view& line) {
  const auto result = lines.next(line);
  if (result == LineSource::Result::end) return ReadStatus::end;
  record.fields.clear();
  record.line = lines.line_number();
  error = RecordError{record.line, {}, {}};
  if (result == LineSource::Result::too_long) {
    error.message = fmt::format("line longer than {} MiB", LineSource::kDefaultMaxLine >> 20);
    return ReadStatus::error;
  }
  return ReadStatus::record;
}

}  // namespace vigil::io
