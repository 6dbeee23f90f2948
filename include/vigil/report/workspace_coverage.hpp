#pragma once

#include <nlohmann/json.hpp>

#include "vigil/ceasefire/coverage.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::report {

// Coverage of the line in [from, to): the declared patrols' and UAV flights' positions in the
// workspace, and the declared cameras that reported anything then.
ceasefire::Coverage workspace_coverage(store::Workspace& ws,
                                       const ceasefire::Classifier& classifier,
                                       const ceasefire::SensorDeclaration& sensors, Timestamp from,
                                       Timestamp to);

// What `vigil coverage --format json` and GET /api/v1/coverage both say: line and observed
// kilometres, in total and per sector ("(none)" for the line outside every sector), and the
// declared sensors that reported nothing.
nlohmann::json coverage_summary_json(const ceasefire::Coverage& coverage);

// Where the declared sensors could see in [from, to), for the map: each camera's field of
// view as a polygon (geodesic: its range along bearings every 5° across its field), each
// patrol's and UAV flight's positions as a line with its reach; `reported` says whether the
// sensor reported anything then (a camera that did not is an outage).
nlohmann::json sensor_footprints(store::Workspace& ws, const ceasefire::SensorDeclaration& sensors,
                                 Timestamp from, Timestamp to);

}  // namespace vigil::report
