#include "vigil/ais/message_writer.hpp"

#include "vigil/io/text_escape.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace vigil::ais {
namespace {

using io::append_csv_cell;
using io::append_json_string;

constexpr std::array<std::int64_t, 10> kPowersOfTen = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

// "\"name\":" for every field, built once.
const std::array<std::string, static_cast<std::size_t>(FieldName::count)>& json_keys() {
  static const auto keys = [] {
    std::array<std::string, static_cast<std::size_t>(FieldName::count)> table;
    for (std::size_t i = 0; i < table.size(); ++i) {
      // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "\"" + std::string.
      const std::string_view name = field_name(static_cast<FieldName>(i));
      table[i].reserve(name.size() + 3);
      table[i].append(1, '"').append(name).append("\":");
    }
    return table;
  }();
  return keys;
}

void append_key(std::string& out, FieldName name) {
  out.append(json_keys()[static_cast<std::size_t>(name)]);
}

void append_value(std::string& out, const Message& message, const Field& field, bool json) {
  switch (field.kind) {
    case FieldKind::integer:
      append_integer(out, field.integer);
      break;
    case FieldKind::decimal:
      append_fixed(out, field.decimal, field.decimals);
      break;
    case FieldKind::boolean:
      out.append(field.boolean ? "true" : "false");
      break;
    case FieldKind::text:
      if (json) {
        append_json_string(out, message.text_of(field));
      } else {
        append_csv_cell(out, message.text_of(field));
      }
      break;
  }
}

}  // namespace

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_fixed(std::string& out, double value, int decimals) {
  if (!std::isfinite(value) || std::fabs(value) > 1e15) {
    out.append("null");
    return;
  }
  const std::int64_t scale = kPowersOfTen[static_cast<std::size_t>(decimals)];
  const auto scaled = static_cast<std::int64_t>(std::llround(value * static_cast<double>(scale)));
  std::uint64_t magnitude =
      scaled < 0 ? static_cast<std::uint64_t>(-scaled) : static_cast<std::uint64_t>(scaled);
  if (scaled < 0) out.push_back('-');
  const auto whole = magnitude / static_cast<std::uint64_t>(scale);
  append_integer(out, static_cast<std::int64_t>(whole));
  if (decimals == 0) return;
  out.push_back('.');
  auto fraction = magnitude % static_cast<std::uint64_t>(scale);
  char digits[10];
  for (int i = decimals - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(digits, static_cast<std::size_t>(decimals));
}

void JsonMessageWriter::write(const Message& message, const Provenance& provenance,
                              std::string& out) const {
  out.push_back('{');
  bool first = true;
  for (const Field& field : message) {
    if (!first) out.push_back(',');
    first = false;
    append_key(out, field.name);
    append_value(out, message, field, true);
  }
  if (provenance.time) {
    out.push_back(',');
    append_key(out, FieldName::time);
    char buffer[kRfc3339Capacity];
    out.push_back('"');
    out.append(buffer, format_rfc3339_to(*provenance.time, buffer));
    out.push_back('"');
  }
  if (!provenance.station.empty()) {
    out.push_back(',');
    append_key(out, FieldName::station);
    append_json_string(out, provenance.station);
  }
  if (!provenance.tag_text.empty()) {
    out.push_back(',');
    append_key(out, FieldName::tag_text);
    append_json_string(out, provenance.tag_text);
  }
  if (provenance.channel != 0) {
    out.push_back(',');
    append_key(out, FieldName::channel);
    append_json_string(out, std::string_view(&provenance.channel, 1));
  }
  out.append("}\n");
}

CsvMessageWriter::CsvMessageWriter(std::vector<FieldName> columns) : columns_(std::move(columns)) {}

std::vector<FieldName> CsvMessageWriter::default_columns() {
  using Column = FieldName;
  return {Column::time,        Column::station,      Column::type,    Column::repeat,
          Column::mmsi,        Column::status,       Column::turn,    Column::speed,
          Column::accuracy,    Column::lon,          Column::lat,     Column::course,
          Column::heading,     Column::second,       Column::imo,     Column::callsign,
          Column::shipname,    Column::shiptype,     Column::to_bow,  Column::to_stern,
          Column::to_port,     Column::to_starboard, Column::draught, Column::eta,
          Column::destination, Column::partno,       Column::dac,     Column::fid,
          Column::text,        Column::data};
}

std::string CsvMessageWriter::header() const {
  std::string out;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i != 0) out.push_back(',');
    out.append(field_name(columns_[i]));
  }
  out.push_back('\n');
  return out;
}

void CsvMessageWriter::write(const Message& message, const Provenance& provenance,
                             std::string& out) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i != 0) out.push_back(',');
    const FieldName name = columns_[i];
    if (name == FieldName::time) {
      if (provenance.time) {
        char buffer[kRfc3339Capacity];
        out.append(buffer, format_rfc3339_to(*provenance.time, buffer));
      }
    } else if (name == FieldName::station) {
      append_csv_cell(out, provenance.station);
    } else if (name == FieldName::tag_text) {
      append_csv_cell(out, provenance.tag_text);
    } else if (name == FieldName::channel) {
      if (provenance.channel != 0) out.push_back(provenance.channel);
    } else if (const Field* field = message.find(name)) {
      append_value(out, message, *field, false);
    }
  }
  out.push_back('\n');
}

}  // namespace vigil::ais
