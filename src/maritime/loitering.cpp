// maritime.loitering: a vessel moving at an average speed under loitering.max_speed_kn (2 kn)
// for at least loitering.min_h (4 h), away from ports (loitering.min_port_distance_km) and
// at least loitering.min_shore_nm (20 nm) from shore, as Global Fishing Watch defines it for
// carriers waiting for a transfer; only vessels of loitering.classes (tankers, gas carriers,
// cargo ships) loiter. A loitering spell is a run of slow reports (by the speed reported or
// the distance covered since a report at most an hour before, whichever is slower); it
// ends at the first fast report or at a new track segment.

#include "detectors.hpp"

namespace vigil::maritime::detail {
namespace {

// Reports this close together tell by the distance between them how fast a vessel went.
constexpr double kShortLegMin = 60;

}  // namespace

void LoiteringDetector::on_report(VesselState& vessel, const Fix& previous, const Fix& fix,
                                  bool new_segment, Context& context) {
  const Config& config = context.config;
  LoiterState& spell = vessel.loiter;
  if (new_segment) {
    close(vessel, previous, context);
    return;
  }
  // Slow by what it says or by how far it went since a report within the hour: a drifting
  // tanker's speed over ground reads 2.0 kn now and then while it moves 70 m in two minutes,
  // and that ends no spell. Over a longer silence the distance says little of its speed now.
  double speed = speed_kn(previous, fix);
  if (fix.time - previous.time <= minutes(kShortLegMin)) {
    if (const double implied = implied_speed_kn(previous, fix); !std::isnan(implied))
      speed = std::min(speed, implied);
  }
  if (!(speed < config.loitering_max_speed_kn)) {
    close(vessel, previous, context);
    return;
  }
  if (!spell.active) {
    spell = {};
    spell.active = true;
    spell.start = previous.time;
    spell.start_ref = previous.ref;
    spell.lat = previous.lat;
    spell.lon = previous.lon;
    spell.near_port = context.near_place(previous.at(), config.loitering_min_port_distance_km);
  }
  spell.metres += static_cast<float>(geo::fast_distance_m(previous.at(), fix.at()));
  // A spell that has lain on one spot for berth.min_h beside the coast marks a berth, once.
  if (!spell.berth_judged && fix.time - spell.start >= hours(config.berth_min_h)) {
    spell.berth_judged = true;
    const geo::LatLon began{from_e7(spell.lat), from_e7(spell.lon)};
    if (geo::fast_distance_m(began, fix.at()) <= config.berth_max_drift_m &&
        context.beside_shore(fix.at()))
      context.note_berth(fix);
  }
  // Checked only every few kilometres travelled: the place changes slowly.
  if (!spell.near_port &&
      static_cast<int>(spell.metres / 2000) != static_cast<int>((spell.metres - 1) / 2000))
    spell.near_port = context.near_place(fix.at(), config.loitering_min_port_distance_km);
}

void LoiteringDetector::close(VesselState& vessel, const Fix& last, Context& context) {
  LoiterState& spell = vessel.loiter;
  if (!spell.active) return;
  spell.active = false;
  const Timestamp duration = last.time - spell.start;
  if (spell.near_port || duration < hours(context.config.loitering_min_h)) return;
  const double average_kn = spell.metres / (static_cast<double>(duration) / kMicrosPerSecond) /
                            geo::kMetresPerSecondPerKnot;
  if (!(average_kn < context.config.loitering_max_speed_kn)) return;
  if (!context.config.loitering_classes.contains(
          class_of_vessel(vessel, context.config).vessel_class)) {
    context.set_aside("maritime.loitering");
    return;
  }
  const geo::LatLon at{from_e7(spell.lat), from_e7(spell.lon)};
  if (context.at_berth(at)) {
    context.set_aside_at_berth("maritime.loitering");
    return;
  }
  const double shore_limit_m = context.config.loitering_min_shore_nm * geo::kMetresPerNauticalMile;
  double shore_m = shore_limit_m;
  if (context.land != nullptr) {
    // On "land" the coastline does not draw is a river or a port basin: a berth, never the
    // open sea a transfer waits in.
    if (context.land->on_land(at)) return;
    if (shore_limit_m > 0) {
      shore_m = context.land->distance_to_shore_m(at, shore_limit_m);
      if (shore_m < shore_limit_m) return;  // waiting off the coast: an anchorage, a channel
    }
  }
  Event event;
  event.rule = "maritime.loitering";
  event.start = spell.start;
  event.end = last.time;
  event.at = at;
  event.mmsis = {vessel.mmsi};
  event.evidence = {{vessel.mmsi, spell.start, spell.start_ref},
                    {vessel.mmsi, last.time, last.ref}};
  event.attributes["hours"] = std::round(to_hours(duration) * 100) / 100;
  event.attributes["average_speed_kn"] = std::round(average_kn * 100) / 100;
  event.attributes["distance_km"] = std::round(static_cast<double>(spell.metres) / 100) / 10;
  if (context.land != nullptr && shore_limit_m > 0)
    event.attributes["shore_distance_nm"] =
        std::round(shore_m / geo::kMetresPerNauticalMile * 10) / 10;
  event.severity = Severity::low;
  event.confidence = 0.6;
  context.emit(std::move(event));
}

void LoiteringDetector::finish(VesselState& vessel, Context& context) {
  close(vessel, vessel.own().last, context);
}

}  // namespace vigil::maritime::detail
