#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/core/time.hpp"

namespace vigil::simulate {

struct CeasefireOptions {
  std::uint64_t seed = 1;
  Timestamp start = 1'740'096'000LL * kMicrosPerSecond;  // 2025-02-21T00:00:00Z
  double hours = 24;
  // Planted events per day; each is reported by one to three sources.
  std::uint32_t fire_in_zone = 150;
  std::uint32_t fire_outside = 60;
  std::uint32_t weapons_in_zone = 30;
  std::uint32_t weapons_outside = 30;
  std::uint32_t disengagement = 6;
  std::uint32_t crossings = 5;           // units whose track crosses the line
  std::uint32_t reported_crossings = 4;  // crossings a camera reports as such
  // Vehicles a UAV follows, reported as movement every 4 minutes: across the line, and (not
  // incidents) along one side of it; and the mission's own patrols crossing at checkpoints
  // (not incidents either).
  std::uint32_t followed_crossings = 10;
  std::uint32_t followed_along = 5;
  std::uint32_t checkpoint_crossings = 3;
  // Reported beside violations, as the OSCE's daily reports had them (no rule reads them).
  std::uint32_t restrictions = 3;
  std::uint32_t casualty_reports = 2;
  std::uint32_t damage_reports = 3;
  std::uint32_t mine_reports = 2;
  std::uint32_t jamming_reports = 3;
  std::uint32_t patrols = 12;
  std::uint32_t uav_flights = 6;
  std::uint32_t uav_flights_down = 1;  // declared, never flew: an outage
  std::uint32_t cameras = 20;
};

struct CeasefireSummary {
  std::uint64_t observations = 0;
  std::uint64_t monitor_positions = 0;  // patrol and UAV GPS points
  std::uint32_t cameras = 0;
  std::map<std::string, std::uint32_t> planted;  // violations per rule
};

// A day of a monitoring mission along a real line of contact: patrols driving stretches of
// the line with their GPS tracks, UAV flights, declared cameras (some of them down), and
// what they report: fire inside and outside the security zones, weapons inside and outside
// their withdrawal zones, forces in disengagement areas, units crossing the line, drones,
// movement and other noise. Among them the decoys a real day has: vehicles a UAV follows along
// their own side, the mission's patrols crossing at checkpoints, fire and weapons outside the
// zones. Each planted incident is reported by one to three sources with
// their own errors (a camera by bearing and range, a patrol by its estimate, an acoustic
// sensor, a UAV); planted places keep clear of zone edges by more than the reports' errors so
// that the truth is unambiguous. Writes observations (JSON Lines, as vigil ingest reads) to
// `observations`, the planted violations (rule, time, place, the ids of their reports) to
// `truth`, and the declared sensors (cameras: place, range, field of view; UAV flights:
// swath) as JSON to `sensors`. The same options and line give the same bytes.
CeasefireSummary simulate_ceasefire(const CeasefireOptions& options,
                                    const ceasefire::Classifier& classifier,
                                    std::ostream& observations, std::ostream& truth,
                                    std::ostream& sensors);

}  // namespace vigil::simulate
