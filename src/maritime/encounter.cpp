// maritime.encounter: two vessels within encounter.max_distance_m (500 m), both under
// encounter.max_speed_kn (2 kn), for at least encounter.min_h (2 h), at least
// encounter.min_port_distance_km (10 km) from any port or anchorage; encounters of one pair
// less than encounter.merge_h (4 h) apart merge (Global Fishing Watch, pipe-encounters).
//
// Slow vessels away from port sit in a grid of cells about 1.1 km wide; a report looks only
// at the nine cells around it, so the work per report does not grow with the fleet.

#include <algorithm>

#include "detectors.hpp"

namespace vigil::maritime::detail {
namespace {

constexpr double kCellDegrees = 0.01;  // ≥ 1.1 km north-south; east-west scaled by latitude

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

}  // namespace

std::uint32_t EncounterDetector::cell_key(geo::LatLon at, int row_offset, int column_offset) {
  const auto row = static_cast<std::int64_t>(std::floor(at.lat / kCellDegrees)) + row_offset;
  const double band_lat = std::clamp((static_cast<double>(row) + 0.5) * kCellDegrees, -89.9, 89.9);
  const double width = kCellDegrees / std::cos(band_lat * 3.14159265358979323846 / 180);
  const auto column = static_cast<std::int64_t>(std::floor((at.lon + 180) / width)) + column_offset;
  // Rows fit 15 bits (±9,000 of 0.01°), columns 17 (at most 36,000 at the equator).
  return (static_cast<std::uint32_t>(row + 9'100) << 17) |
         (static_cast<std::uint32_t>(column + 1) & 0x1FFFFU);
}

void EncounterDetector::leave_grid(std::uint32_t index, VesselState& vessel) {
  if (!vessel.in_grid) return;
  auto it = grid_.find(vessel.grid_cell);
  if (it != grid_.end()) {
    auto& members = it->second;
    members.erase(std::remove(members.begin(), members.end(), index), members.end());
    if (members.empty()) grid_.erase(it);
  }
  vessel.in_grid = false;
}

void EncounterDetector::on_report(std::uint32_t index, VesselTable& vessels, const Fix& previous,
                                  const Fix& fix, bool new_segment, Context& context) {
  const Config& config = context.config;
  VesselState& vessel = vessels[index];
  const double speed = new_segment ? fix.speed : speed_kn(previous, fix);
  const bool slow = speed < config.encounter_max_speed_kn;
  if (!slow || context.near_place(fix.at(), config.encounter_min_port_distance_km)) {
    leave_grid(index, vessel);
    return;
  }
  const std::uint32_t cell = cell_key(fix.at(), 0, 0);
  if (!vessel.in_grid || vessel.grid_cell != cell) {
    leave_grid(index, vessel);
    grid_[cell].push_back(index);
    vessel.in_grid = true;
    vessel.grid_cell = cell;
  }
  const Timestamp oldest = fix.time - minutes(config.encounter_max_report_age_min);
  const Evidence mine{vessel.mmsi, fix.time, fix.ref};
  for (int dr = -1; dr <= 1; ++dr) {
    for (int dc = -1; dc <= 1; ++dc) {
      const auto it = grid_.find(cell_key(fix.at(), dr, dc));
      if (it == grid_.end()) continue;
      for (const std::uint32_t other_index : it->second) {
        if (other_index == index) continue;
        const VesselState& other = vessels[other_index];
        const Fix& theirs = other.slots[other.primary].last;
        if (theirs.time < oldest || theirs.time > fix.time) continue;
        const double distance = geo::fast_distance_m(fix.at(), theirs.at());
        if (distance > config.encounter_max_distance_m) continue;
        Pair& pair = pairs_[pair_key(vessel.mmsi, other.mmsi)];
        if (pair.a == 0 && pair.b == 0) {
          pair.a = std::min(vessel.mmsi, other.mmsi);
          pair.b = std::max(vessel.mmsi, other.mmsi);
        }
        const Evidence them{other.mmsi, theirs.time, theirs.ref};
        const bool mine_is_a = vessel.mmsi == pair.a;
        record(pair, fix.time, mine_is_a ? mine : them, mine_is_a ? them : mine,
               {(fix.at().lat + theirs.at().lat) / 2, (fix.at().lon + theirs.at().lon) / 2},
               distance, context);
      }
    }
  }
}

void EncounterDetector::record(Pair& pair, Timestamp time, const Evidence& a, const Evidence& b,
                               geo::LatLon mid, double distance, Context& context) {
  if (pair.active && time - pair.run.end > hours(context.config.encounter_max_pause_h))
    end_run(pair, context);
  if (!pair.active) {
    pair.active = true;
    pair.run = {};
    pair.run.start = time;
    pair.run.first_a = a;
    pair.run.first_b = b;
    pair.run.min_distance = static_cast<float>(distance);
  }
  Run& run = pair.run;
  run.end = time;
  run.last_a = a;
  run.last_b = b;
  run.lat_sum += mid.lat;
  run.lon_sum += mid.lon;
  ++run.samples;
  run.min_distance = std::min(run.min_distance, static_cast<float>(distance));
}

void EncounterDetector::end_run(Pair& pair, Context& context) {
  pair.active = false;
  const Config& config = context.config;
  const Run& run = pair.run;
  if (run.end - run.start < hours(config.encounter_min_h)) return;
  if (pair.has_candidate && run.start - pair.candidate.end < hours(config.encounter_merge_h)) {
    Run& merged = pair.candidate;
    merged.end = run.end;
    merged.last_a = run.last_a;
    merged.last_b = run.last_b;
    merged.lat_sum += run.lat_sum;
    merged.lon_sum += run.lon_sum;
    merged.samples += run.samples;
    merged.min_distance = std::min(merged.min_distance, run.min_distance);
    return;
  }
  if (pair.has_candidate) emit(pair, pair.candidate, context);
  pair.candidate = run;
  pair.has_candidate = true;
}

void EncounterDetector::emit(const Pair& pair, const Run& run, Context& context) {
  const Config& config = context.config;
  if (!context.carrier_and_partner(pair.a, pair.b, config.encounter_carrier_classes,
                                   config.encounter_partner_classes)) {
    context.set_aside("maritime.encounter");
    return;
  }
  const geo::LatLon at{run.lat_sum / run.samples, run.lon_sum / run.samples};
  // Two ships alongside each other at a terminal, or rafted at a mooring: a berth.
  if (context.at_berth(at)) {
    context.set_aside_at_berth("maritime.encounter");
    return;
  }
  Event event;
  event.rule = "maritime.encounter";
  event.start = run.start;
  event.end = run.end;
  event.at = at;
  event.mmsis = {pair.a, pair.b};
  event.evidence = {run.first_a, run.first_b, run.last_a, run.last_b};
  event.attributes["hours"] = std::round(to_hours(run.end - run.start) * 100) / 100;
  event.attributes["min_distance_m"] = std::round(run.min_distance);
  event.attributes["proximity_reports"] = run.samples;
  event.severity = Severity::high;
  event.confidence = 0.8;
  context.emit(std::move(event));
}

void EncounterDetector::sweep(VesselTable& vessels, Context& context) {
  const Config& config = context.config;
  for (auto it = pairs_.begin(); it != pairs_.end();) {
    Pair& pair = it->second;
    if (pair.active && context.now - pair.run.end > hours(config.encounter_max_pause_h))
      end_run(pair, context);
    if (!pair.active && pair.has_candidate &&
        context.now - pair.candidate.end >= hours(config.encounter_merge_h)) {
      emit(pair, pair.candidate, context);
      pair.has_candidate = false;
    }
    if (!pair.active && !pair.has_candidate) {
      it = pairs_.erase(it);
    } else {
      ++it;
    }
  }
  const Timestamp stale = context.now - 2 * minutes(config.encounter_max_report_age_min);
  for (auto it = grid_.begin(); it != grid_.end();) {
    auto& members = it->second;
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [&](std::uint32_t index) {
                                   VesselState& vessel = vessels[index];
                                   if (vessel.slots[vessel.primary].last.time >= stale)
                                     return false;
                                   vessel.in_grid = false;
                                   return true;
                                 }),
                  members.end());
    if (members.empty()) {
      it = grid_.erase(it);
    } else {
      ++it;
    }
  }
}

void EncounterDetector::finish(Context& context) {
  for (auto& [key, pair] : pairs_) {
    if (pair.active) end_run(pair, context);
    if (pair.has_candidate) emit(pair, pair.candidate, context);
  }
  pairs_.clear();
  grid_.clear();
}

std::size_t EncounterDetector::state_bytes() const {
  std::size_t bytes = pairs_.size() * (sizeof(Pair) + 32);
  for (const auto& [cell, members] : grid_)
    bytes += 48 + members.capacity() * sizeof(std::uint32_t);
  return bytes;
}

}  // namespace vigil::maritime::detail
