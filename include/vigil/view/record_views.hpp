#pragma once

// Observations and incidents as every listing shows them, the CLI's and the API's alike.

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/incident.hpp"
#include "vigil/core/observation.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::view {

// Observations in the ingest format (so a listing can be ingested again unchanged).
nlohmann::json to_json(const Observation& obs);
std::vector<Column> observation_columns();

// Incidents as `vigil incidents` prints them.
nlohmann::json to_json(const Incident& incident, IncidentStatus status, std::int64_t log_seq,
                       std::string_view log_hash);
std::vector<Column> incident_columns();

}  // namespace vigil::view
