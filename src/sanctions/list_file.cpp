#include <charconv>
#include <fstream>

#include <fmt/format.h>

#include "list_readers.hpp"
#include "vigil/io/csv_reader.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::sanctions {
namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return std::string(text);
}

bool has(const std::vector<std::string>& header, std::string_view name) {
  for (const auto& column : header)
    if (trim(column) == name) return true;
  return false;
}

ListFormat detect(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ListError(fmt::format("{}: cannot open", path));
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const auto first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  if (first != std::string::npos && head[first] == '{') {
    // FollowTheMoney is one entity per line, each with a "schema"; OFAC's JSON is one document.
    const std::string first_line = head.substr(first, head.find('\n', first) - first);
    if (first_line.find("\"schema\"") != std::string::npos &&
        first_line.find("\"properties\"") != std::string::npos)
      return ListFormat::ftm;
    return ListFormat::ofac_json;
  }
  // The header row, split at ',' or ';' (quotes do not occur in the headers of these lists).
  std::string first_line = head.substr(first == std::string::npos ? 0 : first);
  first_line = first_line.substr(0, first_line.find('\n'));
  std::vector<std::string> header(1);
  for (const char c : first_line) {
    if (c == ',' || c == ';') {
      header.emplace_back();
    } else if (c != '"') {
      header.back().push_back(c);
    }
  }
  for (auto& column : header)
    column = to_utf8(trim(column));
  if (has(header, "Vessel name") && has(header, "IMO number")) return ListFormat::eu_annex_xlii;
  // OFAC's sdn.csv has no header: ent_num, "name", "type", ... twelve fields.
  if (const auto fields = detail::split_delimited(first_line, ',');
      fields.size() == 12 && !fields[0].empty() &&
      fields[0].find_first_not_of("0123456789") == std::string::npos)
    return ListFormat::ofac_sdn_csv;
  if (has(header, "gur_id") && has(header, "imo")) return ListFormat::gur;
  if (has(header, "imo") && (has(header, "ofac") || has(header, "eu") || has(header, "uk")))
    return ListFormat::imo_table;
  throw ListError(fmt::format(
      "{}:1: not a sanctions list vigil knows (OFAC vessels JSON, OFAC sdn.csv, OpenSanctions "
      "FollowTheMoney JSON lines, EU Annex "
      "XLII CSV, GUR CSV, IMO table with ofac/uk/eu columns); header: {}",
      path, first_line.substr(0, 160)));
}

LoadedList read_list_as(const std::string& path, ListFormat f);

}  // namespace

std::string_view to_string(ListFormat format) {
  switch (format) {
    case ListFormat::ofac_json:
      return "ofac-json";
    case ListFormat::eu_annex_xlii:
      return "eu-annex-xlii";
    case ListFormat::gur:
      return "gur";
    case ListFormat::imo_table:
      return "imo-table";
    case ListFormat::ofac_sdn_csv:
      return "ofac-sdn-csv";
    case ListFormat::ftm:
      return "ftm";
  }
  return "?";
}

std::optional<ListFormat> parse_list_format(std::string_view text) {
  for (const auto format : {ListFormat::ofac_json, ListFormat::eu_annex_xlii, ListFormat::gur,
                            ListFormat::imo_table, ListFormat::ofac_sdn_csv, ListFormat::ftm})
    if (to_string(format) == text) return format;
  return std::nullopt;
}

LoadedList read_list(const std::string& path, std::optional<ListFormat> format) {
  try {
    return read_list_as(path, format ? *format : detect(path));
  } catch (const ListError&) {
    throw;
  } catch (const std::runtime_error& e) {
    // The CSV reader's own refusals (a header that is not UTF-8, an unreadable file).
    throw ListError(e.what());
  }
}

namespace {

LoadedList read_list_as(const std::string& path, ListFormat f) {
  LoadedList list;
  switch (f) {
    case ListFormat::ofac_json:
      list = detail::read_ofac_json(path);
      break;
    case ListFormat::eu_annex_xlii:
      list = detail::read_eu_annex_xlii(path);
      break;
    case ListFormat::gur:
      list = detail::read_gur(path);
      break;
    case ListFormat::imo_table:
      list = detail::read_imo_table(path);
      break;
    case ListFormat::ofac_sdn_csv:
      list = detail::read_ofac_sdn_csv(path);
      break;
    case ListFormat::ftm:
      list = detail::read_ftm(path);
      break;
  }
  list.format = f;
  return list;
}

}  // namespace

std::optional<std::int64_t> parse_imo(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (!digits.empty()) {
      break;  // "9179842 (formerly ...)": the first run of digits
    }
  }
  if (digits.size() != 7) return std::nullopt;
  const std::int64_t imo = std::stoll(digits);
  // Leading zeros are kept by some tables ("0363464"); the check digit decides.
  std::int64_t sum = 0;
  for (int i = 0; i < 6; ++i)
    sum += (digits[static_cast<std::size_t>(i)] - '0') * (7 - i);
  if (sum % 10 != digits[6] - '0') return std::nullopt;
  return imo;
}

