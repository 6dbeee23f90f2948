#include "vigil/view/record_views.hpp"

#include "vigil/geo/gazetteer.hpp"

namespace vigil::view {

nlohmann::json to_json(const Observation& o) {
  nlohmann::json j = {{"id", o.id},
                      {"time", format_rfc3339(o.time)},
                      {"lat", o.lat},
                      {"lon", o.lon},
                      {"kind", o.kind},
                      {"source", o.source},
                      {"attributes", o.attributes}};
  if (o.entity) j["entity"] = *o.entity;
  if (o.uncertainty_m) j["uncertainty_m"] = *o.uncertainty_m;
  return j;
}

std::vector<Column> observation_columns() {
  return {{"id", 32},     {"time", 24},   {"lat", 10},           {"lon", 11},       {"kind", 12},
          {"source", 14}, {"entity", 18}, {"uncertainty_m", 13}, {"attributes", 40}};
}

nlohmann::json to_json(const Incident& i, IncidentStatus status, std::int64_t log_seq,
                       std::string_view log_hash) {
  nlohmann::json j = to_log_body(i);
  const auto place = position_known(i.attributes) ? geo::place_text({i.lat, i.lon}) : std::nullopt;
  j["place"] = place ? nlohmann::json(*place) : nlohmann::json(nullptr);
  j["status"] = to_string(status);
  j["log_seq"] = log_seq;
  j["log_hash"] = log_hash;
  return j;
}

std::vector<Column> incident_columns() {
  return {{"id", 32},       {"rule", 26},     {"start", 24},     {"end", 24},        {"lat", 10},
          {"lon", 11},      {"place", 34},    {"severity", 8},   {"confidence", 10}, {"status", 9},
          {"entities", 30}, {"evidence", 40}, {"attributes", 40}};
}

}  // namespace vigil::view
