#pragma once

// The maritime detectors, one source file each. They run inside the Engine, which feeds
// them each vessel's reports in time order, already assigned to a track.

#include <array>
#include <bitset>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "state.hpp"

namespace vigil::maritime::detail {

// Tracks: which of a vessel's two track slots a report belongs to.
struct Assignment {
  int slot = 0;
  bool accepted = true;      // false: out of order or duplicate, dropped
  bool new_segment = false;  // first report, or after a silence or jump
  bool jump = false;         // fits neither track: a second transmitter or a spoofed position
  bool switched = false;     // continues the other track than the last report did
  double jump_km = 0;        // from the vessel's own track, when jump
  Fix previous;              // the slot's last report before this one (when not new)
};
Assignment assign_to_track(VesselState& vessel, const Fix& fix, Context& context);

// maritime.gap: a silence of gap.min_h or more on a vessel's own track.
class GapDetector {
 public:
  struct Gap {
    std::uint32_t mmsi;
    Fix from, to;
    bool heard_there = false;  // others were heard where it went dark, while it was silent
  };
  // Returns the gap a report closes, if any (dark encounters pair them up).
  std::optional<Gap> on_report(VesselState& vessel, const Fix& previous, const Fix& fix,
                               Context& context);
  // Counts reports per 1° cell, for the reception test, and per hour, for feed outages.
  void count_report(const Fix& fix);
  std::uint32_t reception_count(const Fix& fix) const;
  std::uint64_t outages() const { return outages_; }

 private:
  // Whether anyone at all was heard in at least `min_share` of the whole hours between two
  // times.
  bool feed_heard_between(Timestamp from, Timestamp to, double min_share) const;
  // The share of a silence's whole hours in which anyone was heard in the 0.5° cell where the
  // vessel would have been that hour, sailing straight from where it went dark to where it
  // reappeared (judged over the last kCellHours hours of a longer silence). A vessel that
  // crossed waters nobody hears is silent because of them.
  double path_heard_share(const Fix& from, const Fix& to) const;

  // Which of the last kCellHours hours a 0.5° cell heard anyone in: a ring of bits, written
  // once per cell and hour (the hot path compares one number per report).
  static constexpr std::int64_t kCellHours = 30 * 24;
  struct CellHours {
    std::int64_t latest = std::numeric_limits<std::int64_t>::min();
    std::bitset<kCellHours> heard;
  };
  std::vector<std::int64_t> cell_latest_hour_ =
      std::vector<std::int64_t>(720 * 360, std::numeric_limits<std::int64_t>::min());
  std::unordered_map<std::uint32_t, CellHours> cell_hours_;
  std::vector<std::uint32_t> reports_per_cell_ = std::vector<std::uint32_t>(360 * 180, 0);
  std::map<std::int64_t, std::uint32_t> reports_per_hour_;
  std::int64_t current_hour_ = std::numeric_limits<std::int64_t>::min();
  std::uint32_t* current_hour_count_ = nullptr;
  std::uint64_t outages_ = 0;
};

// maritime.dark_encounter: two vessels go dark near each other and reappear near each other.
class DarkEncounterDetector {
 public:
  void on_gap(const GapDetector::Gap& gap, Context& context);

 private:
  std::deque<GapDetector::Gap> recent_;  // by end time
};

// maritime.loitering: average speed under loitering.max_speed_kn for loitering.min_h, away
// from ports.
class LoiteringDetector {
 public:
  void on_report(VesselState& vessel, const Fix& previous, const Fix& fix, bool new_segment,
                 Context& context);
  void finish(VesselState& vessel, Context& context);

 private:
  // `last`: the spell's last slow report.
  void close(VesselState& vessel, const Fix& last, Context& context);
};

// maritime.port_call: entry within port_call.entry_km of a port or terminal, a stop, and exit
// beyond port_call.exit_km.
class PortCallDetector {
 public:
  void on_report(VesselState& vessel, const Fix& previous, const Fix& fix, Context& context);
  void finish(VesselState& vessel, Context& context);

 private:
  void emit(VesselState& vessel, const Fix& last, bool ongoing, Context& context);
};

// maritime.encounter: two vessels within encounter.max_distance_m, both slow, for
// encounter.min_h, away from ports. A grid of slow vessels keeps the search linear in the
// number of vessels.
class EncounterDetector {
 public:
  void on_report(std::uint32_t index, VesselTable& vessels, const Fix& previous, const Fix& fix,
                 bool new_segment, Context& context);
  // Closes meetings that have ended and drops stale vessels from the grid.
  void sweep(VesselTable& vessels, Context& context);
  void finish(Context& context);
  std::size_t state_bytes() const;

