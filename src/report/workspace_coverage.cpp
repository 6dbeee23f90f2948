#include "vigil/report/workspace_coverage.hpp"

#include <cmath>

#include "vigil/geo/geodesy.hpp"
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

nlohmann::json sensor_footprints(store::Workspace& ws, const ceasefire::SensorDeclaration& sensors,
                                 Timestamp from, Timestamp to) {
  nlohmann::json features = nlohmann::json::array();
  for (const auto& c : sensors.cameras) {
    nlohmann::json ring = nlohmann::json::array();
    const bool full_circle = c.fov_deg >= 360;
    if (!full_circle) ring.push_back({c.at.lon, c.at.lat});
    const double first = full_circle ? 0 : c.azimuth_deg - c.fov_deg / 2;
    const double span = full_circle ? 360 : c.fov_deg;
    const int steps = std::max(2, static_cast<int>(std::ceil(span / 5)));
    for (int i = 0; i <= steps; ++i) {
      const auto edge = geo::destination(c.at, first + span * i / steps, c.range_m);
      ring.push_back({edge.lon, edge.lat});
    }
    ring.push_back(ring.front());
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}},
                        {"properties",
                         {{"sensor", c.id},
                          {"kind", "camera"},
                          {"range_km", c.range_m / 1000},
                          {"reported", store::source_reported(ws, c.id, from, to)}}}});
  }
  for (const auto& [list, kind] :
       {std::pair{&sensors.patrols, "patrol"}, std::pair{&sensors.uav_flights, "uav"}})
    for (const auto& d : *list) {
      nlohmann::json line = nlohmann::json::array();
      for (const auto& fix : store::positions_of(ws, d.entity, from, to))
        line.push_back({fix.lon, fix.lat});
      const bool reported = !line.empty();
      nlohmann::json geometry = nullptr;
      if (line.size() == 1) geometry = {{"type", "Point"}, {"coordinates", line.front()}};
      if (line.size() > 1) geometry = {{"type", "LineString"}, {"coordinates", line}};
      features.push_back({{"type", "Feature"},
                          {"geometry", geometry},
                          {"properties",
                           {{"sensor", d.entity},
                            {"kind", kind},
                            {"reach_km", d.reach_m / 1000},
                            {"reported", reported}}}});
    }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace vigil::report
