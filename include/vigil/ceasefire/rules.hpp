#pragma once

// The ceasefire rule pack: each rule reads corroborated clusters (or an entity's positions)
// classified against the line and settlement in force, and finds violations. One source
// file per rule under src/ceasefire/rules/.

#include <functional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ceasefire/reports.hpp"
#include "vigil/core/incident.hpp"

namespace vigil::ceasefire {

struct Finding {
  std::string_view rule;
  Severity severity = Severity::medium;
  Corroboration corroboration = Corroboration::single_source;
  Timestamp start = 0, end = 0;
  geo::LatLon at;
  std::vector<std::size_t> reports;  // the evidence, indices into the reports
  std::vector<std::string> entities;
  nlohmann::json attributes = nlohmann::json::object();
};

// The classifier of the line version and settlement in force at a time; null when no line
// was in force then (the rules skip what they cannot place).
using ClassifierAt = std::function<const Classifier*(Timestamp)>;

// A weapon of a class inside its withdrawal zone on the side it stands.
void find_weapons_in_zones(const std::vector<Report>& reports, const std::vector<Cluster>& clusters,
                           const ClassifierAt& classifier, std::vector<Finding>& out);
// Explosions, shelling and small-arms fire inside either side's security zone.
void find_fire(const std::vector<Report>& reports, const std::vector<Cluster>& clusters,
               const ClassifierAt& classifier, std::vector<Finding>& out);
// Reported crossings, and an entity's consecutive positions on opposite sides of the line.
// The entities' positions are the reports of kind `position`.
void find_crossings(const std::vector<Report>& reports, const std::vector<Cluster>& clusters,
                    const ClassifierAt& classifier, const RuleConfig& config,
                    std::vector<Finding>& out);
// Military presence (weapons, movement, small-arms fire) inside a disengagement area.
void find_disengagement_area_presence(const std::vector<Report>& reports,
                                      const std::vector<Cluster>& clusters,
                                      const ClassifierAt& classifier, std::vector<Finding>& out);

// What every cluster finding says of its cluster: kind, count, sources, corroboration, and
// where it stands (party, distance, sector).
nlohmann::json describe_cluster(const Cluster& cluster, const Classification& where,
                                const Classifier& classifier);
// A finding of `rule` resting on a whole cluster: its span, place, reports, corroboration and
// description.
Finding cluster_finding(std::string_view rule, Severity severity, const Cluster& cluster,
                        const Classification& where, const Classifier& classifier);
// The incident confidence of a corroboration level (0.6, 0.8, 0.95).
double confidence_of(Corroboration c);

}  // namespace vigil::ceasefire
