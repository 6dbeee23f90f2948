#pragma once

#include <cstdint>
#include <string>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/control_area.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::cli {

// The classifier for a workspace: the settlement built with zones build (or the file given),
// and its line (or the one named) in the version in force on `date` (YYYY-MM-DD; empty: the
// latest). Throws with a message for the user.
ceasefire::Classifier load_classifier(store::Workspace& ws, const std::string& line_name,
                                      const std::string& date, const std::string& settlement_file);

// What the settlement in force says of a line's sides: the ids of the parties inside and
// outside its control area ("inside" and "outside" when no settlement applies to the line), and
// the regions its sectors are named after (none when it has none).
struct LineSides {
  std::string inside = "inside", outside = "outside";
  std::vector<ceasefire::NamedRegion> regions;
};
LineSides line_sides(store::Workspace& ws, const std::string& line_name);

// Tells on stderr how many stored ceasefire observations were (re)classified after a change
// of line, settlement or observations; nothing when none.
void report_reclassified(std::uint64_t count);

}  // namespace vigil::cli
