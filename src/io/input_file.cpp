#include "vigil/io/input_file.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace vigil::io {
namespace {

constexpr unsigned char kGzipMagic[2] = {0x1f, 0x8b};
constexpr std::size_t kCompressedChunk = 1u << 18;

bool starts_gzip(const char* bytes, std::size_t size) {
  return size >= 2 && static_cast<unsigned char>(bytes[0]) == kGzipMagic[0] &&
         static_cast<unsigned char>(bytes[1]) == kGzipMagic[1];
}

}  // namespace

struct InputFile::Inflater {
  z_stream stream{};
  std::vector<char> input = std::vector<char>(kCompressedChunk);
  bool member_ended = false;  // the last member ended; another may follow (concatenated .gz)
  bool input_ended = false;

  Inflater() {
    // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
      throw std::runtime_error("cannot initialise zlib");
  }
  ~Inflater() { inflateEnd(&stream); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
};

InputFile::InputFile(const std::string& path) : path_(path) {
  if (path == "-") {
    file_ = stdin;
  } else {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_)
      throw std::runtime_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    owns_file_ = true;
  }
  char head[2];
  const std::size_t n = read_raw(head, sizeof head);
  peeked_.assign(head, n);
  compressed_ = starts_gzip(head, n);
  if (compressed_) {
    inflater_ = std::make_unique<Inflater>();
    std::memcpy(inflater_->input.data(), head, n);
    inflater_->stream.next_in = reinterpret_cast<Bytef*>(inflater_->input.data());
    inflater_->stream.avail_in = static_cast<uInt>(n);
    peeked_.clear();
  }
}

InputFile::~InputFile() {
  if (owns_file_ && file_) std::fclose(file_);
}

std::size_t InputFile::read_raw(char* into, std::size_t size) {
  const std::size_t n = std::fread(into, 1, size, file_);
  if (n == 0 && std::ferror(file_))
    throw std::runtime_error(fmt::format("{}: read error: {}", path_, std::strerror(errno)));
  return n;
}

std::size_t InputFile::read(char* into, std::size_t size) {
  if (size == 0) return 0;
  if (!compressed_) {
    std::size_t n = 0;
    if (!peeked_.empty()) {
      n = std::min(size, peeked_.size());
      std::memcpy(into, peeked_.data(), n);
      peeked_.erase(0, n);
      if (n == size) return n;
    }
    return n + read_raw(into + n, size - n);
  }
  Inflater& z = *inflater_;
  z.stream.next_out = reinterpret_cast<Bytef*>(into);
  z.stream.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
  while (z.stream.avail_out > 0) {
    if (z.stream.avail_in == 0 && !z.input_ended) {
      const std::size_t n = read_raw(z.input.data(), z.input.size());
      z.input_ended = n == 0;
      z.stream.next_in = reinterpret_cast<Bytef*>(z.input.data());
      z.stream.avail_in = static_cast<uInt>(n);
    }
    if (z.stream.avail_in == 0) {
      if (!z.member_ended)
        throw std::runtime_error(
            fmt::format("{}: the compressed data ends early (truncated "
                        "gzip file)",
                        path_));
      break;
    }
    if (z.member_ended) {
      // Another gzip member follows: one file may be several compressed files joined.
      if (inflateReset(&z.stream) != Z_OK)
        throw std::runtime_error(fmt::format("{}: cannot restart zlib", path_));
      z.member_ended = false;
    }
    const int status = inflate(&z.stream, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      z.member_ended = true;
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      throw std::runtime_error(fmt::format("{}: corrupt gzip data: {}", path_,
                                           z.stream.msg ? z.stream.msg : zError(status)));
    }
  }
  return size - z.stream.avail_out;
}

bool is_gzip_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char head[2];
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return starts_gzip(head, n);
}

}  // namespace vigil::io
