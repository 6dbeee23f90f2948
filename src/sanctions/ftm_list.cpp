// OpenSanctions FollowTheMoney entities, one JSON object per line:
//   {"id": "...", "schema": "Vessel", "properties": {"name": [...], "imoNumber": [...],
//    "mmsi": [...], "flag": [...], "callSign": [...], "previousName": [...], "alias": [...],
//    "type": [...]}, "datasets": [...], "first_seen": "2024-03-01T..."}
// Every property is a list of strings. Entities of other schemas (companies, persons,
// sanctions, ownership links) share the files and are skipped; a line that is not JSON is
// an error naming it.
#include <fmt/format.h>

#include "list_readers.hpp"

namespace vigil::sanctions::detail {
namespace {

std::vector<std::string> values_of(const nlohmann::json& properties, const char* key) {
  std::vector<std::string> out;
  const auto it = properties.find(key);
  if (it == properties.end() || !it->is_array()) return out;
  for (const auto& value : *it)
    if (value.is_string()) {
      auto text = clean_text(to_utf8(value.get<std::string>()));
      if (!text.empty()) out.push_back(std::move(text));
    }
  return out;
}

}  // namespace

LoadedList read_ftm(const std::string& path) {
  LoadedList out;
  for_each_line(path, " \t\r", [&](std::uint64_t line, std::string_view text) {
    nlohmann::json entity;
    try {
      entity = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw ListError(fmt::format("{}:{}: not JSON: {}", path, line, e.what()));
    }
    if (!entity.is_object())
      throw ListError(fmt::format("{}:{}: not a FollowTheMoney entity", path, line));
    if (entity.value("schema", "") != "Vessel") return;
    const auto properties = entity.find("properties");
    if (properties == entity.end() || !properties->is_object()) {
      out.warnings.push_back({line, "Vessel without properties; left out"});
      return;
    }
    ListEntry entry;
    entry.list = "opensanctions";
    entry.line = line;
    entry.entry_id = entity.value("id", "");
    const auto names = values_of(*properties, "name");
    if (entry.entry_id.empty() || names.empty()) {
      out.warnings.push_back({line, "Vessel without id or name; left out"});
      return;
    }
    entry.name = names.front();
    for (std::size_t i = 1; i < names.size(); ++i)
      entry.former_names.push_back(names[i]);
    for (const char* key : {"previousName", "alias"})
      for (auto& name : values_of(*properties, key))
        entry.former_names.push_back(std::move(name));
    const auto imos = values_of(*properties, "imoNumber");
    if (!imos.empty()) set_imo(entry, imos.front(), out.warnings);
    for (const auto& mmsi_text : values_of(*properties, "mmsi"))
      for (const auto mmsi : parse_mmsis(mmsi_text, line, out.warnings))
        entry.mmsis.push_back(mmsi);
    if (const auto flags = values_of(*properties, "flag"); !flags.empty())
      entry.flag = flags.front();
    if (const auto calls = values_of(*properties, "callSign"); !calls.empty())
      entry.callsign = calls.front();
    if (const auto types = values_of(*properties, "type"); !types.empty())
      entry.vessel_type = types.front();
    if (const auto datasets = entity.find("datasets");
        datasets != entity.end() && datasets->is_array())
      for (const auto& d : *datasets)
        if (d.is_string()) entry.programs.push_back(d.get<std::string>());
    if (const auto built = values_of(*properties, "buildDate"); !built.empty())
      set_build_year(entry, built.front(), out.warnings);
    const std::string first_seen = entity.value("first_seen", "");
    if (first_seen.size() >= 10) entry.listed_on = first_seen.substr(0, 10);
    out.entries.push_back(std::move(entry));
  });
  return out;
}

}  // namespace vigil::sanctions::detail
