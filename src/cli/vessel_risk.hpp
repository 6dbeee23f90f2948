#pragma once

#include <cstdint>
#include <string>

#include "common.hpp"

namespace vigil::cli {

// `vigil vessels --risk`: vessels ranked by their risk score, each with its reasons.
int run_vessel_risk(const WorkspaceOptions& workspace, const std::string& config_path,
                    std::int64_t limit, const std::string& format);

}  // namespace vigil::cli
