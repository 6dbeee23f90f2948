#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ais/message_writer.hpp"
#include "vigil/ais/stream_decoder.hpp"

namespace vigil::test {

// Where the shared AIS data lives; tests using it skip when it is absent.
inline std::filesystem::path shared_ais_dir() {
  return std::filesystem::path(VIGIL_SHARED_DATA) / "ais";
}

struct DecodedText {
  std::vector<nlohmann::json> messages;
  std::vector<std::pair<std::uint64_t, ais::ErrorKind>> errors;
  ais::DecodeStats stats;
};

// Decodes NMEA text line by line through the JSON writer and parses the output back.
inline DecodedText decode_text(const std::string& text, ais::StreamOptions options = {}) {
  struct Sink final : ais::MessageSink {
    DecodedText* result = nullptr;
    ais::JsonMessageWriter writer;
    std::string buffer;
    void on_message(const ais::Message& message, const ais::Provenance& provenance,
                    std::uint64_t /*line*/) override {
      buffer.clear();
      writer.write(message, provenance, buffer);
      result->messages.push_back(nlohmann::json::parse(buffer));
    }
    void on_error(std::uint64_t line, ais::ErrorKind kind) override {
      result->errors.emplace_back(line, kind);
    }
  };
  DecodedText result;
  Sink sink;
  sink.result = &result;
  ais::StreamDecoder decoder(options);
  std::istringstream in(text);
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line))
    decoder.feed(line, ++number, sink);
  decoder.finish(sink);
  result.stats = decoder.stats();
  return result;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace vigil::test
