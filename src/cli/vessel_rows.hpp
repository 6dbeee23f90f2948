#pragma once

#include <vector>

#include "vigil/view/record_output.hpp"
#include "vigil/view/vessel_view.hpp"

namespace vigil::cli {

// The table columns of `vigil vessels` (rows: view::vessel_json) and `vigil vessels
// history` (rows: view::history_json).
std::vector<view::Column> vessel_columns();
std::vector<view::Column> history_columns();

}  // namespace vigil::cli
