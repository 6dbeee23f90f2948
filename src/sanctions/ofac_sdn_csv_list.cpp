// OFAC's sdn.csv: no header; ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
// Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks, with "-0-" for empty. Only rows
// of type "vessel" are vessels; their IMO and MMSI are inside the remarks ("Vessel
// Registration Identification IMO 9486910; MMSI 636013272; a.k.a. 'MAKRAN'.").
#include <fmt/format.h>

#include "list_readers.hpp"

namespace vigil::sanctions::detail {
namespace {

std::string field(const std::vector<std::string>& fields, std::size_t i) {
  if (i >= fields.size()) return {};
  std::string text = clean_text(fields[i]);
  return text == "-0-" ? std::string() : text;
}

// The digits after `label` ("IMO ", "MMSI ") in the remarks, or empty.
std::string number_after(const std::string& remarks, std::string_view label) {
  const auto at = remarks.find(label);
  if (at == std::string::npos) return {};
  std::string digits;
  for (std::size_t i = at + label.size(); i < remarks.size(); ++i) {
    if (remarks[i] < '0' || remarks[i] > '9') break;
    digits.push_back(remarks[i]);
  }
  return digits;
}

}  // namespace

LoadedList read_ofac_sdn_csv(const std::string& path) {
  LoadedList out;
  // Blank lines and the DOS end-of-file mark (0x1a) carry nothing.
  for_each_line(path, " \r\x1a", [&](std::uint64_t number, std::string_view line) {
    const auto fields = split_delimited(line, ',');
    if (fields.size() != 12)
      throw ListError(
          fmt::format("{}:{}: {} fields where OFAC's sdn.csv has 12", path, number, fields.size()));
    if (field(fields, 2) != "vessel") return;
    ListEntry entry;
    entry.list = "ofac";
    entry.line = number;
    entry.entry_id = "ofac:" + field(fields, 0);
    entry.name = field(fields, 1);
    entry.programs = split_names(field(fields, 3), "] [");
    entry.callsign = field(fields, 5);
    entry.vessel_type = field(fields, 6);
    entry.flag = field(fields, 9);
    const std::string remarks = field(fields, 11);
    set_imo(entry, number_after(remarks, "IMO "), out.warnings);
    const std::string mmsi = number_after(remarks, "MMSI ");
    if (!mmsi.empty()) entry.mmsis = parse_mmsis(mmsi, number, out.warnings);
    for (std::size_t at = 0; (at = remarks.find("a.k.a. '", at)) != std::string::npos;) {
      at += 8;
      const auto end = remarks.find('\'', at);
      if (end == std::string::npos) break;
      entry.former_names.push_back(remarks.substr(at, end - at));
      at = end;
    }
    out.entries.push_back(std::move(entry));
  });
  return out;
}

}  // namespace vigil::sanctions::detail
