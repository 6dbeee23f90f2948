#include <zlib.h>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "support/temp_dir.hpp"
#include "vigil/io/input_file.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::io {
namespace {

std::string compress(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string write(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
  return dir.write(name, bytes);
}

std::vector<std::string> lines_of(const std::string& path) {
  LineSource source(path);
  std::vector<std::string> lines;
  std::string_view line;
  while (source.next(line) == LineSource::Result::line)
    lines.emplace_back(line);
  return lines;
}

// Text long enough to need several reads of the compressed input and of the output.
std::string many_lines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += "!AIVDM,1,1,,A,line " + std::to_string(i) + ",0*00\n";
  return text;
}

TEST(InputFile, GzipIsInflatedWhateverTheFileIsCalledAndPlainFilesPassThrough) {
  test::TempDir dir;
  const std::string text = many_lines(200'000);
  const auto gz = write(dir, "positions.csv", compress(text));  // no .gz in the name
  const auto plain = write(dir, "positions.txt", text);
  EXPECT_TRUE(is_gzip_file(gz));
  EXPECT_FALSE(is_gzip_file(plain));
  EXPECT_EQ(read_whole_file(gz, 64u << 20), text);
  EXPECT_EQ(read_whole_file(plain, 64u << 20), text);
  const auto lines = lines_of(gz);
  ASSERT_EQ(lines.size(), 200'000u);
  EXPECT_EQ(lines.back(), "!AIVDM,1,1,,A,line 199999,0*00");
  InputFile input(gz);
  EXPECT_TRUE(input.compressed());
}

TEST(InputFile, ConcatenatedMembersReadAsOneFile) {
  test::TempDir dir;
  const auto path = write(dir, "joined.gz", compress("a\nb\n") + compress("c\n"));
  EXPECT_EQ(read_whole_file(path, 1024), "a\nb\nc\n");
}

TEST(InputFile, TruncatedOrCorruptCompressedDataIsAnErrorNamingTheFile) {
  test::TempDir dir;
  const std::string gz = compress(many_lines(1'000));
  const auto truncated = write(dir, "cut.gz", gz.substr(0, gz.size() / 2));
  try {
    read_whole_file(truncated, 64u << 20);
    FAIL() << "a truncated file was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cut.gz: the compressed data ends early"),
              std::string::npos)
        << e.what();
  }
  std::string damaged = gz;
  for (std::size_t i = 20; i < 60; ++i)
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
  const auto corrupt = write(dir, "bad.gz", damaged);
  EXPECT_THROW(lines_of(corrupt), std::runtime_error);
}

TEST(InputFile, TheSizeLimitAppliesToTheInflatedContent) {
  test::TempDir dir;
  const auto path = write(dir, "big.gz", compress(std::string(3u << 20, 'x')));
  EXPECT_THROW(read_whole_file(path, 2u << 20), std::runtime_error);
}

TEST(InputFile, ShortFilesAndEmptyFiles) {
  test::TempDir dir;
  EXPECT_EQ(read_whole_file(write(dir, "one", "x"), 16), "x");
  EXPECT_EQ(read_whole_file(write(dir, "none", ""), 16), "");
  EXPECT_FALSE(is_gzip_file(dir.file("missing")));
  EXPECT_THROW(InputFile(dir.file("missing")), std::runtime_error);
}

}  // namespace
}  // namespace vigil::io
