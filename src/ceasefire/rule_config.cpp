#include "vigil/ceasefire/rule_config.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace vigil::ceasefire {

const std::vector<RuleSetting>& rule_settings() {
  static const std::vector<RuleSetting> all = {
      {"corroboration.fire_merge_min", &RuleConfig::fire_merge_min, 0, 1'440, "min",
       "reports of fire this far apart in time (beyond their spans) can be one incident"},
      {"corroboration.presence_merge_min", &RuleConfig::presence_merge_min, 0, 10'080, "min",
       "the same for weapons, movement, crossings and drones"},
      {"corroboration.merge_slack_m", &RuleConfig::merge_slack_m, 0, 50'000, "m",
       "distance beyond the sum of two reports' uncertainties that still joins them"},
      {"corroboration.default_uncertainty_m", &RuleConfig::default_uncertainty_m, 0, 20'000, "m",
       "uncertainty of a report that gives none"},
      {"crossing.min_distance_m", &RuleConfig::crossing_min_distance_m, 0, 20'000, "m",
       "distance from the line of both positions of a crossing"},
  };
  return all;
}

void apply_overrides(RuleConfig& config, const nlohmann::json& overrides) {
  apply_threshold_overrides(config, rule_settings(), overrides, "ceasefire.");
}

RuleConfig rule_config_from_document(const nlohmann::json& document) {
  RuleConfig config;
  if (document.is_object() && document.contains("ceasefire"))
    apply_overrides(config, document["ceasefire"]);
  return config;
}

RuleConfig load_rule_config(const std::string& path) {
  const auto document = read_config_document(path);
  return with_config_file(path, [&] { return rule_config_from_document(document); });
}

}  // namespace vigil::ceasefire
