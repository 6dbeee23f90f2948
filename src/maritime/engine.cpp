#include "vigil/maritime/engine.hpp"

#include <algorithm>
#include <unordered_map>

#include "detectors.hpp"

namespace vigil::maritime {

using namespace detail;

namespace {

// Events found by one call are sorted before they go out, so that output does not depend on
// hash-table order.
class SortingBuffer final : public EventSink {
 public:
  void on_event(Event event) override { events.push_back(std::move(event)); }
  void flush(EventSink& to) {
    if (events.size() > 1)
      std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.end, a.start, a.rule, a.mmsis) <
               std::tie(b.end, b.start, b.rule, b.mmsis);
      });
    for (auto& event : events)
      to.on_event(std::move(event));
    events.clear();
  }
  std::vector<Event> events;
};

constexpr Timestamp kSweepInterval = 10 * kMicrosPerMinute;

}  // namespace

struct Engine::Impl {
  Context context;
  EventSink* out = nullptr;
  SortingBuffer buffer;
  EngineStats stats;
  FlatIndex index;  // MMSI → vessels
  VesselTable vessels;
  GapDetector gaps;
  DarkEncounterDetector dark_encounters;
  LoiteringDetector loitering;
  PortCallDetector port_calls;
  EncounterDetector encounters;
  SpoofingDetector spoofing;
  IdentityChangeDetector identities{[this](std::uint32_t mmsi) -> const VesselState* {
    const std::uint32_t i = index.find(mmsi);
    return i == FlatIndex::kMissing ? nullptr : &vessels[i];
  }};
  Timestamp next_sweep = 0;

  std::uint32_t vessel_index(std::uint32_t mmsi) {
    const auto [i, added] = index.insert(mmsi, vessels.size());
    if (added) {
      vessels.add().mmsi = mmsi;
      ++stats.vessels;
    }
    return i;
  }

  // Who the vessels of an event were when it happened: name and class as they last said,
  // so that an incident reads "tanker SEA STAR", not only an MMSI.
  void describe_vessels(Event& event) {
    nlohmann::json described = nlohmann::json::array();
    for (const std::uint32_t mmsi : event.mmsis) {
      nlohmann::json v = {{"mmsi", mmsi}};
      const std::uint32_t i = index.find(mmsi);
      if (i != FlatIndex::kMissing) {
        const VesselState& vessel = vessels[i];
        if (const auto name = identities.name_of(vessel); !name.empty()) v["name"] = name;
        const ClassOfVessel kind = class_of_vessel(vessel, context.config);
        v["class"] = vessel::to_string(kind.vessel_class);
        v["class_basis"] = kind.basis;
        if (vessel.ship_type != 0) v["ship_type"] = vessel.ship_type;
        if (vessel.length_m != 0) v["length_m"] = vessel.length_m;
      } else {
        v["class"] = vessel::to_string(vessel::VesselClass::unknown);
      }
      described.push_back(std::move(v));
    }
    event.attributes["vessel_details"] = std::move(described);
  }

