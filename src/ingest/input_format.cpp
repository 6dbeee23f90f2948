#include "vigil/ingest/input_format.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>
#include <simdjson.h>

#include "vigil/ingest/position_records.hpp"
#include "vigil/io/csv_reader.hpp"
#include "vigil/io/geojson_reader.hpp"
#include "vigil/io/input_file.hpp"
#include "vigil/io/jsonl_reader.hpp"

namespace vigil::ingest {

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::jsonl:
      return "jsonl";
    case InputFormat::csv:
      return "csv";
    case InputFormat::geojson:
      return "geojson";
    case InputFormat::nmea:
      return "nmea";
    case InputFormat::ais_csv:
      return "ais-csv";
  }
  return "csv";
}

std::optional<InputFormat> parse_input_format(std::string_view text) {
  if (text == "jsonl" || text == "ndjson") return InputFormat::jsonl;
  if (text == "csv") return InputFormat::csv;
  if (text == "geojson") return InputFormat::geojson;
  if (text == "nmea") return InputFormat::nmea;
  if (text == "ais-csv") return InputFormat::ais_csv;
  return std::nullopt;
}

InputFormat detect_format(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  // NMEA logs may open with '#' comments (a CSV header may start with '#' too, but its
  // data lines do not start with '!', '\\' or '$').
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t eol = head.find('\n', at);
    std::string_view line = head.substr(at, eol == std::string_view::npos ? eol : eol - at);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (!line.empty() && line.front() != '\r' && line.front() != '#') {
      if (line.front() == '!' || line.front() == '\\' || line.front() == '$') {
        return InputFormat::nmea;
      }
      break;
    }
    if (eol == std::string_view::npos) break;
    at = eol + 1;
  }
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

std::unique_ptr<io::RecordReader> open_reader(const std::string& path,
                                              std::optional<InputFormat> format,
                                              InputFormat* detected) {
  const bool explicit_format = format.has_value();
  if (!format) {
    if (path == "-")
      throw std::runtime_error(
          "-: reading stdin needs --format (jsonl, csv, geojson, nmea or ais-csv)");
    io::InputFile input(path);
    std::string head(64 * 1024, '\0');
    std::size_t got = 0;
    while (got < head.size()) {
      const std::size_t n = input.read(head.data() + got, head.size() - got);
      if (n == 0) break;
      got += n;
    }
    head.resize(got);
    format = detect_format(head);
  }
  if (detected) *detected = *format;
  switch (*format) {
    case InputFormat::jsonl:
      return std::make_unique<io::JsonlReader>(path);
    case InputFormat::csv: {
      auto csv = std::make_unique<io::CsvReader>(path);
      // A recognised AIS export is read with its own column meanings unless the user
      // asked for plain CSV.
      if (!explicit_format) {
        if (const auto layout = ingest::detect_ais_csv_layout(csv->header())) {
          if (detected) *detected = InputFormat::ais_csv;
          return std::make_unique<ingest::AisCsvRecordReader>(std::move(csv), *layout);
        }
      }
      return csv;
    }
    case InputFormat::ais_csv: {
      auto csv = std::make_unique<io::CsvReader>(path);
      const auto layout = ingest::detect_ais_csv_layout(csv->header());
      if (!layout) {
        throw std::runtime_error(
            fmt::format("{}: header is not a known AIS export (DMA aisdk, NOAA MarineCadastre, "
                        "Digitraffic)",
                        path));
      }
      return std::make_unique<ingest::AisCsvRecordReader>(std::move(csv), *layout);
    }
    case InputFormat::nmea:
      return std::make_unique<ingest::NmeaRecordReader>(path);
    case InputFormat::geojson:
      return std::make_unique<io::GeoJsonReader>(path);
  }
  throw std::logic_error("unknown input format");
}

}  // namespace vigil::ingest
