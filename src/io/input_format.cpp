#include "vigil/io/input_format.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>
#include <simdjson.h>

#include "vigil/io/csv_reader.hpp"
#include "vigil/io/geojson_reader.hpp"
#include "vigil/io/jsonl_reader.hpp"

namespace vigil::io {

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::jsonl:
      return "jsonl";
    case InputFormat::csv:
      return "csv";
    case InputFormat::geojson:
      return "geojson";
  }
  return "csv";
}

std::optional<InputFormat> parse_input_format(std::string_view text) {
  if (text == "jsonl" || text == "ndjson") return InputFormat::jsonl;
  if (text == "csv") return InputFormat::csv;
  if (text == "geojson") return InputFormat::geojson;
  return std::nullopt;
}

InputFormat detect_format(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::size_t i = 0;
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    ++i;
  if (i == head.size() || head[i] != '{') return InputFormat::csv;
  const std::size_t eol = head.find('\n', i);
  const std::string_view first_line =
      head.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i);
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(first_line.data(), first_line.size()).get(element) == simdjson::SUCCESS &&
      element.is_object()) {
    std::string_view type;
    if (element["type"].get(type) == simdjson::SUCCESS && type == "FeatureCollection")
      return InputFormat::geojson;
    return InputFormat::jsonl;
  }
  return InputFormat::geojson;
}

std::unique_ptr<RecordReader> open_reader(const std::string& path,
                                          std::optional<InputFormat> format,
                                          InputFormat* detected) {
  if (!format) {
    if (path == "-")
      throw std::runtime_error("-: reading stdin needs --format (jsonl, csv or geojson)");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
      throw std::runtime_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    std::string head(64 * 1024, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    format = detect_format(head);
  }
  if (detected) *detected = *format;
  switch (*format) {
    case InputFormat::jsonl:
      return std::make_unique<JsonlReader>(path);
    case InputFormat::csv:
      return std::make_unique<CsvReader>(path);
    case InputFormat::geojson:
      return std::make_unique<GeoJsonReader>(path);
  }
  throw std::logic_error("unknown input format");
}

}  // namespace vigil::io
