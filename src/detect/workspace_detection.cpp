#include "vigil/detect/workspace_detection.hpp"

#include <algorithm>
#include <vector>

#include "vigil/core/incident.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/vessel/entity_id.hpp"

namespace vigil::detect {
namespace {

using store::Statement;

struct IdentityValue {
  Timestamp time;
  std::uint32_t mmsi;
  vessel::Attribute attribute;
  std::string value;
};

// Collects events; they become incidents once the engine is done, so that the evidence
// lookups do not interleave with the position scan.
class Collect final : public maritime::EventSink {
 public:
  void on_event(maritime::Event event) override { events.push_back(std::move(event)); }
  std::vector<maritime::Event> events;
};

}  // namespace

MaritimeRunResult run_maritime_detection(store::Workspace& ws, const maritime::Geography& geography,
                                         const MaritimeRun& run) {
  MaritimeRunResult result;
  const Timestamp from = run.from.value_or(kEarliestTime);
  const Timestamp to = run.to.value_or(kLatestTime);

  // What vessels said about themselves: each run of a value is one report of it, at its
  // first time, which is all the identity detector needs to see a change.
  std::vector<IdentityValue> identities;
  {
    Statement st(
        ws.db(),
        "SELECT first_us, mmsi, attribute, value FROM vessel_identity "
        "WHERE attribute IN ('name', 'callsign', 'imo') AND first_us >= ? AND first_us < ? "
        "ORDER BY first_us, mmsi, attribute, value");
    st.bind(1, from).bind(2, to);
    while (st.step()) {
      const auto attribute = vessel::parse_attribute(st.text(2));
      if (!attribute) continue;
      identities.push_back({st.int64(0), static_cast<std::uint32_t>(st.int64(1)), *attribute,
                            std::string(st.text(3))});
    }
  }

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
  {
    Statement st(ws.db(), "SELECT time_us, lat, lon, entity, " +
                              ws.db().json_field("attributes", "speed") +
                              " FROM observations WHERE kind = 'position' AND entity LIKE 'mmsi:%' "
                              "AND time_us >= ? AND time_us < ? ORDER BY time_us, id");
    st.bind(1, from).bind(2, to);
    while (st.step()) {
      const auto mmsi = vessel::mmsi_of_entity(st.text(3));
      if (!mmsi) continue;
      maritime::Position p;
      p.time = st.int64(0);
      identities_until(p.time);
      p.mmsi = *mmsi;
      p.at = {st.real(1), st.real(2)};
      if (!st.is_null(4)) p.speed = static_cast<float>(st.real(4));
      engine.on_position(p);
      ++result.positions;
    }
  }
  identities_until(kLatestTime);
  engine.finish();

  // Evidence: the position observation of each vessel at each evidence time.
  Statement find(
      ws.db(),
      "SELECT id FROM observations WHERE time_us = ? AND entity = ? AND kind = 'position' "
      "ORDER BY id LIMIT 1");
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
    for (const auto& e : event.evidence) {
      find.reset();
      find.bind(1, e.time).bind(2, vessel::mmsi_entity(e.mmsi));
      if (find.step()) incident.evidence.emplace_back(find.text(0));
    }
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
