// maritime.dark_encounter: two vessels go dark near each other and reappear near each other
// (within dark_encounter.max_distance_km, with going dark and reappearing each within
// dark_encounter.max_offset_h of the other's): the pattern of a ship-to-ship transfer
// hidden by switching AIS off. Each closed gap is compared with the gaps closed recently;
// both must be silences where others kept being heard (gap.min_reception_per_h), and the
// pair a carrier and a partner (dark_encounter.carrier_classes, partner_classes).

#include "detectors.hpp"

namespace vigil::maritime::detail {

void DarkEncounterDetector::on_gap(const GapDetector::Gap& gap, Context& context) {
  const Config& config = context.config;
  const Timestamp offset = hours(config.dark_encounter_max_offset_h);
  const double max_m = config.dark_encounter_max_distance_km * 1000;
  while (!recent_.empty() && recent_.front().to.time < gap.to.time - offset)
    recent_.pop_front();
  // Two vessels that leave a receiver's range together fall silent together: only where
  // others kept being heard is a shared silence theirs.
  if (!gap.heard_there) {
    recent_.push_back(gap);
    return;
  }
  for (const auto& other : recent_) {
    if (other.mmsi == gap.mmsi || !other.heard_there) continue;
    if (std::llabs(other.from.time - gap.from.time) > offset) continue;
    if (std::llabs(other.to.time - gap.to.time) > offset) continue;
    const double apart_before = geo::fast_distance_m(other.from.at(), gap.from.at());
    const double apart_after = geo::fast_distance_m(other.to.at(), gap.to.at());
    if (apart_before > max_m || apart_after > max_m) continue;
    if (!context.carrier_and_partner(gap.mmsi, other.mmsi, config.dark_encounter_carrier_classes,
                                     config.dark_encounter_partner_classes)) {
      context.set_aside("maritime.dark_encounter");
      continue;
    }
    const geo::LatLon at{(from_e7(gap.from.lat) + from_e7(other.from.lat)) / 2,
                         (from_e7(gap.from.lon) + from_e7(other.from.lon)) / 2};
    // Two ships that switch off at one terminal and sail from it: a berth, not a meeting.
    if (context.at_berth(at)) {
      context.set_aside_at_berth("maritime.dark_encounter");
      continue;
    }
    Event event;
    event.rule = "maritime.dark_encounter";
    event.start = std::max(other.from.time, gap.from.time);
    event.end = std::min(other.to.time, gap.to.time);
    if (event.end < event.start) std::swap(event.start, event.end);
    event.at = at;
    event.mmsis = {std::min(gap.mmsi, other.mmsi), std::max(gap.mmsi, other.mmsi)};
    event.evidence = {{other.mmsi, other.from.time, other.from.ref},
                      {other.mmsi, other.to.time, other.to.ref},
                      {gap.mmsi, gap.from.time, gap.from.ref},
                      {gap.mmsi, gap.to.time, gap.to.ref}};
    event.attributes["distance_before_km"] = std::round(apart_before / 100) / 10;
    event.attributes["distance_after_km"] = std::round(apart_after / 100) / 10;
    event.attributes["hours"] = std::round(to_hours(event.end - event.start) * 100) / 100;
    event.severity = Severity::high;
    event.confidence = 0.7;
    context.emit(std::move(event));
  }
  recent_.push_back(gap);
}

}  // namespace vigil::maritime::detail
