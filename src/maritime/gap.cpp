// maritime.gap: an AIS silence of gap.min_h (6 h) or more on a vessel's own track. Following
// Global Fishing Watch (pipe-gaps), a gap is "likely intentional" when it lasts at least
// gap.intentional_min_h (12 h), begins at least gap.intentional_min_shore_nm (50 nm) from
// shore, and reception where it began was good: other vessels kept being heard there.
// A gap is reported only where the feed hears others (anyone, in gap.min_heard_hours_share of
// the gap's hours, in the 0.5° cell where the vessel would have been that hour on the straight
// path from where it went dark to where it reappeared), for vessels of gap.classes, and not
// for a vessel that stayed at its berth. A silence during which the feed heard nobody for more than
// 1 - gap.min_feed_hours_share of its whole hours is the feed's (an outage, periodic
// snapshots, two logs years apart), and is counted, not reported.

#include "detectors.hpp"

namespace vigil::maritime::detail {
namespace {

// The index of a fix's cell in a grid of `per_degree` cells a degree, row by row from the
// south-west corner.
std::size_t grid_cell(const Fix& fix, int per_degree) {
  const int rows = 180 * per_degree, columns = 360 * per_degree;
  const auto row =
      std::clamp(static_cast<int>(std::floor((from_e7(fix.lat) + 90) * per_degree)), 0, rows - 1);
  const auto column = std::clamp(
      static_cast<int>(std::floor((from_e7(fix.lon) + 180) * per_degree)), 0, columns - 1);
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) +
         static_cast<std::size_t>(column);
}

// The 1° cell whose reports per hour measure reception where a gap began.
std::size_t reception_cell(const Fix& fix) {
  return grid_cell(fix, 1);
}

// The half-degree cell (about 55 km) whose hours of hearing anyone judge a silence: a coastal
// receiver hears some 40 nm out, so a 1° cell may hold both waters it hears and waters it
// does not.
std::size_t heard_cell(const Fix& fix) {
  return grid_cell(fix, 2);
}

}  // namespace

void GapDetector::count_report(const Fix& fix) {
  ++reports_per_cell_[reception_cell(fix)];
  const std::size_t cell = heard_cell(fix);
  const std::int64_t hour = fix.time / kMicrosPerHour;
  if (cell_latest_hour_[cell] != hour) {
    cell_latest_hour_[cell] = hour;
    CellHours& h = cell_hours_[static_cast<std::uint32_t>(cell)];
    if (hour > h.latest) {
      // Hours skipped since the latest are unheard: clear their bits as the ring moves on.
      const std::int64_t skipped = h.latest == std::numeric_limits<std::int64_t>::min()
                                       ? kCellHours
                                       : std::min(hour - h.latest - 1, kCellHours);
      for (std::int64_t k = 1; k <= skipped; ++k)
        h.heard.reset(
            static_cast<std::size_t>(((hour - k) % kCellHours + kCellHours) % kCellHours));
      h.latest = hour;
    }
    if (hour > h.latest - kCellHours)
      h.heard.set(static_cast<std::size_t>((hour % kCellHours + kCellHours) % kCellHours));
  }
  if (hour != current_hour_) {
    current_hour_ = hour;
    current_hour_count_ = &reports_per_hour_[hour];
  }
  ++*current_hour_count_;
}

bool GapDetector::feed_heard_between(Timestamp from, Timestamp to, double min_share) const {
  const std::int64_t first = from / kMicrosPerHour + 1, last = to / kMicrosPerHour - 1;
  if (first > last) return true;  // no whole hour in between: nothing to tell
  std::int64_t heard = 0;
  for (auto it = reports_per_hour_.lower_bound(first);
       it != reports_per_hour_.end() && it->first <= last; ++it)
    if (it->second > 0) ++heard;
  return static_cast<double>(heard) >= min_share * static_cast<double>(last - first + 1);
}