 private:
  struct Run {
    Timestamp start = 0, end = 0;
    Evidence first_a, first_b, last_a, last_b;
    double lat_sum = 0, lon_sum = 0;
    std::uint32_t samples = 0;
    float min_distance = 0;
  };
  struct Pair {
    std::uint32_t a = 0, b = 0;  // MMSIs, a < b
    bool active = false;
    Run run;
    bool has_candidate = false;
    Run candidate;  // a qualifying meeting waiting for possible merges
  };
  static std::uint32_t cell_key(geo::LatLon at, int row_offset, int column_offset);
  void leave_grid(std::uint32_t index, VesselState& vessel);
  void record(Pair& pair, Timestamp time, const Evidence& a, const Evidence& b, geo::LatLon mid,
              double distance, Context& context);
  void end_run(Pair& pair, Context& context);
  void emit(const Pair& pair, const Run& run, Context& context);

  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> grid_;
  std::unordered_map<std::uint64_t, Pair> pairs_;
};

// maritime.spoofing: impossible jumps, two transmitters under one MMSI, positions inland, and
// several vessels reporting one position.
class SpoofingDetector {
 public:
  void on_report(VesselState& vessel, const Fix& fix, const Assignment& assignment,
                 Context& context);
  void sweep(Context& context);
  void finish(VesselTable& vessels, Context& context);
  std::size_t state_bytes() const;

 private:
  void close(VesselState& vessel, Context& context);
  // Follows the turning of the vessel's own track, leg by leg.
  void follow_circling(VesselState& vessel, const Fix& previous, const Fix& fix, Context& context);
  // Ends the vessel's run of turning legs, reporting it when it drew a circle; `last`: the
  // run's last report.
  void end_circling(VesselState& vessel, const Fix& last, Context& context);
  void check_shared_position(VesselState& vessel, const Fix& fix, const Assignment& assignment,
                             Context& context);
  struct SharedSpot {
    Timestamp first = 0, last = 0;
    std::vector<Evidence> reports;  // one per vessel
    std::int32_t at_lat = 0, at_lon = 0;
  };
  void report_spot(const SharedSpot& spot, Context& context);
  std::unordered_map<std::uint64_t, SharedSpot> spots_;

  // Where the land mask says land, which vessels sailed there on their own track: a river,
  // a ship channel or a port basin the 1:10m coastline fills in. A few MMSIs per ~1 km cell.
  struct WaterwayCell {
    std::array<std::uint32_t, 4> mmsis{};
  };
  void note_waterway(std::uint32_t cell, std::uint32_t mmsi);
  static void forget_land(SpoofState& s);
  // Whether vessels other than `mmsi` sailed the cell or its eight neighbours, at least
  // spoofing.waterway_min_vessels of them.
  bool is_waterway(std::uint32_t cell, std::uint32_t mmsi, const Config& config) const;
  std::unordered_map<std::uint32_t, WaterwayCell> waterways_;
};

// maritime.identity_change: a vessel's name, call sign or IMO changes; an IMO moves to
// another MMSI (and with it, often, another flag).
class IdentityChangeDetector {
 public:
  // `find_vessel`: the state of another MMSI, or null when it has none.
  explicit IdentityChangeDetector(std::function<const VesselState*(std::uint32_t)> find_vessel)
      : find_vessel_(std::move(find_vessel)) {}
  void on_report(VesselState& vessel, const StaticReport& report, Context& context);
  std::size_t state_bytes() const;
  // The name the vessel broadcast last; empty when none.
  std::string_view name_of(const VesselState& vessel) const {
    return vessel.identity.name == 0 ? std::string_view() : text_at(vessel.identity.name);
  }

 private:
  // The arena's text at `offset`, and where a new value goes.
  std::string_view text_at(std::uint32_t offset) const;
  std::uint32_t store(std::string_view value);
  void emit(const VesselState& vessel, const StaticReport& report, std::string_view attribute,
            std::string from, std::string to, std::vector<std::uint32_t> mmsis,
            const VesselState* previous_holder, Context& context);

  std::function<const VesselState*(std::uint32_t)> find_vessel_;

  // Each vessel's current name and call sign, length-prefixed, in blocks of kBlock bytes; a
  // change appends. Offset 0 is a placeholder, so 0 means "none yet".
  static constexpr std::uint32_t kBlock = 1U << 16;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::uint32_t arena_end_ = 1;
  FlatIndex imo_holders_;                       // IMO → the MMSI that broadcast it last
  std::unordered_set<std::uint64_t> reported_;  // changes already reported
};

}  // namespace vigil::maritime::detail
