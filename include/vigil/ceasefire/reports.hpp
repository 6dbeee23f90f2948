#pragma once

// Ceasefire observations as the rules read them, and their corroboration: reports of one
// incident by several sources (same kind, close in space and time within their
// uncertainties) become one cluster, which is what the rules judge and the report counts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/rule_config.hpp"
#include "vigil/core/observation_vocabulary.hpp"
#include "vigil/core/time.hpp"

namespace vigil::ceasefire {

enum class Corroboration { single_source, multi_source, technical };
std::string_view to_string(Corroboration c);

// One observation of a ceasefire kind, with where it stands against the line in force.
struct Report {
  std::string id;
  Timestamp time = 0;
  Timestamp span = 0;  // how long `time` may stand for: a day for day-precision reports
  geo::LatLon at;
  double uncertainty_m = 0;
  ObservationKind kind = ObservationKind::report;
  std::string source;
  std::optional<std::string> entity;
  std::optional<WeaponClass> weapon_class;
  std::uint32_t count = 1;
  std::string direction;  // of fire, when the report gives it (kFireDirections)
};

struct Cluster {
  std::vector<std::size_t> members;  // indices into the reports, by time then id
  ObservationKind kind = ObservationKind::report;
  std::optional<WeaponClass> weapon_class;
  Timestamp start = 0, end = 0;
  geo::LatLon at;  // the members' places weighted by 1/uncertainty²
  double uncertainty_m = 0;
  std::uint32_t count = 1;           // the largest count one member gave: they saw the same thing
  std::string direction;             // the members' direction of fire, if any gave one
  std::vector<std::string> sources;  // distinct, sorted
  Corroboration corroboration = Corroboration::single_source;
};

// Clusters the reports of each kind (and weapon class). Two reports join when their time
// spans, widened by the kind's merge window, overlap and their places are within the sum of
// their uncertainties plus merge_slack_m (geodesic metres); clusters are the connected
// groups. Reports of kind `position` and `report` are left out. Near-linear: reports are
// swept in time order against those still open.
std::vector<Cluster> corroborate(const std::vector<Report>& reports, const RuleConfig& config);

}  // namespace vigil::ceasefire
