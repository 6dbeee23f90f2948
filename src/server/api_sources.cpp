// /api/v1/sources/{source}: a patrol's, camera's, UAV's (any reporting source's) page: what
// it was declared as, what it reported day by day, where it could see on the day, and the
// incidents it reported.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/geo/gazetteer.hpp"
#include "vigil/report/workspace_coverage.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/sensor_store.hpp"

namespace vigil::server::detail {
namespace {

constexpr Timestamp kDay = 86'400'000'000;
constexpr std::size_t kMaxIncidents = 500;

nlohmann::json declaration(const ceasefire::SensorDeclaration& sensors, const std::string& source) {
  for (const auto& c : sensors.cameras)
    if (c.id == source)
      return {{"kind", "camera"},
              {"lat", c.at.lat},
              {"lon", c.at.lon},
              {"range_km", c.range_m / 1000},
              {"azimuth_deg", c.azimuth_deg},
              {"fov_deg", c.fov_deg}};
  for (const auto& p : sensors.patrols)
    if (p.entity == source) return {{"kind", "patrol"}, {"reach_km", p.reach_m / 1000}};
  for (const auto& u : sensors.uav_flights)
    if (u.entity == source) return {{"kind", "uav"}, {"reach_km", u.reach_m / 1000}};
  return nullptr;
}

bool names(const Incident& incident, const std::string& source) {
  if (std::find(incident.entities.begin(), incident.entities.end(), source) !=
      incident.entities.end())
    return true;
  const auto sources = incident.attributes.find("sources");
  if (sources == incident.attributes.end() || !sources->is_array()) return false;
  return std::any_of(sources->begin(), sources->end(), [&](const nlohmann::json& s) {
    return s.is_string() && s.get_ref<const std::string&>() == source;
  });
}

}  // namespace

ApiResponse get_source(Call& call) {
  call.query.allow({"date", "days"});
  const std::string& source = call.path.at(0);
  if (source.empty() || source.size() > 256 || source.find(':') == std::string::npos)
    throw ApiError(404, "no such source: a source is namespaced (\"patrol:P-1\")");
  // The day: asked for, or the newest the workspace has heard anything.
  std::string date = date_parameter(call, false);
  if (date.empty()) {
    const auto newest = store::newest_observation_time(call.ws);
    if (!newest) throw ApiError(404, "no observations yet");
    date = format_rfc3339(*newest).substr(0, 10);
  }
  const auto days = call.query.integer("days", 14, 1, 62);
  const Timestamp day_start = *parse_rfc3339(date + "T00:00:00Z");
  const Timestamp day_end = day_start + kDay;
  const Timestamp window_start = day_end - days * kDay;

  nlohmann::json activity = nlohmann::json::array();
  std::map<std::string, std::int64_t> by_kind;
  std::int64_t total = 0;
  for (const auto& d : store::source_activity(call.ws, source, window_start, day_end)) {
    activity.push_back(
        {{"date", format_rfc3339(d.day).substr(0, 10)}, {"kind", d.kind}, {"count", d.count}});
    by_kind[d.kind] += d.count;
    total += d.count;
  }

  nlohmann::json declared = nullptr;
  nlohmann::json footprint = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  if (const auto sensors = store::current_sensors(call.ws)) {
    declared = declaration(sensors->sensors, source);
    if (!declared.is_null()) {
      auto all = report::sensor_footprints(call.ws, sensors->sensors, day_start, day_end);
      for (auto& f : all["features"])
        if (f["properties"].value("sensor", "") == source)
          footprint["features"].push_back(std::move(f));
    }
  }
  if (total == 0 && declared.is_null())
    throw ApiError(404, fmt::format("no such source: {} reported nothing in the {} days to {} "
                                    "and is not a declared sensor",
                                    source.substr(0, 64), days, date));

  nlohmann::json incidents = nlohmann::json::array();
  std::size_t incident_count = 0;
  store::IncidentFilter filter;
  filter.from = day_start;
  filter.to = day_end;
  store::for_each_incident(call.ws, filter, [&](const store::StoredIncident& row) {
    if (!names(row.incident, source)) return true;
    if (++incident_count > kMaxIncidents) return true;
    const auto place = geo::place_text({row.incident.lat, row.incident.lon});
    incidents.push_back({{"id", row.incident.id},
                         {"rule", row.incident.rule},
                         {"start", format_rfc3339(row.incident.start)},
                         {"lat", row.incident.lat},
                         {"lon", row.incident.lon},
                         {"place", place ? nlohmann::json(*place) : nlohmann::json(nullptr)},
                         {"severity", to_string(row.incident.severity)},
                         {"confidence", row.incident.confidence},
                         {"status", to_string(row.status)}});
    return true;
  });

  return json_response(200, {{"source", source},
                             {"date", date},
                             {"days", days},
                             {"declared", declared},
                             {"observations", total},
                             {"by_kind", by_kind},
                             {"activity", activity},
                             {"footprint", footprint},
                             {"incident_count", incident_count},
                             {"incidents", incidents}});
}

}  // namespace vigil::server::detail
