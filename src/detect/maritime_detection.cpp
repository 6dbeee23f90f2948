#include "vigil/detect/maritime_detection.hpp"

#include <algorithm>
#include <vector>

#include "vigil/core/incident.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/sanctions/screening.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/vessel_store.hpp"
#include "vigil/vessel/entity_id.hpp"
#include "vigil/vessel/vessel_class.hpp"

namespace vigil::detect {
namespace {

// Collects events; they become incidents once the engine is done, so that the evidence
// lookups do not interleave with the position scan.
class Collect final : public maritime::EventSink {
 public:
  void on_event(maritime::Event event) override { events.push_back(std::move(event)); }
  std::vector<maritime::Event> events;
};

// The AIS type a listed ship's kind stands for: what the rules read when a vessel never
// says its own type but a list names it by IMO or MMSI ("Crude Oil Tanker").
int ais_type_of(vessel::VesselClass kind) {
  switch (kind) {
    case vessel::VesselClass::tanker:
    case vessel::VesselClass::gas_carrier:
      return 80;
    case vessel::VesselClass::cargo:
      return 70;
    case vessel::VesselClass::fishing:
      return 30;
    case vessel::VesselClass::passenger:
      return 60;
    case vessel::VesselClass::service:
      return 52;
    case vessel::VesselClass::pleasure:
      return 37;
    case vessel::VesselClass::unknown:
      break;
  }
  return 0;
}

// Vessels that never said their type, but that a list names by IMO or MMSI with a type: the
// list's type, as a report at the run's start (the vessel's own type, when it says one, comes
// after and prevails).
void add_listed_types(store::Workspace& ws, Timestamp from,
                      std::vector<store::IdentityReport>& identities) {
  auto entries = store::current_list_entries(ws);
  if (entries.empty()) return;
  const sanctions::Screener screener(std::move(entries));
  std::vector<store::IdentityReport> listed;
  for (const auto& known : store::known_vessels(ws)) {
    if (known.ship_type != 0) continue;
    for (const auto& match : screener.screen(known)) {
      if (match.basis == sanctions::MatchBasis::name) continue;
      const int code = ais_type_of(vessel::class_of_listed_type(match.entry->vessel_type));
      if (code == 0) continue;
      listed.push_back({from == kEarliestTime ? 0 : from, known.mmsi, vessel::Attribute::ship_type,
                        std::to_string(code)});
      break;
    }
  }
  if (listed.empty()) return;
  identities.insert(identities.begin(), listed.begin(), listed.end());
  std::stable_sort(identities.begin(), identities.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
}

}  // namespace

MaritimeRunResult run_maritime_detection(store::Workspace& ws, const maritime::Geography& geography,
                                         const MaritimeRun& run) {
  MaritimeRunResult result;
  const Timestamp from = run.from.value_or(kEarliestTime);
  const Timestamp to = run.to.value_or(kLatestTime);

  // What vessels said about themselves: each run of a value is one report of it, at its
  // first time, which is all the identity detector needs to see a change.
  auto identities = store::identity_reports(ws, from, to);
  add_listed_types(ws, from, identities);

  Collect events;
  maritime::Engine engine(run.config, geography.land ? &*geography.land : nullptr,
                          &geography.places, events);
  std::size_t next_identity = 0;
  const auto identities_until = [&](Timestamp t) {
    for (; next_identity < identities.size() && identities[next_identity].time <= t;
         ++next_identity) {
      const auto& v = identities[next_identity];
      engine.on_static({v.mmsi, v.time, v.attribute, v.value, 0});
      ++result.static_values;
    }
  };
  store::for_each_vessel_fix(ws, from, to, [&](const store::VesselFix& fix) {
    maritime::Position p;
    p.time = fix.time;
    identities_until(p.time);
    p.mmsi = fix.mmsi;
    p.at = {fix.lat, fix.lon};
    if (fix.speed_kn) p.speed = static_cast<float>(*fix.speed_kn);
    engine.on_position(p);
    ++result.positions;
  });
  identities_until(kLatestTime);
  engine.finish();
  result.not_for_class = engine.stats().not_for_class;
  result.at_berth = engine.stats().at_berth;

  // Evidence: the position observation of each vessel at each evidence time.
  store::IncidentWriter writer(ws);
  const Timestamp recorded_at = now();
  for (auto& event : events.events) {
    // A port call still under way would be logged again, longer, by the next run: it waits
    // until the vessel has left.
    if (event.attributes.value("ongoing", false)) {
      ++result.pending[std::string(event.rule)];
      continue;
    }
    Incident incident;
    incident.rule = std::string(event.rule);
    incident.severity = event.severity;
    incident.confidence = event.confidence;
    incident.start = event.start;
    incident.end = event.end;
    incident.lat = event.at.lat;
    incident.lon = event.at.lon;
    for (const auto mmsi : event.mmsis)
      incident.entities.push_back(vessel::mmsi_entity(mmsi));
    for (const auto& e : event.evidence)
      if (auto id = store::position_observation_at(ws, e.time, vessel::mmsi_entity(e.mmsi)))
        incident.evidence.push_back(std::move(*id));
    incident.attributes = std::move(event.attributes);
    incident.recorded_by = run.by;
    incident.recorded_at = recorded_at;
    normalise(incident);
    const auto logged = writer.add(std::move(incident));
    ++(logged.created ? result.created : result.known)[std::string(event.rule)];
  }
  writer.commit();
  return result;
}

}  // namespace vigil::detect
