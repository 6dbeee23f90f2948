#pragma once

#include <vector>

#include "vigil/io/record_output.hpp"
#include "vigil/report/vessel_json.hpp"

namespace vigil::cli {

// The table columns of `vigil vessels` (rows: report::vessel_json) and `vigil vessels
// history` (rows: report::history_json).
std::vector<io::Column> vessel_columns();
std::vector<io::Column> history_columns();

}  // namespace vigil::cli
