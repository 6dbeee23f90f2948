#include "vigil/report/workspace_coverage.hpp"

#include "vigil/store/observation_store.hpp"

namespace vigil::report {

ceasefire::Coverage workspace_coverage(store::Workspace& ws,
                                       const ceasefire::Classifier& classifier,
                                       const ceasefire::SensorDeclaration& sensors, Timestamp from,
                                       Timestamp to) {
  std::map<std::string, std::vector<ceasefire::TrackPoint>> tracks;
  for (const auto* list : {&sensors.patrols, &sensors.uav_flights})
    for (const auto& d : *list) {
      auto& track = tracks[d.entity];
      for (const auto& fix : store::positions_of(ws, d.entity, from, to))
        track.push_back({fix.time, {fix.lat, fix.lon}});
    }
  std::set<std::string> reporting;
  for (const auto& c : sensors.cameras)
    if (store::source_reported(ws, c.id, from, to)) reporting.insert(c.id);
  return ceasefire::compute_coverage(classifier, sensors, tracks, reporting);
}

nlohmann::json coverage_summary_json(const ceasefire::Coverage& c) {
  nlohmann::json sectors = nlohmann::json::object();
  for (const auto& [name, s] : c.sectors)
    sectors[name.empty() ? "(none)" : name] = {{"line_km", s.line_m / 1000},
                                               {"observed_km", s.observed_m / 1000}};
  nlohmann::json outages = nlohmann::json::array();
  for (const auto& o : c.outages)
    outages.push_back({{"sensor", o.sensor}, {"kind", o.kind}});
  return {{"line_km", c.line_m / 1000},
          {"observed_km", c.observed_m / 1000},
          {"sectors", sectors},
          {"outages", outages}};
}

}  // namespace vigil::report
