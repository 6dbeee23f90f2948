#include "vigil/io/csv_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <simdjson.h>

#include "vigil/io/json_value.hpp"

namespace vigil::io {
namespace {

constexpr std::size_t kMaxRecordLines = 1000;  // a quote left open runs to the end otherwise

char detect_delimiter(std::string_view header) {
  const auto commas = std::count(header.begin(), header.end(), ',');
  const auto semicolons = std::count(header.begin(), header.end(), ';');
  const auto tabs = std::count(header.begin(), header.end(), '\t');
  if (tabs > commas && tabs > semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : lines_(path) {
  std::string_view line;
  for (;;) {
    const auto result = lines_.next(line);
    if (result == LineSource::Result::end) return;  // an empty file has no records
    if (result == LineSource::Result::too_long)
      throw std::runtime_error(fmt::format("{}:{}: header line too long", path, 1));
    if (!trim(line).empty()) break;
  }
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // BOM
  delimiter_ = detect_delimiter(line);
  RecordError error;
  if (!split_record(line, header_, error))
    throw std::runtime_error(fmt::format("{}:{}: header: {}", path, error.line, error.message));
  for (std::size_t i = 0; i < header_.size(); ++i) {
    header_[i] = std::string(trim(header_[i]));
    if (header_[i].empty())
      throw std::runtime_error(
          fmt::format("{}:{}: header: column {} has no name", path, lines_.line_number(), i + 1));
    if (!simdjson::validate_utf8(header_[i].data(), header_[i].size()))
      throw std::runtime_error(fmt::format("{}:{}: header: column {} is not valid UTF-8", path,
                                           lines_.line_number(), i + 1));
    for (std::size_t j = 0; j < i; ++j)
      if (header_[j] == header_[i])
        throw std::runtime_error(fmt::format("{}:{}: header: column '{}' appears twice", path,
                                             lines_.line_number(), header_[i]));
  }
}

bool CsvReader::split_record(std::string_view first_line, std::vector<std::string>& cells,
                             RecordError& error) {
  cells.clear();
  error.line = lines_.line_number();
  std::string cell;
  bool in_quotes = false;
  bool was_quoted = false;
  std::string_view line = first_line;
  std::size_t extra_lines = 0;
  for (;;) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          cell += c;
        }
      } else if (c == delimiter_) {
        cells.push_back(was_quoted ? std::move(cell) : std::string(trim(cell)));
        cell.clear();
        was_quoted = false;
      } else if (was_quoted) {  // only blanks may follow a closing quote
        if (c != ' ' && c != '\t') {
          error.message = fmt::format("field {}: text after a closing quote", cells.size() + 1);
          return false;
        }
      } else if (c == '"' && trim(cell).empty()) {
        cell.clear();
        in_quotes = was_quoted = true;
      } else {
        cell += c;
      }
    }
    if (!in_quotes) break;
    // A quoted field continues on the next line.
    if (++extra_lines > kMaxRecordLines) {
      error.message = "a quoted field is never closed";
      return false;
    }
    const auto result = lines_.next(line);
    if (result == LineSource::Result::end) {
      error.message = "a quoted field is never closed before the end of the file";
      return false;
    }
    if (result == LineSource::Result::too_long) {
      error.message = "line too long inside a quoted field";
      return false;
    }
    cell += '\n';
  }
  cells.push_back(was_quoted ? std::move(cell) : std::string(trim(cell)));
  return true;
}

ReadStatus CsvReader::next(RawRecord& record, RecordError& error) {
  std::string_view line;
  for (;;) {
    if (const auto status = next_record_line(lines_, record, error, line);
        status != ReadStatus::record)
      return status;
    if (trim(line).empty()) continue;
    if (!split_record(line, cells_, error)) {
      error.line = record.line;
      return ReadStatus::error;
    }
    if (cells_.size() != header_.size()) {
      error.message =
          fmt::format("{} fields where the header has {}", cells_.size(), header_.size());
      return ReadStatus::error;
    }
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (!simdjson::validate_utf8(cells_[i].data(), cells_[i].size())) {
        error.field = header_[i];
        error.message = "not valid UTF-8";
        return ReadStatus::error;
      }
      record.fields.emplace_back(header_[i], infer_cell_value(cells_[i]));
    }
    return ReadStatus::record;
  }
}

}  // namespace vigil::io
