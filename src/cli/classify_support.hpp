#pragma once

#include <cstdint>
#include <string>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::cli {

// The classifier for a workspace: the settlement built with zones build (or the file given),
// and its line (or the one named) in the version in force on `date` (YYYY-MM-DD; empty: the
// latest). Throws with a message for the user.
ceasefire::Classifier load_classifier(store::Workspace& ws, const std::string& line_name,
                                      const std::string& date, const std::string& settlement_file);

// Tells on stderr how many stored ceasefire observations were (re)classified after a change
// of line, settlement or observations; nothing when none.
void report_reclassified(std::uint64_t count);

}  // namespace vigil::cli
