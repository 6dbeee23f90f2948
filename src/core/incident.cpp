#include "vigil/core/incident.hpp"

#include <algorithm>
#include <stdexcept>

#include "vigil/core/hash.hpp"

namespace vigil {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
    case Severity::critical:
      return "critical";
  }
  return "medium";
}

std::string_view to_string(IncidentStatus s) {
  switch (s) {
    case IncidentStatus::open:
      return "open";
    case IncidentStatus::confirmed:
      return "confirmed";
    case IncidentStatus::dismissed:
      return "dismissed";
  }
  return "open";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s :
       {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::optional<IncidentStatus> parse_status(std::string_view text) {
  for (IncidentStatus s :
       {IncidentStatus::open, IncidentStatus::confirmed, IncidentStatus::dismissed})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

void normalise(Incident& incident) {
  auto sort_unique = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(incident.entities);
  sort_unique(incident.evidence);
}

namespace {

nlohmann::json content_fields(const Incident& i) {
  nlohmann::json body = nlohmann::json::object();
  body["rule"] = i.rule;
  body["severity"] = to_string(i.severity);
  body["confidence"] = i.confidence;
  body["start"] = format_rfc3339(i.start);
  body["end"] = format_rfc3339(i.end);
  body["lat"] = i.lat;
  body["lon"] = i.lon;
  body["geometry"] = i.geometry;
  body["entities"] = i.entities;
  body["evidence"] = i.evidence;
  body["attributes"] = i.attributes;
  return body;
}

Timestamp required_time(const nlohmann::json& body, const char* field) {
  const auto t = parse_rfc3339(body.at(field).get<std::string>());
  if (!t) throw std::runtime_error(std::string("incident field '") + field + "' is not RFC 3339");
  return *t;
}

}  // namespace

std::string derive_incident_id(const Incident& incident) {
  return to_hex(blake2b_128("incident-v1\x1f" + content_fields(incident).dump()));
}

std::string derive_recorded_incident_id(const Incident& incident) {
  nlohmann::json body = content_fields(incident);
  body["recorded_at"] = format_rfc3339(incident.recorded_at);
  body["recorded_by"] = incident.recorded_by;
  return to_hex(blake2b_128("incident-recorded-v1\x1f" + body.dump()));
}

nlohmann::json to_log_body(const Incident& i) {
  nlohmann::json body = content_fields(i);
  body["id"] = i.id;
  body["recorded_at"] = format_rfc3339(i.recorded_at);
  body["recorded_by"] = i.recorded_by;
  return body;
}

Incident incident_from_log_body(const nlohmann::json& body) {
  Incident i;
  i.id = body.at("id").get<std::string>();
  i.rule = body.at("rule").get<std::string>();
  const auto severity = parse_severity(body.at("severity").get<std::string>());
  if (!severity) throw std::runtime_error("incident field 'severity' is not a known severity");
  i.severity = *severity;
  i.confidence = body.at("confidence").get<double>();
  i.start = required_time(body, "start");
  i.end = required_time(body, "end");
  i.lat = body.at("lat").get<double>();
  i.lon = body.at("lon").get<double>();
  i.geometry = body.at("geometry");
  i.entities = body.at("entities").get<std::vector<std::string>>();
  i.evidence = body.at("evidence").get<std::vector<std::string>>();
  i.attributes = body.at("attributes");
  i.recorded_at = required_time(body, "recorded_at");
  i.recorded_by = body.at("recorded_by").get<std::string>();
  return i;
}

nlohmann::json to_log_body(const Review& r) {
  return {{"incident", r.incident_id},
          {"status", to_string(r.status)},
          {"by", r.by},
          {"note", r.note},
          {"time", format_rfc3339(r.time)}};
}

Review review_from_log_body(const nlohmann::json& body) {
  Review r;
  r.incident_id = body.at("incident").get<std::string>();
  const auto status = parse_status(body.at("status").get<std::string>());
  if (!status) throw std::runtime_error("review field 'status' is not a known status");
  r.status = *status;
  r.by = body.at("by").get<std::string>();
  r.note = body.at("note").get<std::string>();
  r.time = required_time(body, "time");
  return r;
}

bool position_known(const nlohmann::json& attributes) {
  if (!attributes.is_object()) return true;
  const auto it = attributes.find("position_known");
  return it == attributes.end() || !it->is_boolean() || it->get<bool>();
}

}  // namespace vigil
