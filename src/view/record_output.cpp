#include "vigil/view/record_output.hpp"

#include <fmt/format.h>

namespace vigil::view {
namespace {

std::string cell_text(const nlohmann::json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A table row is one line: a line break or tab in a value (a free-text note) becomes a space.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

// Cuts to `width` display columns, counting UTF-8 code points rather than bytes.
std::string fit(const std::string& s, std::size_t width) {
  if (width == kWholeValue) return s;
  std::size_t points = 0, i = 0, cut = std::string::npos;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) continue;
    if (points == width - 1) cut = i;
    if (++points > width) break;
  }
  std::string out = points > width ? s.substr(0, cut) + "\u2026" : s;
  for (std::size_t k = std::min(points, width); k < width; ++k)
    out += ' ';
  return out;
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view text) {
  if (text == "table") return OutputFormat::table;
  if (text == "jsonl") return OutputFormat::jsonl;
  if (text == "csv") return OutputFormat::csv;
  if (text == "geojson") return OutputFormat::geojson;
  return std::nullopt;
}

RecordOutput::RecordOutput(std::ostream& out, OutputFormat format, std::vector<Column> columns)
    : out_(out), format_(format), columns_(std::move(columns)) {}

void RecordOutput::start() {
  started_ = true;
  if (format_ == OutputFormat::table) {
    std::string header;
    for (const auto& c : columns_)
      header += fit(c.name, c.width) + "  ";
    while (!header.empty() && header.back() == ' ')
      header.pop_back();
    out_ << header << "\n";
  } else if (format_ == OutputFormat::csv) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      out_ << (i ? "," : "") << columns_[i].name;
    out_ << "\n";
  } else if (format_ == OutputFormat::geojson) {
    out_ << "{\"type\":\"FeatureCollection\",\"features\":[\n";
  }
}

void RecordOutput::write(const nlohmann::json& object) {
  if (!started_) start();
  switch (format_) {
    case OutputFormat::jsonl:
      out_ << object.dump() << "\n";
      break;
    case OutputFormat::csv:
      for (std::size_t i = 0; i < columns_.size(); ++i)
        out_ << (i ? "," : "")
             << csv_escape(cell_text(object.value(columns_[i].name, nlohmann::json())));
      out_ << "\n";
      break;
    case OutputFormat::table: {
      std::string line;
      for (const auto& c : columns_)
        line += fit(one_line(cell_text(object.value(c.name, nlohmann::json()))), c.width) + "  ";
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      out_ << line << "\n";
      break;
    }
    case OutputFormat::geojson:
      out_ << (count_ ? ",\n" : "") << to_geojson_feature(object).dump();
      break;
  }
  ++count_;
}

void RecordOutput::finish() {
  if (!started_) start();
  if (format_ == OutputFormat::geojson) out_ << "\n]}\n";
  out_.flush();
}

nlohmann::json to_geojson_feature(const nlohmann::json& object) {
  nlohmann::json properties = object;
  nlohmann::json geometry = {{"type", "Point"},
                             {"coordinates", {object.at("lon"), object.at("lat")}}};
  if (const auto g = object.find("geometry"); g != object.end() && !g->is_null()) geometry = *g;
  properties.erase("lat");
  properties.erase("lon");
  properties.erase("geometry");
  return {{"type", "Feature"},
          {"id", object.value("id", nlohmann::json())},
          {"geometry", std::move(geometry)},
          {"properties", std::move(properties)}};
}

}  // namespace vigil::view
