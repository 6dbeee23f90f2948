#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

namespace vigil::io {

// The bytes of an input file (or stdin for "-"), gzip-compressed or not: a file that starts
// with gzip's magic bytes is inflated as it is read, whatever its name, so that every reader
// takes the .gz exports the sources publish (MarineCadastre, GFW) as they come.
class InputFile {
 public:
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Up to `size` bytes of content; 0 at the end. Throws std::runtime_error naming the file on
  // a read error, corrupt compressed data, or a compressed stream cut short.
  std::size_t read(char* into, std::size_t size);

  bool compressed() const { return compressed_; }
  const std::string& path() const { return path_; }

 private:
  struct Inflater;
  std::size_t read_raw(char* into, std::size_t size);

  std::string path_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool compressed_ = false;
  std::string peeked_;  // bytes read to recognise the format, handed out first when plain
  std::unique_ptr<Inflater> inflater_;
};

// Whether the file at `path` starts with gzip's magic bytes (false when it cannot be read).
bool is_gzip_file(const std::string& path);

}  // namespace vigil::io
