#pragma once

// Per-vessel state and the detectors' shared context: private to the engine.

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/maritime/config.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/maritime/event.hpp"
#include "vigil/vessel/vessel_class.hpp"

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
  // Its place on its track, from 1; kept here because the struct has room for it, so that a
  // track slot is one fix and no more.
  std::uint32_t ordinal = 0;

  geo::LatLon at() const { return {from_e7(lat), from_e7(lon)}; }
};

struct TrackSlot {
  Fix last;  // ordinal 0: the slot is unused
  std::uint32_t reports() const { return last.ordinal; }
};

struct LoiterState {
  Timestamp start = 0;
  std::uint64_t start_ref = 0;
  float metres = 0;
  std::int32_t lat = 0, lon = 0;  // where it began
  bool active = false;
  bool near_port = false;
  bool berth_judged = false;  // whether the spell was judged as a stay at a berth
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
  std::uint32_t last_position_key = 0;  // for shared positions (a hash of the spot)
  float max_jump_km = 0;
  std::int32_t lat = 0, lon = 0;  // where the first anomaly was reported
  std::uint16_t jumps = 0;
  std::uint16_t secondary_reports = 0;
  std::uint16_t switches = 0;
  std::uint16_t land_reports = 0;
  // How the vessel came to the spot it reports now: by a jump from where it was, or reporting
  // a speed while it stays. Ships moored or rafted together share a spot honestly; a spoofed
  // fleet is moved to it.
  bool spot_by_jump = false;
  // The waterway cells (waterway_cell()) of the episode's first and last report on land, to
  // be judged when it ends: a river other vessels sail is no spoofing. 0: none.
  std::uint32_t first_land_cell = 0;
  std::uint32_t last_land_cell = 0;
  // The first report on land, and how far the others on land lay from it: a vessel that
  // stays on one spot on "land" lies at a riverside berth.
  std::int32_t land_lat = 0, land_lon = 0;
  float land_extent_m = 0;
};