  // What a static report says of the vessel's kind: its AIS type and length.
  void note_kind(VesselState& vessel, const StaticReport& report) {
    if (report.attribute != vessel::Attribute::ship_type &&
        report.attribute != vessel::Attribute::length)
      return;
    unsigned value = 0;
    for (const char c : report.value) {
      if (c < '0' || c > '9' || value > 100'000) return;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (report.attribute == vessel::Attribute::ship_type) {
      if (value > 0 && value < 100) vessel.ship_type = static_cast<std::uint8_t>(value);
    } else if (value > 0 && value < 1'000) {
      vessel.length_m = static_cast<std::uint16_t>(value);
    }
  }

  void advance_clock(Timestamp time) {
    if (time <= context.now) return;
    context.now = time;
    if (next_sweep == 0) next_sweep = time + kSweepInterval;
    if (time >= next_sweep) {
      encounters.sweep(vessels, context);
      spoofing.sweep(context);
      next_sweep = time + kSweepInterval;
    }
  }

  void on_position(const Position& position) {
    ++stats.positions;
    if (!(std::fabs(position.at.lat) <= 90) || !(std::fabs(position.at.lon) <= 180)) return;
    advance_clock(position.time);
    const std::uint32_t i = vessel_index(position.mmsi);
    Fix fix;
    fix.time = position.time;
    fix.ref = position.ref;
    fix.lat = to_e7(position.at.lat);
    fix.lon = to_e7(position.at.lon);
    fix.speed = position.speed;
    const bool first = vessels[i].own().reports() == 0;
    const Assignment assignment = assign_to_track(vessels[i], fix, context);
    if (!assignment.accepted) return;
    gaps.count_report(fix);
    spoofing.on_report(vessels[i], fix, assignment, context);
    if (assignment.slot != vessels[i].primary) return;  // not the vessel's own track
    const Fix& previous = first || assignment.jump ? fix : assignment.previous;
    VesselState& vessel = vessels[i];
    if (fix.speed >= context.config.class_fast_craft_min_speed_kn && fix.speed < 102.2F &&
        vessel.fast_reports < 255)
      ++vessel.fast_reports;
    if (!first) {
      if (const auto gap = gaps.on_report(vessel, previous, fix, context))
        dark_encounters.on_gap(*gap, context);
    }
    loitering.on_report(vessel, previous, fix, assignment.new_segment || first, context);
    port_calls.on_report(vessel, previous, fix, context);
    encounters.on_report(i, vessels, previous, fix, assignment.new_segment || first, context);
    vessels[i].reception_mark = gaps.reception_count(fix);
  }
};

Engine::Engine(Config config, const geo::LandMask* land, const geo::PlaceIndex* places,
               EventSink& sink)
    : impl_(std::make_unique<Impl>()) {
  impl_->context.config = config;
  impl_->context.land = land;
  impl_->context.places = places;
  impl_->context.sink = &impl_->buffer;
  impl_->context.stats = &impl_->stats;
  impl_->out = &sink;
  Impl* m = impl_.get();
  impl_->context.find_vessel = [m](std::uint32_t mmsi) -> const VesselState* {
    const std::uint32_t i = m->index.find(mmsi);
    return i == FlatIndex::kMissing ? nullptr : &m->vessels[i];
  };
  impl_->context.describe_vessels = [m](Event& event) { m->describe_vessels(event); };
}

Engine::~Engine() = default;

void Engine::on_position(const Position& position) {
  impl_->on_position(position);
  if (!impl_->buffer.events.empty()) impl_->buffer.flush(*impl_->out);
}

void Engine::on_reports(std::span<const Report> reports) {
  Impl& m = *impl_;
  constexpr std::size_t kIndexAhead = 16, kVesselAhead = 8;
  const std::size_t n = reports.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kIndexAhead < n) m.index.prefetch(reports[i + kIndexAhead].position.mmsi);
    if (i + kVesselAhead < n) {
      const std::uint32_t j = m.index.find(reports[i + kVesselAhead].position.mmsi);
      if (j != FlatIndex::kMissing) {
        const auto* bytes = reinterpret_cast<const char*>(&m.vessels[j]);
        for (std::size_t offset = 0; offset < sizeof(VesselState); offset += 64)
          __builtin_prefetch(bytes + offset);
      }
    }
    on_report(reports[i]);
  }
}

void Engine::on_static(const StaticReport& report) {
  ++impl_->stats.static_reports;
  impl_->advance_clock(report.time);
  const std::uint32_t i = impl_->vessel_index(report.mmsi);
  impl_->note_kind(impl_->vessels[i], report);
  impl_->identities.on_report(impl_->vessels[i], report, impl_->context);
  if (!impl_->buffer.events.empty()) impl_->buffer.flush(*impl_->out);
}

void Engine::finish() {
  Impl& m = *impl_;
  m.vessels.for_each([&](VesselState& vessel) {
    if (vessel.own().reports() == 0) return;
    m.loitering.finish(vessel, m.context);
    m.port_calls.finish(vessel, m.context);
  });
  m.encounters.finish(m.context);
  m.spoofing.finish(m.vessels, m.context);
  m.buffer.flush(*m.out);
}

const EngineStats& Engine::stats() const {
  return impl_->stats;
}

std::size_t Engine::vessel_state_bytes() const {
  const Impl& m = *impl_;
  // The vessel table, the MMSI index (a node and a bucket per vessel) and the detectors'
  // own tables.
  return m.vessels.bytes() + m.index.bytes() + m.encounters.state_bytes() +
         m.spoofing.state_bytes() + m.identities.state_bytes();
}

}  // namespace vigil::maritime
