// ceasefire.crossing: a crossing of the line of contact, reported as such or seen in an
// entity's track: two consecutive located reports of the same party entity on opposite sides.
// A track is every report that places the entity: its own positions, and movement, weapon and
// crossing reports that name it (a vehicle a UAV follows is reported as movement, never as
// position). Reports closer to the line than crossing_min_distance_m or their own uncertainty
// are not taken as on either side (GPS noise along the line is not a crossing) and do not break
// the sequence; a side change across a crossing report of the same entity is that reported
// crossing, not a second one. The mission's own patrols, UAVs and cameras (entities named by
// a source type: patrol:P-12) and vessels (mmsi:) are not parties' forces and are left out.
#include <algorithm>
#include <map>

#include "vigil/ceasefire/rules.hpp"

namespace vigil::ceasefire {
namespace {

bool is_party_entity(const std::string& entity) {
  const auto ns = std::string_view(entity).substr(0, entity.find(':'));
  return ns != "mmsi" && ns != "imo" && !source_type_of(ns);
}

bool places_entity(ObservationKind kind) {
  return kind == ObservationKind::position || kind == ObservationKind::movement ||
         kind == ObservationKind::weapon || kind == ObservationKind::crossing;
}

}  // namespace

void find_crossings(const std::vector<Report>& reports, const std::vector<Cluster>& clusters,
                    const ClassifierAt& classifier_at, const RuleConfig& config,
                    std::vector<Finding>& out) {
  for (const auto& c : clusters) {
    if (c.kind != ObservationKind::crossing) continue;
    const Classifier* classifier = classifier_at(c.start);
    if (!classifier) continue;
    Finding f = cluster_finding("ceasefire.crossing", Severity::high, c, classifier->classify(c.at),
                                *classifier);
    f.attributes["seen"] = "reported";
    for (const auto m : c.members)
      if (reports[m].entity) f.entities.push_back(*reports[m].entity);
    out.push_back(std::move(f));
  }

  std::map<std::string_view, std::vector<std::size_t>> tracks;
  for (std::size_t i = 0; i < reports.size(); ++i)
    if (places_entity(reports[i].kind) && reports[i].entity && is_party_entity(*reports[i].entity))
      tracks[*reports[i].entity].push_back(i);
  for (auto& [entity, track] : tracks) {
    std::sort(track.begin(), track.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(reports[a].time, reports[a].id) < std::tie(reports[b].time, reports[b].id);
    });
    std::optional<std::size_t> last;  // the last report clearly on one side
    int last_side = -1;
    bool reported_since = false;  // a crossing report of the entity since `last`
    for (const auto i : track) {
      const auto& p = reports[i];
      if (p.kind == ObservationKind::crossing) {
        reported_since = true;
        continue;
      }
      const Classifier* classifier = classifier_at(p.time);
      if (!classifier) continue;
      const auto where = classifier->classify(p.at);
      if (where.side < 0 ||
          where.distance_m < std::max(config.crossing_min_distance_m, p.uncertainty_m))
        continue;
      if (last && where.side != last_side && !reported_since) {
        const auto& from = reports[*last];
        Finding f;
        f.rule = "ceasefire.crossing";
        f.severity = Severity::high;
        f.start = from.time;
        f.end = p.time;
        f.at = p.at;
        f.reports = {*last, i};
        f.entities = {std::string(entity)};
        const auto& parties = classifier->settlement().parties;
        f.attributes = {{"kind", std::string(to_string(p.kind))},
                        {"from_kind", std::string(to_string(from.kind))},
                        {"seen", "track"},
                        {"from_side", parties[static_cast<std::size_t>(last_side)].id},
                        {"to_side", parties[static_cast<std::size_t>(where.side)].id},
                        {"distance_m", std::round(where.distance_m)},
                        {"corroboration", "single_source"}};
        if (where.sector != Classification::kNoSector)
          f.attributes["sector"] = classifier->sectors()[where.sector];
        out.push_back(std::move(f));
      }
      last = i;
      last_side = where.side;
      reported_since = false;
    }
  }
}

}  // namespace vigil::ceasefire
