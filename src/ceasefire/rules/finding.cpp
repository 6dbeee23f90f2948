// What the cluster rules share: the description of a cluster and its confidence.
#include <cmath>

#include "vigil/ceasefire/rules.hpp"

namespace vigil::ceasefire {

double confidence_of(Corroboration c) {
  switch (c) {
    case Corroboration::single_source:
      return 0.6;
    case Corroboration::multi_source:
      return 0.8;
    case Corroboration::technical:
      return 0.95;
  }
  return 0.6;
}

nlohmann::json describe_cluster(const Cluster& cluster, const Classification& where,
                                const Classifier& classifier) {
  nlohmann::json a = {
      {"kind", std::string(to_string(cluster.kind))},
      {"count", cluster.count},
      {"reports", cluster.members.size()},
      {"sources", cluster.sources},
      {"corroboration", std::string(to_string(cluster.corroboration))},
      {"distance_m", std::round(where.distance_m)},
      {"uncertainty_m", std::round(cluster.uncertainty_m)},
  };
  if (cluster.weapon_class) a["weapon_class"] = std::string(to_string(*cluster.weapon_class));
  if (!cluster.direction.empty()) a["direction"] = cluster.direction;
  if (where.side >= 0)
    a["side"] = classifier.settlement().parties[static_cast<std::size_t>(where.side)].id;
  if (where.sector != Classification::kNoSector) a["sector"] = classifier.sectors()[where.sector];
  return a;
}

Finding cluster_finding(std::string_view rule, Severity severity, const Cluster& cluster,
                        const Classification& where, const Classifier& classifier) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.corroboration = cluster.corroboration;
  f.start = cluster.start;
  f.end = cluster.end;
  f.at = cluster.at;
  f.reports = cluster.members;
  f.attributes = describe_cluster(cluster, where, classifier);
  return f;
}

}  // namespace vigil::ceasefire