// The 0.01° cell (about 1 km) of a point, for waterways the coastline does not draw: rows
// fit 15 bits and columns 16 above a 1 (0 is "no cell").
inline std::uint32_t waterway_cell(std::int32_t lat_e7, std::int32_t lon_e7) {
  const auto row = static_cast<std::int64_t>(std::floor(lat_e7 / 100'000.0)) + 9'000;
  const auto column = static_cast<std::int64_t>(std::floor(lon_e7 / 100'000.0)) + 18'000;
  return ((static_cast<std::uint32_t>(row) & 0x7FFFU) << 16 |
          (static_cast<std::uint32_t>(column) & 0xFFFFU)) +
         1;
}
inline std::uint32_t waterway_neighbour(std::uint32_t cell, int row_offset, int column_offset) {
  const std::uint32_t key = cell - 1;
  const auto row = static_cast<std::int64_t>(key >> 16) + row_offset;
  const auto column = static_cast<std::int64_t>(key & 0xFFFFU) + column_offset;
  return ((static_cast<std::uint32_t>(row) & 0x7FFFU) << 16 |
          (static_cast<std::uint32_t>(column) & 0xFFFFU)) +
         1;
}

// Circling (spoofing's drawn circles): the signed turn summed over consecutive legs that all
// turn the same way, and the smallest and largest radius those legs turned at.
struct CircleState {
  float turned_deg = 0;
  std::uint32_t start_s = 0;                // when the circling began (seconds since 1970)
  std::uint16_t last_bearing = kNoBearing;  // of the last leg, 1/100 degree
  std::uint16_t last_leg_m = 0;             // its length (saturates)
  std::uint16_t min_radius_m = 0;
  std::uint16_t max_radius_m = 0;
  std::uint8_t reports = 0;  // reports since the circling became a pattern (saturates)
  static constexpr std::uint16_t kNoBearing = 0xFFFF;
};

struct IdentityState {
  // Offsets of the current values in the identity detector's text arena; 0: none yet.
  std::uint32_t name = 0;
  std::uint32_t callsign = 0;
  std::uint32_t imo = 0;
};

struct VesselState {
  std::uint32_t mmsi = 0;
  std::uint8_t primary = 0;  // which slot is the vessel's own track
  std::uint8_t last_slot = 0;
  bool in_grid = false;
  std::uint8_t ship_type = 0;  // the AIS type of ship and cargo it last said; 0: none
  std::uint16_t length_m = 0;  // the length it last said; 0: none
  // Its own track came to where it is from water (off the land mask), without a jump or a
  // silence: a ship that sailed up a river the coastline fills in is on a waterway.
  bool afloat = false;
  // Reports of its own track at a fast craft's speed (saturates): how a vessel that names no
  // type shows it is a pilot, patrol or rescue boat.
  std::uint8_t fast_reports = 0;
  std::uint32_t reception_mark = 0;  // reports in its 1° cell up to its last report
  std::uint32_t grid_cell = 0;
  std::array<TrackSlot, 2> slots;
  LoiterState loiter;
  PortState port;
  SpoofState spoof;
  CircleState circle;
  IdentityState identity;

  TrackSlot& own() { return slots[primary]; }
  const TrackSlot& own() const { return slots[primary]; }
};

// A vessel's class and what it rests on: the type it said (or a list gave it), else how fast
// it went or how long it said it was (docs/maritime.md, "Vessel classes").
struct ClassOfVessel {
  vessel::VesselClass vessel_class = vessel::VesselClass::unknown;
  std::string_view basis = "none";  // "type", "speed", "length" or "none"
};
inline ClassOfVessel class_of_vessel(const VesselState& vessel, const Config& config) {
  if (const auto said = vessel::class_of_ais_type(vessel.ship_type);
      said != vessel::VesselClass::unknown)
    return {said, "type"};
  if (vessel.fast_reports >= config.class_fast_craft_min_reports)
    return {vessel::VesselClass::service, "speed"};
  if (vessel.length_m != 0 && vessel.length_m < config.class_small_craft_max_length_m)
    return {vessel::VesselClass::pleasure, "length"};
  return {};
}

// MMSI (or IMO) → index, open addressing with linear probing: 8 bytes a slot at most half
// full, and one cache line per lookup, where a node-based map costs a pointer chase and 40
// bytes an entry. Key 0 is never a vessel's and marks an empty slot.
class FlatIndex {
 public:
  static constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t find(std::uint32_t key) const {
    if (slots_.empty()) return kMissing;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].value;
      if (slots_[i].key == 0) return kMissing;
    }
  }
  // The value of `key`, inserting `value` when it is new; second: whether it was inserted.
  std::pair<std::uint32_t, bool> insert(std::uint32_t key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return {slots_[i].value, false};
      if (slots_[i].key == 0) {
        slots_[i] = {key, value};
        ++size_;
        return {value, true};
      }
    }
  }
  void set(std::uint32_t key, std::uint32_t value) {
    const auto [existing, added] = insert(key, value);
    if (added || existing == value) return;
    for (std::size_t i = home(key);; i = (i + 1) & mask_)
      if (slots_[i].key == key) {
        slots_[i].value = value;
        return;
      }
  }
  void prefetch(std::uint32_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
  }
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t value = 0;
  };
  std::size_t home(std::uint32_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask_;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& slot : old)
      if (slot.key != 0) insert(slot.key, slot.value);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// The vessels, in chunks that never move: no reallocation copies, no unused capacity
// beyond the last chunk.
class VesselTable {
 public:
  static constexpr std::size_t kChunk = 1'024;
  VesselState& operator[](std::uint32_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const VesselState& operator[](std::uint32_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  std::uint32_t size() const { return size_; }
  VesselState& add() {
    if (size_ % kChunk == 0) chunks_.push_back(std::make_unique<VesselState[]>(kChunk));
    return (*this)[size_++];
  }
  std::size_t bytes() const { return chunks_.size() * kChunk * sizeof(VesselState); }
  template <typename F>
  void for_each(F&& f) {
    for (std::uint32_t i = 0; i < size_; ++i)
      f((*this)[i]);
  }

 private:
  std::vector<std::unique_ptr<VesselState[]>> chunks_;
  std::uint32_t size_ = 0;
};

// What the engine shares with its detectors.
struct Context {
  Config config;
  const geo::LandMask* land = nullptr;
  const geo::PlaceIndex* places = nullptr;
  EventSink* sink = nullptr;
  EngineStats* stats = nullptr;
  Timestamp now = 0;  // the latest report time seen
  // The state of an MMSI (null when it has none), and what an event says of its vessels.
  std::function<const VesselState*(std::uint32_t)> find_vessel;
  std::function<void(Event&)> describe_vessels;

  void emit(Event event) {
    ++stats->events[std::string(event.rule)];
    if (describe_vessels) describe_vessels(event);
    sink->on_event(std::move(event));
  }
  // Berths and moorings learnt from the data: the waterway cells (about 1 km) where a vessel
  // lay still for berth.min_h beside the coast, on a waterway or at a port.
  std::unordered_set<std::uint32_t> berth_cells;

  // Counts an event a rule found among vessels it is not about (a tug alongside a tanker).
  void set_aside(std::string_view rule) { ++stats->not_for_class[std::string(rule)]; }
  // Counts an event a rule found at a berth (two ships at one terminal).
  void set_aside_at_berth(std::string_view rule) { ++stats->at_berth[std::string(rule)]; }
  // Where a ship that lies still is at a berth or mooring, not at sea: at a port or
  // anchorage, on a waterway the coastline fills in, or within berth.max_shore_km of it.
  bool beside_shore(geo::LatLon at) const {
    if (near_place(at, config.port_entry_km)) return true;
    if (land == nullptr) return false;
    const double limit_m = config.berth_max_shore_km * 1000;
    return land->on_land(at) || (limit_m > 0 && land->distance_to_shore_m(at, limit_m) < limit_m);
  }
  void note_berth(const Fix& at) {
    if (berth_cells.insert(waterway_cell(at.lat, at.lon)).second) ++stats->berth_cells;
  }
  // Whether a point lies at a learnt berth: in its cell or one around it.
  bool at_berth(geo::LatLon at) const {
    if (berth_cells.empty()) return false;
    const std::uint32_t cell = waterway_cell(to_e7(at.lat), to_e7(at.lon));
    for (int dr = -1; dr <= 1; ++dr)
      for (int dc = -1; dc <= 1; ++dc)
        if (berth_cells.contains(waterway_neighbour(cell, dr, dc))) return true;
    return false;
  }
  vessel::VesselClass class_of(std::uint32_t mmsi) const {
    const VesselState* vessel = find_vessel ? find_vessel(mmsi) : nullptr;
    return vessel ? class_of_vessel(*vessel, config).vessel_class : vessel::VesselClass::unknown;
  }
  // Whether two vessels are a carrier and a partner, either way round.
  bool carrier_and_partner(std::uint32_t a, std::uint32_t b, vessel::VesselClasses carriers,
                           vessel::VesselClasses partners) const {
    const auto ca = class_of(a), cb = class_of(b);
    return (carriers.contains(ca) && partners.contains(cb)) ||
           (carriers.contains(cb) && partners.contains(ca));
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
