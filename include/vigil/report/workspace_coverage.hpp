#pragma once

#include "vigil/ceasefire/coverage.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::report {

// Coverage of the line in [from, to): the declared patrols' and UAV flights' positions in the
// workspace, and the declared cameras that reported anything then.
ceasefire::Coverage workspace_coverage(store::Workspace& ws,
                                       const ceasefire::Classifier& classifier,
                                       const ceasefire::SensorDeclaration& sensors, Timestamp from,
                                       Timestamp to);

}  // namespace vigil::report
