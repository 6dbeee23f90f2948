#include "vigil/detect/ceasefire_detection.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "vigil/ceasefire/rules.hpp"
#include "vigil/core/incident.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/schema.hpp"

namespace vigil::detect {
namespace {

using ceasefire::Classifier;
using store::Statement;

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

std::string ceasefire_kind_list() {
  std::string out;
  for (const auto k : observation_kind_names())
    if (is_ceasefire_kind(*parse_observation_kind(k)))
      out += (out.empty() ? "'" : ", '") + std::string(k) + "'";
  return out;
}

// Which stored observations to read: a time window, or the batches from one on (what an
// ingest has just added).
struct ReportSelection {
  Timestamp from = kEarliestTime;
  Timestamp to = kLatestTime;
  std::int64_t from_batch = 0;
  bool with_positions = true;
};

// The ceasefire observations selected, and the positions of entities that are not vessels
// (whose crossings the rules look for). Both queries go through the partial indexes over
// observations that are not vessels' AIS reports, so the cost follows the ceasefire data,
// not the AIS volume beside it.
std::vector<ceasefire::Report> read_reports(store::Workspace& ws, const ReportSelection& selection,
                                            const ceasefire::RuleConfig& config,
                                            CeasefireRunResult& result) {
  const std::string kinds =
      "(kind IN (" + ceasefire_kind_list() + ")" +
      (selection.with_positions ? " OR (kind = 'position' AND entity IS NOT NULL))" : ")");
  // INDEXED BY: without statistics the planner may prefer the primary key's time order, a
  // scan of every AIS report in the window.
  const bool by_batch = selection.from_batch > 0;
  const std::string range = by_batch ? ws.db().indexed_by("observations_not_vessel_batch") +
                                           " WHERE batch >= ? AND batch < ?"
                                     : ws.db().indexed_by("observations_not_vessel_time") +
                                           " WHERE time_us >= ? AND time_us < ?";
  Statement st(ws.db(), "SELECT id, time_us, lat, lon, kind, source, entity, uncertainty_m, " +
                            ws.db().json_field("attributes", "weapon_class") + ", " +
                            ws.db().json_field("attributes", "count") + ", " +
                            ws.db().json_field("attributes", "time_precision") +
                            " FROM observations" + range + " AND " +
                            std::string(store::kNotVesselObservation) + " AND " + kinds +
                            " ORDER BY time_us, id");
  if (by_batch)
    st.bind(1, selection.from_batch).bind(2, std::numeric_limits<std::int64_t>::max());
  else
    st.bind(1, selection.from).bind(2, selection.to);
  std::vector<ceasefire::Report> reports;
  while (st.step()) {
    ceasefire::Report r;
    r.id = std::string(st.text(0));
    r.time = st.int64(1);
    r.at = {st.real(2), st.real(3)};
    const auto kind = parse_observation_kind(st.text(4));
    if (!kind) continue;  // stored before the vocabulary was enforced
    r.kind = *kind;
    r.source = std::string(st.text(5));
    if (!st.is_null(6)) r.entity = std::string(st.text(6));
    r.uncertainty_m = st.is_null(7) ? config.default_uncertainty_m : st.real(7);
    if (!st.is_null(8)) r.weapon_class = parse_weapon_class(st.text(8));
    if (!st.is_null(9)) r.count = static_cast<std::uint32_t>(std::max(1.0, st.real(9)));
    if (!st.is_null(10) && st.text(10) == "day") r.span = kDay;
    ++(r.kind == ObservationKind::position ? result.positions : result.reports);
    reports.push_back(std::move(r));
  }
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
  Statement current(ws.db(),
                    "SELECT 1 FROM observation_classes WHERE observation_id = ? AND line = ? AND "
                    "line_valid_from = ? AND settlement = ?");
  Statement put(ws.db(),
                "INSERT INTO observation_classes (observation_id, time_us, line, "
                "line_valid_from, settlement, side, distance_m, zones, sector) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (observation_id) DO UPDATE SET "
                "time_us = excluded.time_us, line = excluded.line, "
                "line_valid_from = excluded.line_valid_from, settlement = excluded.settlement, "
                "side = excluded.side, distance_m = excluded.distance_m, "
                "zones = excluded.zones, sector = excluded.sector");
  const auto& settlement = versions.settlement();
  std::uint64_t stored = 0;
  for (const auto& r : reports) {
    if (r.kind == ObservationKind::position) continue;
    const int v = versions.version_at(r.time);
    if (v < 0) continue;
    current.reset();
    current.bind(1, r.id)
        .bind(2, settlement.line)
        .bind(3, versions.valid_from(v))
        .bind(4, settlement.id);
    if (current.step()) continue;
    const Classifier* c = versions.at(r.time);
    const auto where = c->classify(r.at);
    put.reset();
    put.bind(1, r.id).bind(2, r.time).bind(3, settlement.line).bind(4, versions.valid_from(v));
    put.bind(5, settlement.id);
    if (where.side >= 0)
      put.bind(6, settlement.settlement.parties[static_cast<std::size_t>(where.side)].id);
    else
      put.bind_null(6);
    put.bind(7, where.distance_m).bind(8, zone_names(*c, where));
    if (where.sector != ceasefire::Classification::kNoSector)
      put.bind(9, c->sectors()[where.sector]);
    else
      put.bind_null(9);
    put.step();
    ++stored;
  }
  return stored;
}

// The logged incidents of `rule` that share evidence with `evidence`, other than `self`.
std::vector<std::string> overlapping(store::Workspace& ws, const std::string& rule,
                                     const std::vector<std::string>& evidence,
                                     const std::string& self) {
  Statement st(ws.db(),
               "SELECT e.incident_id FROM incident_evidence e JOIN incidents i ON i.id = "
               "e.incident_id WHERE e.observation_id = ? AND i.rule = ?");
  std::vector<std::string> ids;
  for (const auto& id : evidence) {
    st.reset();
    st.bind(1, id).bind(2, rule);
    while (st.step())
      if (st.text(0) != self) ids.emplace_back(st.text(0));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

std::uint64_t classify_stored_observations(store::Workspace& ws, std::int64_t from_batch) {
  auto settlement = store::current_settlement(ws);
  if (!settlement) return 0;
  LineVersions versions(ws, std::move(*settlement));
  CeasefireRunResult ignored;
  ReportSelection selection;
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
  ReportSelection selection;
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
