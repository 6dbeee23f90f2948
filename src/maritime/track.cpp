// Track segmentation: a vessel's reports split into segments at implied speeds above
// track.max_speed_kn and silences over track.max_silence_h (Global Fishing Watch's segmenter).
// A report that fits neither the vessel's own track nor its second slot opens the second
// slot: two transmitters sharing an MMSI, or a spoofed position, show as two tracks that
// are kept apart instead of being joined by impossible legs.

#include <algorithm>
#include <cmath>

#include "detectors.hpp"

namespace vigil::maritime::detail {

double implied_speed_kn(const Fix& from, const Fix& to) {
  const double seconds = static_cast<double>(to.time - from.time) / kMicrosPerSecond;
  if (seconds <= 0) return std::numeric_limits<double>::quiet_NaN();
  return geo::fast_distance_m(from.at(), to.at()) / seconds / geo::kMetresPerSecondPerKnot;
}

double speed_kn(const Fix& previous, const Fix& fix) {
  if (!std::isnan(fix.speed)) return fix.speed;
  return implied_speed_kn(previous, fix);
}

namespace {

// The fastest a vessel may have sailed from `from` to `to`: a merchant ship's top speed, or
// a fast craft's when it is one or says it goes that fast (its own speed over ground, with a
// margin for the report's rounding and the legs' curves).
double top_speed_kn(const VesselState& vessel, const Fix& from, const Fix& to,
                    const Config& config) {
  if (vessel::may_be_fast_craft(vessel.ship_type)) return config.track_fast_craft_max_speed_kn;
  double said = 0;
  if (!std::isnan(from.speed)) said = from.speed;
  if (!std::isnan(to.speed)) said = std::max(said, static_cast<double>(to.speed));
  return std::clamp(said * 1.25, config.track_max_speed_kn,
                    std::max(config.track_max_speed_kn, config.track_fast_craft_max_speed_kn));
}

bool fits(const VesselState& vessel, const TrackSlot& slot, const Fix& fix, const Config& config) {
  const double seconds = static_cast<double>(fix.time - slot.last.time) / kMicrosPerSecond;
  const double reach =
      top_speed_kn(vessel, slot.last, fix, config) * geo::kMetresPerSecondPerKnot * seconds +
      config.track_jump_slack_m;
  return geo::fast_distance_m(slot.last.at(), fix.at()) <= reach;
}

void start(TrackSlot& slot, const Fix& fix, Context& context) {
  slot.last = fix;
  slot.last.ordinal = 1;
  ++context.stats->segments;
}

}  // namespace

Assignment assign_to_track(VesselState& vessel, const Fix& fix, Context& context) {
  const Config& config = context.config;
  Assignment result;
  TrackSlot& own = vessel.own();
  if (own.reports() == 0) {
    start(own, fix, context);
    result.slot = vessel.primary;
    result.new_segment = true;
    vessel.last_slot = vessel.primary;
    return result;
  }
  const int other_index = 1 - vessel.primary;
  TrackSlot& other = vessel.slots[static_cast<std::size_t>(other_index)];
  const bool other_live =
      other.reports() > 0 && fix.time - other.last.time <= hours(config.track_max_silence_h);

  const auto continue_slot = [&](int index) {
    TrackSlot& slot = vessel.slots[static_cast<std::size_t>(index)];
    result.slot = index;
    result.previous = slot.last;
    result.switched = index != vessel.last_slot;
    if (fix.time - slot.last.time > hours(config.track_max_silence_h)) {
      result.new_segment = true;
      ++context.stats->segments;
    }
    const std::uint32_t ordinal = slot.last.ordinal + 1;
    slot.last = fix;
    slot.last.ordinal = ordinal;
    vessel.last_slot = static_cast<std::uint8_t>(index);
    return result;
  };

  // Which track continues? Reports older than a track's last one are dropped (several
  // receivers deliver the same report late); the same report twice is a duplicate.
  const TrackSlot& latest = vessel.slots[vessel.last_slot];
  if (fix.time < latest.last.time && fix.time < own.last.time) {
    ++context.stats->out_of_order;
    result.accepted = false;
    return result;
  }
  if (fix.time == own.last.time && fix.lat == own.last.lat && fix.lon == own.last.lon) {
    ++context.stats->duplicates;
    result.accepted = false;
    return result;
  }
  if (fix.time < own.last.time) {
    ++context.stats->out_of_order;
    result.accepted = false;
    return result;
  }
  const bool own_silent = fix.time - own.last.time > hours(config.track_max_silence_h);
  if (own_silent || fits(vessel, own, fix, config)) {
    if (own_silent && other_live && fits(vessel, other, fix, config) &&
        fix.time >= other.last.time) {
      // The vessel's own track went quiet while the other carried on: the other is its
      // track now.
      vessel.primary = static_cast<std::uint8_t>(other_index);
      return continue_slot(other_index);
    }
    return continue_slot(vessel.primary);
  }
  if (other_live && fix.time >= other.last.time && fits(vessel, other, fix, config))
    return continue_slot(other_index);
  // A jump: neither track can reach this report.
  result.jump = true;
  result.jump_km = geo::fast_distance_m(own.last.at(), fix.at()) / 1000;
  result.slot = other_index;
  result.switched = true;
  result.new_segment = true;
  start(other, fix, context);
  vessel.last_slot = static_cast<std::uint8_t>(other_index);
  return result;
}

}  // namespace vigil::maritime::detail
