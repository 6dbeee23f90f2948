// OFAC SDN vessels as JSON: {"vessels": [{"imo", "name", "programs", "designation_date"
// (MM/DD/YYYY), "vessel_info": {"call_sign", "vessel_type", "flag"}}]}, as converted from
// OFAC's sdn.xml. Entries are numbered from 1 in warnings: JSON has no useful lines.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "list_readers.hpp"

namespace vigil::sanctions::detail {
namespace {

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return to_utf8(it->get<std::string>());
  return it->dump();
}

// "03/20/2026" -> "2026-03-20".
std::string iso_date_from_us(const std::string& text) {
  if (text.size() == 10 && text[2] == '/' && text[5] == '/')
    return text.substr(6, 4) + "-" + text.substr(0, 2) + "-" + text.substr(3, 2);
  return text;
}

}  // namespace

LoadedList read_ofac_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ListError(fmt::format("{}: cannot open", path));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number no double holds ("3E8856").
    throw ListError(fmt::format("{}: not JSON: {}", path, e.what()));
  }
  const auto vessels = document.find("vessels");
  if (!document.is_object() || vessels == document.end() || !vessels->is_array())
    throw ListError(fmt::format("{}: no \"vessels\" array: not an OFAC vessels file", path));
  LoadedList out;
  std::uint64_t index = 0;
  for (const auto& vessel : *vessels) {
    ++index;
    if (!vessel.is_object()) {
      throw ListError(fmt::format("{}: vessels[{}] is not an object", path, index - 1));
    }
    ListEntry entry;
    entry.list = "ofac";
    entry.line = index;
    entry.name = text_of(vessel, "name");
    if (entry.name.empty()) {
      out.warnings.push_back({index, fmt::format("vessels[{}] has no name; left out", index - 1)});
      continue;
    }
    set_imo(entry, text_of(vessel, "imo"), out.warnings);
    entry.entry_id = entry.imo ? fmt::format("imo:{}", *entry.imo) : "ofac:" + entry.name;
    entry.listed_on = iso_date_from_us(text_of(vessel, "designation_date"));
    if (const auto programs = vessel.find("programs");
        programs != vessel.end() && programs->is_array()) {
      for (const auto& p : *programs)
        if (p.is_string()) entry.programs.push_back(p.get<std::string>());
    }
    if (const auto info = vessel.find("vessel_info"); info != vessel.end() && info->is_object()) {
      entry.callsign = text_of(*info, "call_sign");
      entry.vessel_type = text_of(*info, "vessel_type");
      entry.flag = text_of(*info, "flag");
    }
    out.entries.push_back(std::move(entry));
  }
  return out;
}

}  // namespace vigil::sanctions::detail
