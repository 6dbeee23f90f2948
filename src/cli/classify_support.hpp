#pragma once

#include <string>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::cli {

// The classifier for a workspace: the settlement built with zones build (or the file given),
// and its line (or the one named) in the version in force on `date` (YYYY-MM-DD; empty: the
// latest). Throws with a message for the user.
ceasefire::Classifier load_classifier(store::Workspace& ws, const std::string& line_name,
                                      const std::string& date, const std::string& settlement_file);

}  // namespace vigil::cli
