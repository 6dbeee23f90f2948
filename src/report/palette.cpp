#include "vigil/report/palette.hpp"

namespace vigil::report {

const nlohmann::json& palette() {
  static const nlohmann::json parsed = nlohmann::json::parse(
#include "palette.inc"
  );
  return parsed;
}

std::string rule_colour(const std::string& rule) {
  const auto& rules = palette().at("rules");
  const auto found = rules.find(rule);
  return found != rules.end() ? found->at("colour").get<std::string>()
                              : palette().at("other_rule").get<std::string>();
}

std::string rule_label(const std::string& rule) {
  const auto& rules = palette().at("rules");
  const auto found = rules.find(rule);
  return found != rules.end() ? found->at("label").get<std::string>() : rule;
}

}  // namespace vigil::report
