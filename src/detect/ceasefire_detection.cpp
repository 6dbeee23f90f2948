#include "vigil/detect/ceasefire_detection.hpp"

#include <algorithm>
#include <memory>

#include "vigil/ceasefire/rules.hpp"
#include "vigil/core/incident.hpp"
#include "vigil/store/classification_store.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/observation_store.hpp"

namespace vigil::detect {
namespace {

using ceasefire::Classifier;

constexpr Timestamp kDay = 86'400'000'000;

// The classifiers of a settlement's line, one per version, built when first needed (building
// one costs a few hundred milliseconds: the line's index and the zones' rings).
class LineVersions {
 public:
  LineVersions(store::Workspace& ws, store::StoredSettlement settlement)
      : ws_(ws), settlement_(std::move(settlement)) {
    for (const auto& v : store::line_versions(ws))
      if (v.name == settlement_.line) valid_from_.push_back(v.valid_from);
    std::sort(valid_from_.begin(), valid_from_.end());
    classifiers_.resize(valid_from_.size());
  }

  // The version in force at `t` (-1: none yet).
  int version_at(Timestamp t) const {
    const std::string date = format_rfc3339(t).substr(0, 10);
    const auto it = std::upper_bound(valid_from_.begin(), valid_from_.end(), date);
    return static_cast<int>(it - valid_from_.begin()) - 1;
  }
  const Classifier* at(Timestamp t) {
    const int v = version_at(t);
    if (v < 0) return nullptr;
    auto& slot = classifiers_[static_cast<std::size_t>(v)];
    if (!slot) {
      auto [version, line] =
          store::load_line(ws_, settlement_.line, valid_from_[static_cast<std::size_t>(v)]);
      slot = std::make_unique<Classifier>(std::move(line), settlement_.settlement,
                                          settlement_.regions ? &*settlement_.regions : nullptr);
    }
    return slot.get();
  }
  const std::string& valid_from(int v) const { return valid_from_[static_cast<std::size_t>(v)]; }
  const store::StoredSettlement& settlement() const { return settlement_; }