double GapDetector::path_heard_share(const Fix& from, const Fix& to) const {
  const std::int64_t last = to.time / kMicrosPerHour - 1;
  const std::int64_t first = std::max(from.time / kMicrosPerHour + 1, last - kCellHours + 1);
  if (first > last) return 1;  // no whole hour in between: nothing to tell
  const double lat0 = from_e7(from.lat), lon0 = from_e7(from.lon);
  const double dlat = from_e7(to.lat) - lat0;
  double dlon = from_e7(to.lon) - lon0;
  if (dlon > 180) dlon -= 360;  // across the antimeridian, the short way
  if (dlon < -180) dlon += 360;
  const double span = static_cast<double>(to.time - from.time);
  std::int64_t heard = 0;
  std::size_t cached_cell = std::numeric_limits<std::size_t>::max();
  const CellHours* hours_of_cell = nullptr;
  for (std::int64_t hour = first; hour <= last; ++hour) {
    // Where it would have been in the middle of that hour.
    const double t = std::clamp(
        (static_cast<double>(hour * kMicrosPerHour + kMicrosPerHour / 2 - from.time)) / span, 0.0,
        1.0);
    double lon = lon0 + t * dlon;
    if (lon >= 180) lon -= 360;
    if (lon < -180) lon += 360;
    Fix at;
    at.lat = to_e7(lat0 + t * dlat);
    at.lon = to_e7(lon);
    const std::size_t cell = heard_cell(at);
    if (cell != cached_cell) {
      cached_cell = cell;
      const auto it = cell_hours_.find(static_cast<std::uint32_t>(cell));
      hours_of_cell = it == cell_hours_.end() ? nullptr : &it->second;
    }
    if (hours_of_cell == nullptr || hour > hours_of_cell->latest ||
        hour <= hours_of_cell->latest - kCellHours)
      continue;
    if (hours_of_cell->heard.test(
            static_cast<std::size_t>((hour % kCellHours + kCellHours) % kCellHours)))
      ++heard;
  }
  return static_cast<double>(heard) / static_cast<double>(last - first + 1);
}

std::uint32_t GapDetector::reception_count(const Fix& fix) const {
  return reports_per_cell_[reception_cell(fix)];
}

std::optional<GapDetector::Gap> GapDetector::on_report(VesselState& vessel, const Fix& previous,
                                                       const Fix& fix, Context& context) {
  const Config& config = context.config;
  const Timestamp silence = fix.time - previous.time;
  if (silence < hours(config.gap_min_h)) return std::nullopt;
  // When nobody at all was heard for part of the silence, the feed was down (or is a series
  // of snapshots, or two logs years apart), not the vessel's transmitter.
  if (!feed_heard_between(previous.time, fix.time, config.gap_min_feed_hours_share)) {
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
  // Not findings, though their silences still count for dark encounters (which judge the
  // pair themselves): a tug or a yacht out of a receiver's range; a vessel where the feed
  // hears almost nobody (its silence is the coverage's); a vessel silent at its berth, where
  // it went dark and reappeared on one spot in a port, a river or beside the coast.
  const bool for_class = config.gap_classes.contains(class_of_vessel(vessel, config).vessel_class);
  const double heard_share = path_heard_share(previous, fix);
  a["heard_hours_share"] = std::round(heard_share * 100) / 100;
  const bool heard_there = heard_share >= config.gap_min_heard_hours_share;
  const bool at_berth =
      km < 1 && (context.at_berth(previous.at()) || context.beside_shore(previous.at()));
  if (!for_class) {
    context.set_aside("maritime.gap");
  } else if (at_berth) {
    context.set_aside_at_berth("maritime.gap");
  } else if (!heard_there) {
    ++context.stats->unheard_gaps;
  } else {
    context.emit(std::move(event));
  }
  return Gap{vessel.mmsi, previous, fix, heard_there};
}

}  // namespace vigil::maritime::detail
