#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>

#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/maritime/config.hpp"
#include "vigil/maritime/event.hpp"

namespace vigil::maritime {

struct EngineStats {
  std::uint64_t positions = 0;
  std::uint64_t static_reports = 0;
  std::uint64_t out_of_order = 0;  // older than the vessel's last report on its track: dropped
  std::uint64_t duplicates = 0;    // same time and place as the last report: dropped
  std::uint64_t vessels = 0;
  std::uint64_t segments = 0;
  std::uint64_t feed_outages = 0;    // silences during which nobody was heard: not gaps
  std::uint64_t position_noise = 0;  // isolated fixes far off the track, then back: not spoofing
  std::map<std::string, std::uint64_t> events;  // per rule
  // Per rule, what it found among vessels it does not apply to (config's classes): a tug
  // alongside a tanker, a moored yacht. Counted, not reported.
  std::map<std::string, std::uint64_t> not_for_class;
  // Per rule, what it found at a berth or mooring (berth.*): ships alongside each other at a
  // terminal, a gap at the quay. Counted, not reported.
  std::map<std::string, std::uint64_t> at_berth;
  std::uint64_t unheard_gaps = 0;  // silences where nobody else was heard either: not gaps
  std::uint64_t berth_cells = 0;   // ~1 km cells learnt as berths or moorings
};

// Runs every maritime detector over one stream of AIS reports in (roughly) time order:
// per-vessel tracks, gaps, encounters, loitering, port calls, identity changes, spoofing and
// dark encounters. Events go to the sink as soon as they are final; finish() flushes those
// still open. Per-vessel state is fixed-size (docs/maritime.md gives its size), so memory
// grows with vessels, not with reports.
class Engine {
 public:
  // `land` and `places` may be null: the detectors that need them then skip those tests
  // (no on-land spoofing, no port calls, no distance from port or shore).
  Engine(Config config, const geo::LandMask* land, const geo::PlaceIndex* places, EventSink& sink);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void on_position(const Position& position);
  void on_static(const StaticReport& report);
  void on_report(const Report& report) {
    if (report.is_static) {
      on_static(report.static_report());
    } else {
      on_position(report.position);
    }
  }
  // A batch in input order: the same as on_report for each, with the next reports' vessels
  // fetched into cache ahead of their turn (a fleet's state does not fit in cache, and
  // reports arrive in no vessel order).
  void on_reports(std::span<const Report> reports);
  void finish();

  const EngineStats& stats() const;
  // Bytes of per-vessel state (the vessel table and its index), for the memory budget.
  std::size_t vessel_state_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil::maritime
