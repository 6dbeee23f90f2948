#pragma once

// The thresholds of the ceasefire rule pack and how a config file overrides them: the
// "ceasefire" section of the file `vigil detect --config` reads, e.g.
// {"ceasefire": {"corroboration": {"fire_merge_min": 30}}}.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/threshold_settings.hpp"

namespace vigil::ceasefire {

// docs/ceasefire.md gives each default its source.
struct RuleConfig {
  // Reports of one incident: how far apart in time the starts of their time spans may be
  // beyond those spans (fire is seen and heard within minutes; a weapon stands for hours).
  double fire_merge_min = 15;
  double presence_merge_min = 180;
  // How far apart beyond the sum of their location uncertainties.
  double merge_slack_m = 500;
  // The uncertainty of a report that gives none: a patrol's own GPS position and a sighting.
  double default_uncertainty_m = 250;
  // Crossing: both positions at least this far from the line, and beyond their uncertainty,
  // so that GPS noise along the line is not a crossing.
  double crossing_min_distance_m = 200;
};

using RuleSetting = ThresholdSetting<RuleConfig>;

// Every setting, in documentation order.
const std::vector<RuleSetting>& rule_settings();

// Applies {"corroboration": {"fire_merge_min": 30}, ...} (or flat keys). Throws
// std::invalid_argument naming the key when it is unknown, not a number, or out of range.
void apply_overrides(RuleConfig& config, const nlohmann::json& overrides);

// The "ceasefire" section of a config file; the defaults when the file has none. Throws
// std::runtime_error naming the file.
// The thresholds of a parsed config file's "ceasefire" section (defaults when it has none);
// throws std::invalid_argument naming the setting.
RuleConfig rule_config_from_document(const nlohmann::json& document);
RuleConfig load_rule_config(const std::string& path);

}  // namespace vigil::ceasefire
