#include "vigil/ais/decode_stats.hpp"

#include <fmt/format.h>

namespace vigil::ais {

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::checksum:
      return "checksum";
    case ErrorKind::malformed:
      return "malformed";
    case ErrorKind::tag_block:
      return "tag_block";
    case ErrorKind::fill_bits:
      return "fill_bits";
    case ErrorKind::bad_payload:
      return "bad_payload";
    case ErrorKind::bit_count:
      return "bit_count";
    case ErrorKind::orphan_fragment:
      return "orphan_fragment";
    case ErrorKind::unknown_type:
      return "unknown_type";
    case ErrorKind::junk_line:
      return "junk_line";
  }
  return "unknown";
}

std::uint64_t DecodeStats::error_total() const {
  std::uint64_t total = 0;
  for (const auto count : errors)
    total += count;
  return total;
}

void DecodeStats::merge(const DecodeStats& other) {
  lines += other.lines;
  sentences += other.sentences;
  other_sentences += other.other_sentences;
  comments += other.comments;
  messages += other.messages;
  for (std::size_t i = 0; i < messages_by_type.size(); ++i) {
    messages_by_type[i] += other.messages_by_type[i];
  }
  for (std::size_t i = 0; i < errors.size(); ++i)
    errors[i] += other.errors[i];
}

nlohmann::json DecodeStats::to_json() const {
  nlohmann::json types = nlohmann::json::object();
  for (std::size_t i = 0; i < messages_by_type.size(); ++i) {
    if (messages_by_type[i] != 0) types[std::to_string(i)] = messages_by_type[i];
  }
  nlohmann::json error_counts = nlohmann::json::object();
  for (std::size_t i = 0; i < errors.size(); ++i) {
    error_counts[std::string(error_kind_name(static_cast<ErrorKind>(i)))] = errors[i];
  }
  return {{"lines", lines},        {"sentences", sentences}, {"other_sentences", other_sentences},
          {"comments", comments},  {"messages", messages},   {"types", types},
          {"errors", error_counts}};
}

std::string DecodeStats::to_text() const {
  std::string text =
      fmt::format("{} lines, {} AIS sentences, {} messages decoded", lines, sentences, messages);
  if (other_sentences != 0) text += fmt::format(", {} other sentences", other_sentences);
  text += "\nmessages by type:";
  for (std::size_t i = 0; i < messages_by_type.size(); ++i) {
    if (messages_by_type[i] != 0) text += fmt::format(" {}:{}", i, messages_by_type[i]);
  }
  text += fmt::format("\nerrors: {}", error_total());
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (errors[i] != 0) {
      text += fmt::format(" {}:{}", error_kind_name(static_cast<ErrorKind>(i)), errors[i]);
    }
  }
  return text + "\n";
}

}  // namespace vigil::ais
