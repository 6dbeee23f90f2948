#include "vigil/io/geojson_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/io/jsonl_reader.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::io {
namespace {

std::uint64_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace

std::vector<std::size_t> feature_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  int depth = 0;
  bool in_string = false, escaped = false, collecting = false;
  std::size_t string_start = 0;
  std::string_view last_key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        if (depth == 1) last_key = text.substr(string_start, i - string_start);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        string_start = i + 1;
        break;
      case '{':
      case '[':
        if (depth == 0 && c == '{') offsets = {i};  // a lone Feature, unless "features" follows
        if (depth == 1 && c == '[' && last_key == "features") {
          collecting = true;
          offsets.clear();
        } else if (depth == 2 && collecting && c == '{') {
          offsets.push_back(i);
        }
        ++depth;
        break;
      case '}':
      case ']':
        --depth;
        if (depth == 1) collecting = false;
        break;
      case ':':
        break;
      case ',':
        if (depth == 1) last_key = {};
        break;
      default:
        break;
    }
  }
  return offsets;
}

GeoJsonReader::GeoJsonReader(const std::string& path) : path_(path) {
  text_ = simdjson::padded_string(read_whole_file(path, kMaxBytes));
  simdjson::dom::element root;
  if (auto err = parser_.parse(text_).get(root); err) {
    // simdjson does not say where; nlohmann does, on this rare path.
    std::size_t offset = 0;
    try {
      [[maybe_unused]] const auto parsed = nlohmann::json::parse(std::string_view(text_));
    } catch (const nlohmann::json::parse_error& e) {
      offset = e.byte > 0 ? e.byte - 1 : 0;
    } catch (const nlohmann::json::exception&) {
      // Other nlohmann errors (a number too large for a double) carry no position.
    }
    throw std::runtime_error(fmt::format("{}:{}: not valid JSON: {}", path, line_of(text_, offset),
                                         simdjson::error_message(err)));
  }
  std::string_view type;
  if (!root.is_object() || root["type"].get(type) != simdjson::SUCCESS)
    throw std::runtime_error(fmt::format("{}:1: not a GeoJSON object (no \"type\")", path));
  if (type == "Feature") {
    features_.push_back(root);
  } else if (type == "FeatureCollection") {
    simdjson::dom::array array;
    if (root["features"].get(array) != simdjson::SUCCESS)
      throw std::runtime_error(
          fmt::format("{}:1: FeatureCollection without a \"features\" array", path));
    for (auto feature : array)
      features_.push_back(feature);
  } else {
    throw std::runtime_error(fmt::format(
        "{}:1: GeoJSON of type {} holds no point observations; expected FeatureCollection or "
        "Feature",
        path, type));
  }
  feature_offsets_ = feature_offsets(text_);
  if (feature_offsets_.size() != features_.size()) feature_offsets_.assign(features_.size(), 0);
}

std::uint64_t GeoJsonReader::line_at(std::size_t offset) {
  if (offset < line_offset_) {
    line_offset_ = 0;
    line_ = 1;
  }
  const std::string_view text(text_);
  line_ += static_cast<std::uint64_t>(
      std::count(text.begin() + static_cast<std::ptrdiff_t>(line_offset_),
                 text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  line_offset_ = offset;
  return line_;
}

std::uint64_t GeoJsonReader::bytes_read() const {
  return next_feature_ < feature_offsets_.size() ? feature_offsets_[next_feature_] : text_.size();
}

ReadStatus GeoJsonReader::next(RawRecord& record, RecordError& error) {
  if (next_feature_ >= features_.size()) return ReadStatus::end;
  const std::size_t index = next_feature_++;
  record.fields.clear();
  record.line = line_at(feature_offsets_[index]);
  error = RecordError{record.line, {}, {}};
  simdjson::dom::element feature = features_[index];
  std::string_view type;
  if (!feature.is_object() || feature["type"].get(type) != simdjson::SUCCESS || type != "Feature") {
    error.field = "type";
    error.message = fmt::format("feature {} is not a GeoJSON Feature", index + 1);
    return ReadStatus::error;
  }
  if (!record_from_json_object(feature, record, error)) return ReadStatus::error;
  return ReadStatus::record;
}

}  // namespace vigil::io