 private:
  store::Workspace& ws_;
  store::StoredSettlement settlement_;
  std::vector<std::string> valid_from_;
  std::vector<std::unique_ptr<Classifier>> classifiers_;
};

// The ceasefire observations selected, and the positions of entities that are not vessels,
// as the rules read them.
std::vector<ceasefire::Report> read_reports(store::Workspace& ws,
                                            const store::CeasefireSelection& selection,
                                            const ceasefire::RuleConfig& config,
                                            CeasefireRunResult& result) {
  std::vector<ceasefire::Report> reports;
  store::for_each_ceasefire_observation(ws, selection, [&](const store::CeasefireRow& row) {
    const auto kind = parse_observation_kind(row.kind);
    if (!kind) return;  // stored before the vocabulary was enforced
    ceasefire::Report r;
    r.id = std::string(row.id);
    r.time = row.time;
    r.at = {row.lat, row.lon};
    r.kind = *kind;
    r.source = std::string(row.source);
    if (row.entity) r.entity = std::string(*row.entity);
    r.uncertainty_m = row.uncertainty_m.value_or(config.default_uncertainty_m);
    if (row.weapon_class) r.weapon_class = parse_weapon_class(*row.weapon_class);
    if (row.count) r.count = static_cast<std::uint32_t>(std::max(1.0, *row.count));
    if (row.time_precision == "day") r.span = kDay;
    if (row.direction) r.direction = std::string(*row.direction);
    ++(r.kind == ObservationKind::position ? result.positions : result.reports);
    reports.push_back(std::move(r));
  });
  return reports;
}

std::string zone_names(const Classifier& c, const ceasefire::Classification& where) {
  nlohmann::json names = nlohmann::json::array();
  for (std::size_t z = 0; z < c.zones().size(); ++z)
    if (where.in(z)) names.push_back(c.zones()[z].name);
  return names.dump();
}

// Stores where each report stands, for those without a classification under the version and
// settlement in force.
std::uint64_t store_classifications(store::Workspace& ws, LineVersions& versions,
                                    const std::vector<ceasefire::Report>& reports) {
  store::ClassificationWriter writer(ws);
  const auto& settlement = versions.settlement();
  std::uint64_t stored = 0;
  for (const auto& r : reports) {
    if (r.kind == ObservationKind::position) continue;
    const int v = versions.version_at(r.time);
    if (v < 0) continue;
    if (writer.classified(r.id, settlement.line, versions.valid_from(v), settlement.id)) continue;
    const Classifier* c = versions.at(r.time);
    const auto where = c->classify(r.at);
    store::ObservationClass row;
    row.observation_id = r.id;
    row.time = r.time;
    row.line = settlement.line;
    row.line_valid_from = versions.valid_from(v);
    row.settlement = settlement.id;
    if (where.side >= 0)
      row.side = settlement.settlement.parties[static_cast<std::size_t>(where.side)].id;
    row.distance_m = where.distance_m;
    row.zones_json = zone_names(*c, where);
    if (where.sector != ceasefire::Classification::kNoSector)
      row.sector = c->sectors()[where.sector];
    writer.put(row);
    ++stored;
  }
  return stored;
}

// The logged incidents of `rule` that share evidence with `evidence`, other than `self`.
std::vector<std::string> overlapping(store::Workspace& ws, const std::string& rule,
                                     const std::vector<std::string>& evidence,
                                     const std::string& self) {
  auto ids = store::incidents_sharing_evidence(ws, rule, evidence);
  std::erase(ids, self);
  return ids;
}

}  // namespace

std::uint64_t classify_stored_observations(store::Workspace& ws, std::int64_t from_batch) {
  auto settlement = store::current_settlement(ws);
  if (!settlement) return 0;
  LineVersions versions(ws, std::move(*settlement));
  CeasefireRunResult ignored;
  store::CeasefireSelection selection;
  selection.from_batch = from_batch;
  selection.with_positions = false;
  const auto reports = read_reports(ws, selection, {}, ignored);
  store::Transaction tx(ws.db());
  const auto n = store_classifications(ws, versions, reports);
  tx.commit();
  return n;
}

CeasefireRunResult run_ceasefire_detection(store::Workspace& ws, const CeasefireRun& run) {
  CeasefireRunResult result;
  auto settlement = store::current_settlement(ws);
  if (!settlement) return result;
  result.has_settlement = true;
  LineVersions versions(ws, std::move(*settlement));
  store::CeasefireSelection selection;
  selection.from = run.from.value_or(kEarliestTime);
  selection.to = run.to.value_or(kLatestTime);
  const auto reports = read_reports(ws, selection, run.config, result);
  {
    store::Transaction tx(ws.db());
    result.classified = store_classifications(ws, versions, reports);
    tx.commit();
  }
  for (const auto& r : reports)
    if (r.kind != ObservationKind::position && versions.version_at(r.time) < 0) ++result.unplaced;

  const auto clusters = ceasefire::corroborate(reports, run.config);
  result.clusters = clusters.size();
  const ceasefire::ClassifierAt classifier_at = [&](Timestamp t) { return versions.at(t); };
  std::vector<ceasefire::Finding> findings;
  ceasefire::find_weapons_in_zones(reports, clusters, classifier_at, findings);
  ceasefire::find_fire(reports, clusters, classifier_at, findings);
  ceasefire::find_crossings(reports, clusters, classifier_at, run.config, findings);
  ceasefire::find_disengagement_area_presence(reports, clusters, classifier_at, findings);

  store::IncidentWriter writer(ws);
  const Timestamp recorded_at = now();
  for (auto& f : findings) {
    Incident incident;
    incident.rule = std::string(f.rule);
    incident.severity = f.severity;
    incident.confidence = ceasefire::confidence_of(f.corroboration);
    incident.start = f.start;
    incident.end = f.end;
    incident.lat = f.at.lat;
    incident.lon = f.at.lon;
    incident.entities = std::move(f.entities);
    for (const auto i : f.reports)
      incident.evidence.push_back(reports[i].id);
    incident.attributes = std::move(f.attributes);
    normalise(incident);
    // The id covers what was found, not what it replaces, so a re-run finds it again.
    incident.id = derive_incident_id(incident);
    if (store::find_incident(ws, incident.id)) {
      ++result.known[incident.rule];
      continue;
    }
    const auto replaced = overlapping(ws, incident.rule, incident.evidence, incident.id);
    if (!replaced.empty()) {
      incident.attributes["supersedes"] = replaced;
      ++result.superseding[incident.rule];
    }
    incident.recorded_by = run.by;
    incident.recorded_at = recorded_at;
    const auto rule = incident.rule;
    const auto logged = writer.add(std::move(incident));
    ++(logged.created ? result.created : result.known)[rule];
  }
  writer.commit();
  return result;
}

}  // namespace vigil::detect
