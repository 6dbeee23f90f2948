#pragma once

// The mission's declared sensors in a workspace: each declaration sealed in the log, the
// latest in force.

#include <optional>
#include <string>

#include "vigil/ceasefire/coverage.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct StoredSensors {
  std::int64_t id = 0;
  ceasefire::SensorDeclaration sensors;
  std::string source;  // the file it came from
  Timestamp declared_at = 0;
};

std::int64_t store_sensors(Workspace& ws, const ceasefire::SensorDeclaration& sensors,
                           const std::string& source, const std::string& by);
std::optional<StoredSensors> current_sensors(Workspace& ws);
// BLAKE2b-256 of a stored declaration's document, as `vigil verify` recomputes it; empty when
// there is no such declaration.
std::string sensors_digest(Workspace& ws, std::int64_t id);

// Each sensor declaration against the digest sealed in its 'sensors' record; counts them.
std::optional<SealProblem> check_sensor_declarations(Workspace& ws, const LogRecords& records,
                                                     std::int64_t& declarations);

}  // namespace vigil::store
