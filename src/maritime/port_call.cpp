// maritime.port_call: a vessel comes within port_call.entry_km (3 km) of a port, anchorage
// or terminal, stops there (a report under port_call.stop_kn), and leaves beyond
// port_call.exit_km (4 km): Global Fishing Watch's port-visit definition. Calls at Russian
// oil export terminals are marked and rank high: that is where sanctioned cargo loads. Only
// vessels of port_call.classes call (ships that load or land cargo or catch).

#include "detectors.hpp"

namespace vigil::maritime::detail {

void PortCallDetector::on_report(VesselState& vessel, const Fix& previous, const Fix& fix,
                                 Context& context) {
  if (context.places == nullptr) return;
  const Config& config = context.config;
  PortState& port = vessel.port;
  if (port.place == PortState::kNoPlace) {
    // Ports and terminals: a stop at an anchorage is a wait, not a call.
    const auto near = context.places->nearest(fix.at(), config.port_entry_km * 1000, true);
    if (!near) return;
    port.place = near->index;
    port.entry = fix.time;
    port.entry_ref = fix.ref;
    port.stopped = speed_kn(previous, fix) < config.port_stop_kn;
    port.arrival_seen = previous.time != fix.time;
    return;
  }
  const geo::Place& place = (*context.places)[port.place];
  if (geo::fast_distance_m(place.at, fix.at()) <= config.port_exit_km * 1000) {
    if (!port.stopped && speed_kn(previous, fix) < config.port_stop_kn) port.stopped = true;
    return;
  }
  emit(vessel, previous, false, context);
  port = {};
  // It may have left one port for a neighbouring one.
  on_report(vessel, previous, fix, context);
}

void PortCallDetector::emit(VesselState& vessel, const Fix& last, bool ongoing, Context& context) {
  const PortState& port = vessel.port;
  if (!port.stopped) return;  // passing by, not calling
  // In port from its first report to the end: nothing is known but that it was there.
  if (ongoing && !port.arrival_seen) return;
  // A ferry at its landing, a tug or a yacht back in port: no call that sanctions care for.
  if (!context.config.port_call_classes.contains(
          class_of_vessel(vessel, context.config).vessel_class)) {
    context.set_aside("maritime.port_call");
    return;
  }
  const geo::Place& place = (*context.places)[port.place];
  Event event;
  event.rule = "maritime.port_call";
  event.start = port.entry;
  event.end = last.time;
  event.at = place.at;
  event.mmsis = {vessel.mmsi};
  event.evidence = {{vessel.mmsi, port.entry, port.entry_ref}, {vessel.mmsi, last.time, last.ref}};
  auto& a = event.attributes;
  a["place_id"] = place.id;
  a["place"] = place.name;
  a["place_kind"] = place.kind;
  if (!place.country.empty()) a["country"] = place.country;
  a["russian_oil_terminal"] = place.russian_oil;
  a["hours"] = std::round(to_hours(last.time - port.entry) * 100) / 100;
  if (ongoing) a["ongoing"] = true;
  if (!port.arrival_seen) a["arrival_seen"] = false;
  event.severity = place.russian_oil ? Severity::high : Severity::info;
  event.confidence = 0.9;
  context.emit(std::move(event));
}

void PortCallDetector::finish(VesselState& vessel, Context& context) {
  if (context.places == nullptr || vessel.port.place == PortState::kNoPlace) return;
  emit(vessel, vessel.own().last, true, context);
  vessel.port = {};
}

}  // namespace vigil::maritime::detail
