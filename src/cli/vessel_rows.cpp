#include "vessel_rows.hpp"

#include <algorithm>
#include <map>

#include "vigil/vessel/flag.hpp"

namespace vigil::cli {
namespace {

using nlohmann::json;
using vessel::Attribute;

json flag_of(std::uint32_t mmsi) {
  const auto flag = vessel::flag_of_mmsi(mmsi);
  return flag ? json(std::string(*flag)) : json(nullptr);
}

json time_or_null(const std::optional<Timestamp>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

}  // namespace

json vessel_row(const store::VesselSummary& v) {
  json row = {{"mmsi", v.mmsi}, {"flag", flag_of(v.mmsi)}};
  for (std::size_t a = 0; a < vessel::kAttributeCount; ++a) {
    const auto attribute = static_cast<Attribute>(a);
    const auto& value = v.latest[a];
    row[std::string(vessel::to_string(attribute))] = value ? json(*value) : json(nullptr);
  }
  if (const auto& imo = v.latest[static_cast<std::size_t>(Attribute::imo)])
    row["imo_valid"] = vessel::valid_imo(std::atoll(imo->c_str()));
  row["first_seen"] = time_or_null(v.first_seen);
  row["last_seen"] = time_or_null(v.last_seen);
  row["positions"] = v.positions;
  row["identity_changes"] = v.identity_changes();
  json changes = json::object();
  for (std::size_t a = 0; a < vessel::kAttributeCount; ++a)
    if (v.changes[a] > 0)
      changes[std::string(vessel::to_string(static_cast<Attribute>(a)))] = v.changes[a];
  row["changes"] = std::move(changes);
  return row;
}

std::vector<io::Column> vessel_columns() {
  return {{"mmsi", 9},
          {"flag", 4},
          {"name", 20},
          {"callsign", 8},
          {"imo", 7},
          {"ship_type", 9},
          {"length", 6},
          {"destination", 14},
          {"last_seen", 27},
          {"positions", 9},
          {"identity_changes", 16}};
}

json history_row(const vessel::IdentityRun& run, bool change) {
  return {{"mmsi", run.mmsi},
          {"flag", flag_of(run.mmsi)},
          {"attribute", vessel::to_string(run.attribute)},
          {"value", run.value},
          {"first", format_rfc3339(run.first)},
          {"last", format_rfc3339(run.last)},
          {"reports", run.reports},
          {"change", change}};
}

std::vector<io::Column> history_columns() {
  return {{"mmsi", 9},   {"flag", 4},  {"attribute", 11}, {"value", 22},
          {"first", 27}, {"last", 27}, {"reports", 7},    {"change", 6}};
}

std::vector<json> imo_holder_rows(const std::vector<vessel::IdentityRun>& runs,
                                  std::string_view imo) {
  std::vector<vessel::IdentityRun> held;
  for (const auto& run : runs)
    if (run.attribute == Attribute::imo && run.value == imo) held.push_back(run);
  std::sort(held.begin(), held.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<json> rows;
  const auto add = [&](std::string_view attribute, const std::vector<vessel::IdentityRun>& as) {
    std::optional<std::size_t> open;  // the row the next run may extend
    Timestamp open_last = 0;
    for (const auto& run : as) {
      if (open && rows[*open]["value"] == run.value) {
        open_last = std::max(open_last, run.last);
        rows[*open]["last"] = format_rfc3339(open_last);
        rows[*open]["reports"] = rows[*open]["reports"].get<std::int64_t>() + run.reports;
        continue;
      }
      json row = history_row(run, open.has_value());
      row["attribute"] = attribute;
      rows.push_back(std::move(row));
      open = rows.size() - 1;
      open_last = run.last;
    }
  };
  std::vector<vessel::IdentityRun> by_mmsi = held, by_flag = held;
  for (auto& run : by_mmsi)
    run.value = std::to_string(run.mmsi);
  for (auto& run : by_flag) {
    const auto flag = vessel::flag_of_mmsi(run.mmsi);
    run.value = flag ? std::string(*flag) : std::string("?");
  }
  add("mmsi", by_mmsi);
  add("flag", by_flag);
  return rows;
}

}  // namespace vigil::cli
