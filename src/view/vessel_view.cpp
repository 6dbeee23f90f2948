#include "vigil/view/vessel_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "vigil/vessel/flag.hpp"

namespace vigil::view {
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

json vessel_json(const store::VesselSummary& v) {
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

json history_json(const vessel::IdentityRun& run, bool change) {
  return {{"mmsi", run.mmsi},
          {"flag", flag_of(run.mmsi)},
          {"attribute", vessel::to_string(run.attribute)},
          {"value", run.value},
          {"first", format_rfc3339(run.first)},
          {"last", format_rfc3339(run.last)},
          {"reports", run.reports},
          {"change", change}};
}

std::vector<json> history_timeline(const std::vector<vessel::IdentityRun>& runs) {
  std::vector<json> rows;
  const vessel::IdentityRun* previous = nullptr;
  for (const auto& run : runs) {
    const bool change =
        previous != nullptr && previous->mmsi == run.mmsi && previous->attribute == run.attribute;
    previous = &run;
    rows.push_back(history_json(run, change));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    return a["first"].get<std::string>() < b["first"].get<std::string>();
  });
  return rows;
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
      json row = history_json(run, open.has_value());
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

json match_json(const sanctions::Match& m) {
  const auto& e = *m.entry;
  return {{"mmsi", m.mmsi},
          {"flag", flag_of(m.mmsi)},
          {"name", m.vessel_name},
          {"list", e.list},
          {"entry", e.entry_id},
          {"listed_name", e.name},
          {"listed_imo", e.imo ? json(*e.imo) : json(nullptr)},
          {"basis", sanctions::to_string(m.basis)},
          {"score", std::round(m.score * 1000) / 1000},
          {"explanation", m.explanation}};
}

json risk_json(const detect::VesselRisk& risk) {
  json reasons = json::array();
  for (const auto& r : risk.reasons)
    reasons.push_back({{"signal", r.signal}, {"points", r.points}, {"detail", r.detail}});
  return {{"mmsi", risk.mmsi},
          {"name", risk.name},
          {"flag", risk.flag},
          {"score", risk.score},
          {"reasons", reasons}};
}

}  // namespace vigil::view
