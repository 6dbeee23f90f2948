#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/time.hpp"

namespace vigil {

enum class Severity { info, low, medium, high, critical };
enum class IncidentStatus { open, confirmed, dismissed };

std::string_view to_string(Severity s);
std::string_view to_string(IncidentStatus s);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<IncidentStatus> parse_status(std::string_view text);

// What a rule (or an analyst) concluded, with the observations that are its evidence.
// Incidents are immutable once logged; reviews change only their status, through the log.
struct Incident {
  std::string id;
  std::string rule;  // "manual", "maritime.gap", "ceasefire.fire", ...
  Severity severity = Severity::medium;
  double confidence = 1.0;  // 0..1
  Timestamp start = 0;
  Timestamp end = 0;
  double lat = 0;  // representative point, WGS84 degrees
  double lon = 0;
  nlohmann::json geometry;            // optional GeoJSON geometry; null when absent
  std::vector<std::string> entities;  // sorted, unique
  std::vector<std::string> evidence;  // observation ids, sorted, unique
  nlohmann::json attributes = nlohmann::json::object();
  Timestamp recorded_at = 0;
  std::string recorded_by;
};

// Whether an incident's lat and lon mean anything: not when its attributes say
// "position_known": false (an identity change heard only in static AIS reports, which carry no
// position; lat and lon are 0 there). `attributes` may be anything; only an object says no.
bool position_known(const nlohmann::json& attributes);

// An analyst's decision on an incident.
struct Review {
  std::string incident_id;
  IncidentStatus status = IncidentStatus::confirmed;
  std::string by;
  std::string note;
  Timestamp time = 0;
};

// The incident as the log stores it: every field, keys sorted, including the id.
nlohmann::json to_log_body(const Incident& incident);
Incident incident_from_log_body(const nlohmann::json& body);  // throws on a malformed body
nlohmann::json to_log_body(const Review& review);
Review review_from_log_body(const nlohmann::json& body);

// An id that depends only on what the incident says (not when it was recorded), so that a
// rule re-run over the same evidence finds its earlier incident instead of adding another.
std::string derive_incident_id(const Incident& incident);

// An id that also covers when and by whom the incident was recorded: for incidents entered by
// hand, where two analysts recording the same thing are two entries, not one.
std::string derive_recorded_incident_id(const Incident& incident);

// Sorts and de-duplicates entities and evidence so that equal incidents serialise equally.
void normalise(Incident& incident);

}  // namespace vigil
