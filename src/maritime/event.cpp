#include "vigil/maritime/event.hpp"

namespace vigil::maritime {

nlohmann::json to_json(const Event& event) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : event.evidence)
    evidence.push_back({{"mmsi", e.mmsi}, {"time", format_rfc3339(e.time)}, {"line", e.ref}});
  const auto round7 = [](double degrees) { return std::round(degrees * 1e7) / 1e7; };
  return {{"rule", event.rule},
          {"start", format_rfc3339(event.start)},
          {"end", format_rfc3339(event.end)},
          {"lat", round7(event.at.lat)},
          {"lon", round7(event.at.lon)},
          {"mmsi", event.mmsis},
          {"severity", to_string(event.severity)},
          {"confidence", std::round(event.confidence * 1000) / 1000},
          {"attributes", event.attributes},
          {"evidence", std::move(evidence)}};
}

}  // namespace vigil::maritime
