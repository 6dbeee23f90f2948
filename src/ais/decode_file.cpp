#include "vigil/ais/decode_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "vigil/io/input_file.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::ais {
namespace {

constexpr std::size_t kFlushBytes = 1u << 20;
constexpr std::size_t kOutputPerInputByte = 6;

// Serialises the messages of the selected types into a buffer, remembering where each
// one starts when asked to (for merging chunk boundaries in order).
class BufferSink final : public MessageSink {
 public:
  BufferSink(const MessageWriter& writer, const std::bitset<64>& types)
      : writer_(writer), types_(types) {}

  std::string* out = nullptr;
  std::vector<std::pair<std::uint64_t, std::size_t>>* marks = nullptr;
  std::uint64_t offset = 0;  // file offset of the line being decoded
  bool strict = false;
  std::optional<FirstError> first_error;

  void on_message(const Message& message, const Provenance& provenance,
                  std::uint64_t /*line*/) override {
    if (!types_.test(static_cast<std::size_t>(message.type()) & 63)) return;
    if (marks != nullptr) marks->emplace_back(offset, out->size());
    writer_.write(message, provenance, *out);
  }
  void on_error(std::uint64_t line, ErrorKind kind) override {
    if (strict && !first_error) first_error = FirstError{line, kind};
  }

 private:
  const MessageWriter& writer_;
  const std::bitset<64>& types_;
};

DecodeFileResult decode_sequential(const std::string& path, const MessageWriter& writer,
                                   const DecodeFileOptions& options,
                                   const std::function<void(std::string_view)>& output) {
  io::LineSource source(path);
  StreamDecoder decoder(options.stream);
  BufferSink sink(writer, options.types);
  std::string buffer;
  buffer.reserve(kFlushBytes + 64 * 1024);
  sink.out = &buffer;
  sink.strict = options.strict;
  std::string_view line;
  for (;;) {
    const auto result = source.next(line);
    if (result == io::LineSource::Result::end) break;
    if (result == io::LineSource::Result::too_long) {
      // An overlong line holds no sentence vigil could use.
      decoder.stats().lines++;
      decoder.stats().error(ErrorKind::junk_line)++;
      sink.on_error(source.line_number(), ErrorKind::junk_line);
    } else {
      decoder.feed(line, source.line_number(), sink);
    }
    if (sink.first_error) break;
    if (buffer.size() >= kFlushBytes) {
      output(buffer);
      buffer.clear();
    }
  }
  if (!sink.first_error) decoder.finish(sink);
  if (!buffer.empty()) output(buffer);
  return {decoder.stats(), sink.first_error};
}

struct ChunkResult {
  std::string text;
  std::vector<std::pair<std::uint64_t, std::size_t>> early;  // messages near the start
  std::size_t early_end = 0;  // where the messages after the early ones begin
  std::string tail;           // messages completed past the end of the chunk
  std::vector<std::pair<std::uint64_t, std::size_t>> tail_marks;
  DecodeStats stats;
  std::string failure;

  // Empties the result, keeping its buffers' capacity for the next chunk.
  void clear() {
    text.clear();
    early.clear();
    early_end = 0;
    tail.clear();
    tail_marks.clear();
    stats = DecodeStats{};
    failure.clear();
  }
};

using ChunkPointer = std::unique_ptr<ChunkResult>;

class ParallelDecoder {
 public:
  ParallelDecoder(const std::string& path, int fd, std::uint64_t size, const MessageWriter& writer,
                  const DecodeFileOptions& options)
      : path_(path),
        fd_(fd),
        size_(size),
        writer_(writer),
        options_(options),
        chunk_(std::max<std::size_t>(options.chunk_bytes, 4096)),
        chunks_((size + chunk_ - 1) / chunk_) {}

