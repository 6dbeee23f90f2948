#include "vigil/report/workspace_coverage.hpp"

#include "vigil/store/database.hpp"

namespace vigil::report {

ceasefire::Coverage workspace_coverage(store::Workspace& ws,
                                       const ceasefire::Classifier& classifier,
                                       const ceasefire::SensorDeclaration& sensors, Timestamp from,
                                       Timestamp to) {
  std::map<std::string, std::vector<ceasefire::TrackPoint>> tracks;
  store::Statement positions(ws.db(),
                             "SELECT time_us, lat, lon FROM observations WHERE entity = ? AND "
                             "kind = 'position' AND time_us >= ? AND time_us < ? ORDER BY time_us");
  for (const auto* list : {&sensors.patrols, &sensors.uav_flights})
    for (const auto& d : *list) {
      positions.reset();
      positions.bind(1, d.entity).bind(2, from).bind(3, to);
      auto& track = tracks[d.entity];
      while (positions.step())
        track.push_back({positions.int64(0), {positions.real(1), positions.real(2)}});
    }
  std::set<std::string> reporting;
  store::Statement sources(ws.db(),
                           "SELECT 1 FROM observations WHERE source = ? AND time_us >= ? AND "
                           "time_us < ? LIMIT 1");
  for (const auto& c : sensors.cameras) {
    sources.reset();
    sources.bind(1, c.id).bind(2, from).bind(3, to);
    if (sources.step()) reporting.insert(c.id);
  }
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
