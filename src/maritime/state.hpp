#pragma once

// Per-vessel state and the detectors' shared context: private to the engine.

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/maritime/config.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/maritime/event.hpp"

namespace vigil::maritime::detail {

inline constexpr Timestamp kMicrosPerHour = 3'600 * kMicrosPerSecond;
inline constexpr Timestamp kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr float kUnknownSpeed = std::numeric_limits<float>::quiet_NaN();

inline Timestamp hours(double h) {
  return static_cast<Timestamp>(h * static_cast<double>(kMicrosPerHour));
}
inline Timestamp minutes(double m) {
  return static_cast<Timestamp>(m * static_cast<double>(kMicrosPerMinute));
}
inline double to_hours(Timestamp t) {
  return static_cast<double>(t) / static_cast<double>(kMicrosPerHour);
}

// One report on a track.
struct Fix {
  Timestamp time = 0;
  std::uint64_t ref = 0;
  std::int32_t lat = 0;  // 1e-7 degrees
  std::int32_t lon = 0;
  float speed = kUnknownSpeed;  // the report's own speed over ground, knots

  geo::LatLon at() const { return {from_e7(lat), from_e7(lon)}; }
};

struct TrackSlot {
  Fix last;
  Timestamp segment_start = 0;
  std::uint32_t reports = 0;
};

struct LoiterState {
  Timestamp start = 0;
  std::uint64_t start_ref = 0;
  float metres = 0;
  std::int32_t lat = 0, lon = 0;  // where it began
  bool active = false;
  bool near_port = false;
};

struct PortState {
  Timestamp entry = 0;
  std::uint64_t entry_ref = 0;
  std::uint32_t place = kNoPlace;
  bool stopped = false;
  bool arrival_seen = false;  // false: already there at its first report
  static constexpr std::uint32_t kNoPlace = std::numeric_limits<std::uint32_t>::max();
};

struct SpoofState {
  Timestamp start = 0;  // first anomaly of the open episode (0: none open)
  Timestamp last_anomaly = 0;
  std::uint64_t first_ref = 0;
  std::uint64_t last_ref = 0;
  std::uint64_t last_position_key = 0;  // for shared positions
  float max_jump_km = 0;
  std::int32_t lat = 0, lon = 0;  // where the first anomaly was reported
  std::uint16_t jumps = 0;
  std::uint16_t secondary_reports = 0;
  std::uint16_t switches = 0;
  std::uint16_t land_reports = 0;
};

struct IdentityState {
  std::uint32_t name = 0;  // interned; 0: none yet
  std::uint32_t callsign = 0;
  std::uint32_t imo = 0;
};

struct VesselState {
  std::uint32_t mmsi = 0;
  std::uint8_t primary = 0;  // which slot is the vessel's own track
  std::uint8_t last_slot = 0;
  bool in_grid = false;
  std::uint32_t reception_mark = 0;  // reports in its 1° cell up to its last report
  std::uint64_t grid_cell = 0;
  std::array<TrackSlot, 2> slots;
  LoiterState loiter;
  PortState port;
  SpoofState spoof;
  IdentityState identity;

  TrackSlot& own() { return slots[primary]; }
};

// What the engine shares with its detectors.
struct Context {
  Config config;
  const geo::LandMask* land = nullptr;
  const geo::PlaceIndex* places = nullptr;
  EventSink* sink = nullptr;
  EngineStats* stats = nullptr;
  Timestamp now = 0;  // the latest report time seen

  void emit(Event event) {
    ++stats->events[std::string(event.rule)];
    sink->on_event(std::move(event));
  }
  bool near_place(geo::LatLon at, double km) const {
    return places != nullptr && places->nearest(at, km * 1000).has_value();
  }
};

// Implied speed in knots between two fixes; NaN when they are at the same time.
double implied_speed_kn(const Fix& from, const Fix& to);
// The report's speed if it has one, else the implied speed from `previous`.
double speed_kn(const Fix& previous, const Fix& fix);

}  // namespace vigil::maritime::detail
