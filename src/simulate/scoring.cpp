#include "vigil/simulate/scoring.hpp"

#include <algorithm>
#include <stdexcept>

#include "vigil/core/time.hpp"

namespace vigil::simulate {
namespace {

using nlohmann::json;

Timestamp time_of(const json& event, const char* key) {
  const auto t = parse_rfc3339(event.at(key).get<std::string>());
  if (!t) throw std::invalid_argument(std::string("not a time: ") + key);
  return *t;
}

std::vector<std::uint32_t> vessels(const json& event) {
  auto v = event.at("mmsi").get<std::vector<std::uint32_t>>();
  std::sort(v.begin(), v.end());
  return v;
}

const json& attributes(const json& detected) {
  static const json empty = json::object();
  const auto it = detected.find("attributes");
  return it == detected.end() ? empty : *it;
}

bool matches(const json& d, const json& g) {
  constexpr Timestamp kSlack = 3'600 * kMicrosPerSecond;
  const auto& rule = d.at("rule").get_ref<const std::string&>();
  if (rule != g.at("rule").get_ref<const std::string&>()) return false;
  if (vessels(d) != vessels(g)) return false;
  const json& a = attributes(d);
  if (rule == "maritime.spoofing" && a.value("kind", "") != g.value("kind", "")) return false;
  if (rule == "maritime.port_call" && a.value("place_id", "") != g.value("place_id", ""))
    return false;
  if (rule == "maritime.identity_change") {
    if (a.value("attribute", "") != g.value("attribute", "")) return false;
    const Timestamp changed = time_of(g, "start");
    const Timestamp seen = time_of(d, "start");
    return seen >= changed - 60 * kMicrosPerSecond && seen <= changed + 2 * kSlack;
  }
  return time_of(d, "start") <= time_of(g, "end") + kSlack &&
         time_of(g, "start") <= time_of(d, "end") + kSlack;
}

}  // namespace

std::map<std::string, RuleScore> score_events(const std::vector<json>& truth,
                                              const std::vector<json>& detected) {
  std::map<std::string, RuleScore> scores;
  for (const auto& g : truth) {
    if (g.at("rule") == "decoy") continue;  // nothing to find: any detection is a false one
    auto& score = scores[g.at("rule").get<std::string>()];
    ++score.truth;
    if (std::any_of(detected.begin(), detected.end(), [&](const json& d) { return matches(d, g); }))
      ++score.found;
  }
  for (const auto& d : detected) {
    auto& score = scores[d.at("rule").get<std::string>()];
    ++score.detected;
    if (std::any_of(truth.begin(), truth.end(), [&](const json& g) { return matches(d, g); }))
      ++score.true_detections;
  }
  return scores;
}

std::map<std::string, RuleScore> score_incidents(const std::vector<nlohmann::json>& truth,
                                                 const std::vector<nlohmann::json>& incidents) {
  std::map<std::string, RuleScore> scores;
  // Which planted violation each report belongs to, per rule.
  std::map<std::pair<std::string, std::string>, std::size_t> owner;
  for (std::size_t t = 0; t < truth.size(); ++t) {
    const auto rule = truth[t].value("rule", "");
    ++scores[rule].truth;
    for (const auto& id : truth[t].value("reports", std::vector<std::string>{}))
      owner[{rule, id}] = t;
  }
  std::vector<bool> credited(truth.size(), false);
  for (const auto& incident : incidents) {
    const auto rule = incident.value("rule", "");
    auto& score = scores[rule];
    ++score.detected;
    for (const auto& id : incident.value("evidence", std::vector<std::string>{})) {
      const auto it = owner.find({rule, id});
      if (it == owner.end() || credited[it->second]) continue;
      credited[it->second] = true;
      ++score.true_detections;
      ++score.found;
      break;
    }
  }
  return scores;
}

}  // namespace vigil::simulate
