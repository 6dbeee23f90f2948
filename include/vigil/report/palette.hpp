#pragma once

// vigil's colours and labels (src/report/palette.json, shared with the dashboard).

#include <string>

#include <nlohmann/json.hpp>

namespace vigil::report {

const nlohmann::json& palette();

// A rule's colour ("#d62728"), or the palette's colour for other rules.
std::string rule_colour(const std::string& rule);
// A rule's label ("fire in a security zone"), or the rule's own name.
std::string rule_label(const std::string& rule);

}  // namespace vigil::report
