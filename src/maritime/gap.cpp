// maritime.gap: an AIS silence of gap.min_h (6 h) or more on a vessel's own track. Following
// Global Fishing Watch (pipe-gaps), a gap is "likely intentional" when it lasts at least
// gap.intentional_min_h (12 h), begins at least gap.intentional_min_shore_nm (50 nm) from
// shore, and reception where it began was good: other vessels kept being heard there.
// A silence during which no vessel at all was heard is the feed's, not the vessel's (an
// outage, or a source of periodic snapshots), and is counted, not reported.

#include "detectors.hpp"

namespace vigil::maritime::detail {
namespace {

std::size_t reception_cell(const Fix& fix) {
  const auto row = std::clamp(static_cast<int>(std::floor(from_e7(fix.lat) + 90)), 0, 179);
  const auto column = std::clamp(static_cast<int>(std::floor(from_e7(fix.lon) + 180)), 0, 359);
  return static_cast<std::size_t>(row) * 360 + static_cast<std::size_t>(column);
}

}  // namespace

void GapDetector::count_report(const Fix& fix) {
  ++reports_per_cell_[reception_cell(fix)];
  const std::int64_t hour = fix.time / kMicrosPerHour;
  if (hour != current_hour_) {
    current_hour_ = hour;
    current_hour_count_ = &reports_per_hour_[hour];
  }
  ++*current_hour_count_;
}

bool GapDetector::feed_heard_between(Timestamp from, Timestamp to) const {
  const std::int64_t first = from / kMicrosPerHour + 1, last = to / kMicrosPerHour - 1;
  if (first > last) return true;  // no whole hour in between: nothing to tell
  for (auto it = reports_per_hour_.lower_bound(first);
       it != reports_per_hour_.end() && it->first <= last; ++it)
    if (it->second > 0) return true;
  return false;
}

std::uint32_t GapDetector::reception_count(const Fix& fix) const {
  return reports_per_cell_[reception_cell(fix)];
}

std::optional<GapDetector::Gap> GapDetector::on_report(VesselState& vessel, const Fix& previous,
                                                       const Fix& fix, Context& context) {
  const Config& config = context.config;
  const Timestamp silence = fix.time - previous.time;
  if (silence < hours(config.gap_min_h)) return std::nullopt;
  // When nobody at all was heard meanwhile, the feed was down (or is a series of
  // snapshots), not the vessel's transmitter.
  if (!feed_heard_between(previous.time, fix.time)) {
    ++outages_;
    return std::nullopt;
  }

  Event event;
  event.rule = "maritime.gap";
  event.start = previous.time;
  event.end = fix.time;
  event.at = previous.at();
  event.mmsis = {vessel.mmsi};
  event.evidence = {{vessel.mmsi, previous.time, previous.ref}, {vessel.mmsi, fix.time, fix.ref}};
  const double h = to_hours(silence);
  const double km = geo::distance_m(previous.at(), fix.at()) / 1000;
  // Reports heard in the cell where the gap began, from others, while this vessel was silent.
  const std::uint32_t heard = reports_per_cell_[reception_cell(previous)] - vessel.reception_mark;
  const double reception = heard / h;
  auto& a = event.attributes;
  a["hours"] = std::round(h * 100) / 100;
  a["distance_km"] = std::round(km * 10) / 10;
  a["implied_speed_kn"] = std::round(km * 1000 / geo::kMetresPerNauticalMile / h * 10) / 10;
  a["reception_per_h"] = std::round(reception * 10) / 10;
  bool intentional = false;
  if (h >= config.gap_intentional_min_h && reception >= config.gap_min_reception_per_h) {
    const double limit_m = config.gap_intentional_min_shore_nm * geo::kMetresPerNauticalMile;
    double shore_m = limit_m;
    if (context.land != nullptr) {
      shore_m = context.land->distance_to_shore_m(previous.at(), limit_m);
      a["shore_distance_nm"] = std::round(shore_m / geo::kMetresPerNauticalMile * 10) / 10;
    }
    intentional = shore_m >= limit_m;
  }
  a["likely_intentional"] = intentional;
  event.severity = intentional ? Severity::high : Severity::medium;
  event.confidence = intentional ? 0.8 : 0.5;
  context.emit(std::move(event));
  return Gap{vessel.mmsi, previous, fix};
}

}  // namespace vigil::maritime::detail