std::string to_utf8(std::string_view text) {
  std::size_t i = 0;
  bool valid = true;
  while (i < text.size() && valid) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80         ? 1
                         : (c >> 5) == 6  ? 2
                         : (c >> 4) == 14 ? 3
                         : (c >> 3) == 30 ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) {
      valid = false;
      break;
    }
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) valid = false;
    i += length;
  }
  if (valid) return std::string(text);
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xc0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return out;
}

namespace detail {

std::string clean_text(std::string_view text) {
  const std::string utf8 = to_utf8(text);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8[i] == '\xc2' && i + 1 < utf8.size() && utf8[i + 1] == '\xa0') {
      out.push_back(' ');  // the EU's "formerly\u00a0X"
      ++i;
    } else if (utf8[i] != '\r') {
      out.push_back(utf8[i]);
    }
  }
  return trim(out);
}

std::vector<std::string> split_names(std::string_view text, std::string_view separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    std::string part = trim(text.substr(start, end - start));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + separator.size();
  }
  return out;
}

void for_each_csv_row(
    const std::string& path, std::initializer_list<std::string_view> required,
    const std::function<void(const io::RawRecord&, const std::vector<std::string>&)>& visit) {
  io::CsvReader csv(path);
  io::RawRecord row;
  io::RecordError error;
  bool checked = false;
  for (;;) {
    const auto status = csv.next(row, error);  // the first call reads the header too
    if (!checked) {
      require_columns(path, csv.header(), required);
      checked = true;
    }
    if (status == io::ReadStatus::end) return;
    if (status == io::ReadStatus::error)
      throw ListError(fmt::format("{}:{}: {}", path, error.line, error.message));
    visit(row, csv.header());
  }
}

void for_each_line(const std::string& path, std::string_view blank,
                   const std::function<void(std::uint64_t, std::string_view)>& visit) {
  io::LineSource lines(path);
  std::string_view line;
  for (;;) {
    const auto result = lines.next(line);
    if (result == io::LineSource::Result::end) return;
    const std::uint64_t number = lines.line_number();
    if (result == io::LineSource::Result::too_long)
      throw ListError(fmt::format("{}:{}: line too long", path, number));
    if (line.find_first_not_of(blank) == std::string_view::npos) continue;
    visit(number, line);
  }
}

std::vector<std::string> split_delimited(std::string_view line, char delimiter) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == delimiter && !quoted) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

std::string cell_text(const io::RawRecord& row, std::string_view column) {
  for (const auto& [name, value] : row.fields) {
    if (trim(name) != column) continue;
    if (value.is_string()) return clean_text(value.get<std::string>());
    if (value.is_number_integer()) return value.dump();
    if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
    if (value.is_number()) return value.dump();
    return {};
  }
  return {};
}

void require_columns(const std::string& path, const std::vector<std::string>& header,
                     std::initializer_list<std::string_view> required) {
  for (const auto name : required)
    if (!has(header, name))
      throw ListError(
          fmt::format("{}:1: no column '{}' (header: {})", path, name, fmt::join(header, ",")));
}

std::vector<std::uint32_t> parse_mmsis(std::string_view text, std::uint64_t line,
                                       std::vector<ListWarning>& warnings) {
  std::vector<std::uint32_t> out;
  std::string digits;
  const auto flush = [&] {
    if (digits.empty()) return;
    if (digits.size() == 9 && digits[0] == '0') {
      // 0 and 00 start group calls and coast stations: not a vessel, and more likely an
      // IMO number padded into the MMSI column.
      warnings.push_back(
          {line, fmt::format("MMSI '{}' is not a ship's (it starts with 0); left out", digits)});
    } else if (digits.size() == 9) {
      out.push_back(static_cast<std::uint32_t>(std::stoul(digits)));
    } else {
      warnings.push_back({line, fmt::format("MMSI '{}' is not nine digits; left out", digits)});
    }
    digits.clear();
  };
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

void set_imo(ListEntry& entry, std::string_view text, std::vector<ListWarning>& warnings) {
  if (text.empty()) return;
  entry.imo = parse_imo(text);
  if (!entry.imo)
    warnings.push_back(
        {entry.line, fmt::format("IMO '{}' of '{}' is not a valid IMO number (7 digits, check "
                                 "digit); the entry is kept without it",
                                 text, entry.name)});
}

void set_build_year(ListEntry& entry, std::string_view text, std::vector<ListWarning>& warnings) {
  if (text.empty()) return;
  // One year ("2003"), a date ("2003-05-01"), or the years of a ship rebuilt ("2011 / 2015"):
  // the first is when the hull was built.
  std::optional<int> earliest;
  bool readable = true;
  for (const auto& part : split_names(std::string(text), " / ")) {
    int year = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), year);
    const auto used = static_cast<std::size_t>(end - part.data());
    const bool whole = used == 4 && (part.size() == 4 || (part.size() >= 7 && part[4] == '-'));
    if (error != std::errc() || !whole || year < 1900 || year > 2100) {
      readable = false;
      break;
    }
    earliest = std::min(year, earliest.value_or(year));
  }
  if (!readable || !earliest) {
    warnings.push_back({entry.line, fmt::format("build year '{}' of '{}' is not a year; the "
                                                "entry is kept without it",
                                                text, entry.name)});
    return;
  }
  entry.build_year = earliest;
}

}  // namespace detail
}  // namespace vigil::sanctions