  DecodeStats run(const std::function<void(std::string_view)>& output) {
    const unsigned threads = std::clamp(options_.threads, 1u, 32u);
    // Chunks decoded or waiting, besides the one being written: each holds its output
    // until written, so this bounds memory (docs/ais.md).
    window_ = threads;
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i)
      workers.emplace_back([this] { work(); });
    DecodeStats stats;
    ChunkResult carry;
    std::string merged;
    std::string failure;
    for (std::uint64_t index = 0; index < chunks_; ++index) {
      ChunkPointer result;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return slot(index) != nullptr; });
        result = std::move(slot(index));
        written_ = index + 1;
      }
      space_.notify_all();
      if (!result->failure.empty()) {
        failure = result->failure;
        break;
      }
      stats.merge(result->stats);
      const std::size_t merged_through = merge(carry, *result, merged);
      output(merged);
      output(std::string_view(result->text).substr(merged_through));
      std::swap(carry.tail, result->tail);
      std::swap(carry.tail_marks, result->tail_marks);
      result->clear();
      {
        std::lock_guard lock(mutex_);
        spare_.push_back(std::move(result));
      }
    }
    if (!carry.tail.empty()) output(carry.tail);
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    space_.notify_all();
    for (auto& worker : workers)
      worker.join();
    if (!failure.empty()) throw std::runtime_error(failure);
    return stats;
  }

 private:
  ChunkPointer& slot(std::uint64_t index) { return slots_[index % slots_.size()]; }

  // Messages the previous chunk completed past its end interleave, by input position,
  // with the first messages of this chunk. Puts them in `merged` and returns where the
  // rest of the chunk's text, to be written as it is, begins.
  static std::size_t merge(const ChunkResult& previous, const ChunkResult& current,
                           std::string& merged) {
    merged.clear();
    const auto& carry = previous.tail_marks;
    std::size_t next_carry = 0;
    const auto carry_message = [&](std::size_t i) {
      const std::size_t end = i + 1 < carry.size() ? carry[i + 1].second : previous.tail.size();
      return std::string_view(previous.tail).substr(carry[i].second, end - carry[i].second);
    };
    for (std::size_t i = 0; i < current.early.size(); ++i) {
      while (next_carry < carry.size() && carry[next_carry].first < current.early[i].first) {
        merged.append(carry_message(next_carry++));
      }
      const std::size_t end =
          i + 1 < current.early.size() ? current.early[i + 1].second : current.early_end;
      merged.append(current.text, current.early[i].second, end - current.early[i].second);
    }
    while (next_carry < carry.size())
      merged.append(carry_message(next_carry++));
    return current.early.empty() ? 0 : current.early_end;
  }

  // Buffers are reused from chunk to chunk: allocating them afresh cost page faults on
  // every chunk and left the freed ones resident in the allocator's thread arenas.
  void work() {
    std::string input;
    for (;;) {
      std::uint64_t index = 0;
      ChunkPointer result;
      {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return stop_ || next_ >= chunks_ || next_ < written_ + window_; });
        if (stop_ || next_ >= chunks_) return;
        index = next_++;
        if (!spare_.empty()) {
          result = std::move(spare_.back());
          spare_.pop_back();
        }
      }
      if (!result) result = std::make_unique<ChunkResult>();
      try {
        decode_chunk(index, input, *result);
      } catch (const std::exception& e) {
        result->failure = e.what();
      }
      {
        std::lock_guard lock(mutex_);
        slot(index) = std::move(result);
      }
      ready_.notify_all();
    }
  }

  // Reads [begin, end) of the file into `data`, extended to the end of the line holding
  // byte `whole_through` - 1.
  void read_range(std::uint64_t begin, std::uint64_t end, std::uint64_t whole_through,
                  std::string& data) const {
    data.clear();
    std::uint64_t want = end - begin;
    for (;;) {
      const std::size_t had = data.size();
      data.resize(static_cast<std::size_t>(want));
      std::size_t got = had;
      while (got < data.size()) {
        const ssize_t n =
            ::pread(fd_, data.data() + got, data.size() - got, static_cast<off_t>(begin + got));
        if (n < 0) throw std::runtime_error(fmt::format("{}: {}", path_, std::strerror(errno)));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
      }
      data.resize(got);
      const std::size_t from = static_cast<std::size_t>(whole_through - begin);
      if (begin + got >= size_ || got < want ||
          (from > 0 && data.find('\n', from - 1) != std::string::npos)) {
        return;
      }
      if (want > (64u << 20)) {
        throw std::runtime_error(
            fmt::format("{}: a line near byte {} is longer than 64 MiB", path_, begin + had));
      }
      want *= 2;
    }
  }

  void decode_chunk(std::uint64_t index, std::string& data, ChunkResult& result) const {
    const std::uint64_t own_begin = index * chunk_;
    const std::uint64_t own_end = std::min(size_, own_begin + chunk_);
    const std::uint64_t context = options_.context_bytes;
    const std::uint64_t read_begin = own_begin > context ? own_begin - context : 0;
    const std::uint64_t read_end = std::min(size_, own_end + context);
    read_range(read_begin, read_end, own_end, data);
    const std::uint64_t data_end = read_begin + data.size();

    StreamDecoder decoder(options_.stream);
    BufferSink sink(writer_, options_.types);
    // JSON lines run about five times the NMEA they come from; one allocation of that
    // size up front, rather than growth by doubling, whose abandoned steps would stay
    // resident in the thread's arena.
    result.text.reserve(data.size() * kOutputPerInputByte);
    std::size_t pos = 0;
    if (read_begin > 0) {
      // The first line in the buffer is probably cut; start after it.
      const auto newline = data.find('\n');
      pos = newline == std::string::npos ? data.size() : newline + 1;
    }
    std::uint64_t line_number = 0;
    while (pos < data.size()) {
      const std::uint64_t line_start = read_begin + pos;
      auto newline = data.find('\n', pos);
      // A line cut by the end of the buffer is whole only at the end of the file.
      if (newline == std::string::npos) {
        if (data_end < size_) break;
        newline = data.size();
      }
      const std::string_view line(data.data() + pos, newline - pos);
      pos = newline + 1;
      ++line_number;
      if (line_start < own_begin) {
        decoder.set_phase(StreamDecoder::Phase::warm_up);
        sink.out = &result.text;
        sink.marks = nullptr;
      } else if (line_start < own_end) {
        decoder.set_phase(StreamDecoder::Phase::own);
        sink.out = &result.text;
        const bool early = line_start < own_begin + context;
        sink.marks = early ? &result.early : nullptr;
        if (!early && result.early_end == 0 && !result.early.empty()) {
          result.early_end = result.text.size();
        }
      } else {
        if (!decoder.has_own_pending()) break;
        decoder.set_phase(StreamDecoder::Phase::continuation);
        sink.out = &result.tail;
        sink.marks = &result.tail_marks;
      }
      sink.offset = line_start;
      if (line.size() > io::LineSource::kDefaultMaxLine) {
        if (line_start >= own_begin && line_start < own_end) {
          decoder.stats().lines++;
          decoder.stats().error(ErrorKind::junk_line)++;
        }
        continue;
      }
      decoder.feed(line, line_number, sink);
    }
    decoder.set_phase(StreamDecoder::Phase::continuation);
    sink.out = &result.tail;
    sink.marks = &result.tail_marks;
    decoder.finish(sink);
    if (result.early_end == 0 && !result.early.empty()) result.early_end = result.text.size();
    result.stats = decoder.stats();
  }

  const std::string& path_;
  int fd_;
  std::uint64_t size_;
  const MessageWriter& writer_;
  const DecodeFileOptions& options_;
  std::uint64_t chunk_;
  std::uint64_t chunks_;
  std::uint64_t window_ = 3;

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::uint64_t next_ = 0;
  std::uint64_t written_ = 0;
  bool stop_ = false;
  std::array<ChunkPointer, 64> slots_;
  std::vector<ChunkPointer> spare_;
};

}  // namespace

DecodeFileResult decode_file(const std::string& path, const MessageWriter& writer,
                             const DecodeFileOptions& options,
                             const std::function<void(std::string_view)>& output) {
  // A compressed file is inflated in order: its chunks cannot be found without reading it.
  if (path == "-" || options.strict || options.threads <= 1 || io::is_gzip_file(path)) {
    return decode_sequential(path, writer, options, output);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: {}", path, std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) < 2 * options.chunk_bytes) {
    // Pipes, devices and small files gain nothing from splitting.
    ::close(fd);
    return decode_sequential(path, writer, options, output);
  }
  try {
    ParallelDecoder decoder(path, fd, static_cast<std::uint64_t>(info.st_size), writer, options);
    DecodeFileResult result{decoder.run(output), std::nullopt};
    ::close(fd);
    return result;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

}  // namespace vigil::ais
