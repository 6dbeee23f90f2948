#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vigil::simulate {

struct RuleScore {
  std::uint32_t truth = 0;
  std::uint32_t detected = 0;
  std::uint32_t true_detections = 0;  // detections that match some planted event
  std::uint32_t found = 0;            // planted events matched by some detection
  double precision() const {
    return detected == 0 ? 1.0 : static_cast<double>(true_detections) / detected;
  }
  double recall() const { return truth == 0 ? 1.0 : static_cast<double>(found) / truth; }
};

// Scores detected events (the JSON of `vigil detect --stream`) against a simulation's
// truth.jsonl, per rule. A detection matches a planted event when the rule and the vessels
// are the same and their times overlap within an hour; spoofing must also agree on the kind,
// port calls on the place, identity changes on the attribute (detected within two hours of
// the change, the time a new identity takes to be broadcast).
std::map<std::string, RuleScore> score_events(const std::vector<nlohmann::json>& truth,
                                              const std::vector<nlohmann::json>& detected);

// Scores logged incidents ({"rule", "evidence": [ids]}) against a ceasefire simulation's
// truth.jsonl, per rule. An incident matches a planted violation of its rule when its
// evidence includes one of the violation's reports. Each violation is credited to one
// incident only: a violation split into two incidents counts the second as a false
// detection, so corroborated duplicates are counted once.
std::map<std::string, RuleScore> score_incidents(const std::vector<nlohmann::json>& truth,
                                                 const std::vector<nlohmann::json>& incidents);

}  // namespace vigil::simulate
