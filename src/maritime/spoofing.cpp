// maritime.spoofing: AIS positions that cannot be true.
//  - "jump": reports at a place the vessel could not have reached (beyond
//    track.max_speed_kn), at least spoofing.min_jump_reports of them, so one garbled report
//    is not an episode;
//  - "shared_mmsi": two tracks under one MMSI taking turns (two transmitters), at least
//    spoofing.shared_mmsi_switches alternations;
//  - "on_land": reports more than spoofing.min_inland_m inland (Natural Earth land), at
//    least spoofing.min_land_reports of them; harbours sit on the coastline's edge and stay
//    below the distance, and rivers, ship channels and port basins the 1:10m coastline
//    fills in are known from the data: a ship that sailed onto "land" from water or a port
//    on its own track (no jump, no silence), or sails off it into water or a port, is on a
//    waterway; so is a stretch where spoofing.waterway_min_vessels other vessels sailed
//    within a kilometre of the episode's first or last report on land; and a vessel whose
//    reports on land stay within a kilometre of each other lies at a riverside berth;
//  - "shared_position": spoofing.shared_position_vessels vessels or more reporting the same
//    position (to 1e-4°, about 11 m) within spoofing.shared_position_window_min, the
//    signature of GNSS spoofing that puts every ship in an area on one point; a vessel
//    counts when it came to the point by a jump or says it is under way while it stays
//    (ships moored or rafted together share a spot honestly);
//  - "circle": a track that turns the same way leg after leg for spoofing.circle_turns full
//    turns within spoofing.circle_max_radius_km, the drawn circles of the spoofed positions
//    seen off Black Sea and Middle East ports since 2019. Each leg must curve at least as
//    tightly as that radius, so that a ship sailing on and now and then altering course the
//    same way never adds up to a circle.
// An episode of a vessel ends after spoofing.quiet_h without anomalies and is reported then.

#include <algorithm>
#include <numbers>

#include "detectors.hpp"

namespace vigil::maritime::detail {
namespace {

// The direction of a short leg, degrees clockwise from north, on the local tangent plane:
// only turning angles between consecutive legs are taken from it, never distances.
double leg_direction_deg(const Fix& from, const Fix& to) {
  double dlon = from_e7(to.lon) - from_e7(from.lon);
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  const double mid_lat = (from_e7(from.lat) + from_e7(to.lat)) / 2 * std::numbers::pi / 180;
  const double direction =
      std::atan2(dlon * std::cos(mid_lat), from_e7(to.lat) - from_e7(from.lat)) * 180 /
      std::numbers::pi;
  return direction < 0 ? direction + 360 : direction;
}

// A speed over ground that says a vessel is under way, not drifting at its mooring.
constexpr float kUnderWayKn = 3;
// Reports on land all within this of the first are a vessel at its berth.
constexpr float kMooredExtentM = 1'000;

std::uint64_t position_key(const Fix& fix) {
  const auto lat = static_cast<std::int64_t>(std::floor(fix.lat / 1000.0));
  const auto lon = static_cast<std::int64_t>(std::floor(fix.lon / 1000.0));
  return (static_cast<std::uint64_t>(lat + 1'000'000) << 32) ^
         static_cast<std::uint64_t>(lon + 2'000'000);
}

}  // namespace

void SpoofingDetector::on_report(VesselState& vessel, const Fix& fix, const Assignment& assignment,
                                 Context& context) {
  const Config& config = context.config;
  SpoofState& s = vessel.spoof;
  if (s.start != 0 && fix.time - s.last_anomaly > hours(config.spoofing_quiet_h))
    close(vessel, context);

  bool anomaly = false;
  if (assignment.jump) {
    ++s.jumps;
    s.max_jump_km = std::max(s.max_jump_km, static_cast<float>(assignment.jump_km));
    anomaly = true;
  }
  if (assignment.slot != vessel.primary) {
    s.secondary_reports = static_cast<std::uint16_t>(std::min(s.secondary_reports + 1, 65535));
    anomaly = true;
  }
  if (assignment.switched && !assignment.jump && s.start != 0) {
    s.switches = static_cast<std::uint16_t>(std::min(s.switches + 1, 65535));
    anomaly = true;
  }
  // Ship stations only (MID first digit 2-7): base stations, aids to navigation and SAR
  // aircraft are on land or over it by right. Ports up rivers and fjords that the 1:10m
  // coastline fills in are known places and excluded.
  const bool ship = vessel.mmsi >= 200'000'000 && vessel.mmsi < 800'000'000;
  const bool own_track = assignment.slot == vessel.primary && !assignment.jump;
  const bool on_land = ship && context.land != nullptr && context.land->on_land(fix.at());
  const bool in_port =
      on_land && context.near_place(fix.at(), config.spoofing_land_port_distance_km);
  if (!own_track || assignment.new_segment) vessel.afloat = false;
  if (ship && own_track && (!on_land || in_port)) {
    vessel.afloat = true;
    // Back on water or in a port by its own track, without a jump: the "land" it crossed
    // since was a river, a channel or a lake the coastline fills in.
    if (s.jumps == 0) forget_land(s);
  }
  if (on_land && !in_port &&
      context.land->distance_to_shore_m(fix.at(), config.spoofing_min_inland_m) >=
          config.spoofing_min_inland_m) {
    const std::uint32_t cell = waterway_cell(fix.lat, fix.lon);
    // Sailed there on its own track, without a jump: evidence of water for the others.
    if (own_track) note_waterway(cell, vessel.mmsi);
    // A ship that came up the river from the sea is on a waterway, however the coastline
    // draws it.
    if (!vessel.afloat) {
      s.land_reports = static_cast<std::uint16_t>(std::min(s.land_reports + 1, 65535));
      if (s.first_land_cell == 0) {
        s.first_land_cell = cell;
        s.land_lat = fix.lat;
        s.land_lon = fix.lon;
      }
      s.last_land_cell = cell;
      const geo::LatLon first_on_land{from_e7(s.land_lat), from_e7(s.land_lon)};
      s.land_extent_m = std::max(s.land_extent_m,
                                 static_cast<float>(geo::fast_distance_m(first_on_land, fix.at())));
      anomaly = true;
    }
  }
  if (anomaly) {
    if (s.start == 0) {
      s.start = fix.time;
      s.first_ref = fix.ref;
      s.lat = fix.lat;
      s.lon = fix.lon;
    }
    s.last_anomaly = fix.time;
    s.last_ref = fix.ref;
  }
  if (assignment.slot == vessel.primary && !assignment.jump) {
    if (assignment.new_segment)
      end_circling(vessel, assignment.previous, context);
    else
      follow_circling(vessel, assignment.previous, fix, context);
  }
  check_shared_position(vessel, fix, assignment, context);
}

void SpoofingDetector::follow_circling(VesselState& vessel, const Fix& previous, const Fix& fix,
                                       Context& context) {
  const Config& config = context.config;
  CircleState& c = vessel.circle;
  const double leg_m = geo::fast_distance_m(previous.at(), fix.at());
  if (leg_m < config.spoofing_circle_min_leg_m) return;
  const double direction = leg_direction_deg(previous, fix);
  const double last_leg_m = c.last_leg_m;
  const std::uint16_t last_bearing = c.last_bearing;
  c.last_bearing = static_cast<std::uint16_t>(std::lround(direction * 100) % 36'000);
  c.last_leg_m = static_cast<std::uint16_t>(std::min(std::lround(leg_m), 65'535L));
  const auto restart = [&] {
    c.start_s = static_cast<std::uint32_t>(previous.time / kMicrosPerSecond);
    c.turned_deg = 0;
  };
  if (last_bearing == CircleState::kNoBearing) {
    restart();
    return;
  }
  double turn = direction - last_bearing / 100.0;
  if (turn > 180) turn -= 360;
  if (turn <= -180) turn += 360;
  // The circle through the two legs' three ends: the chord from the first to the last is
  // seen under the turn from any point of the circle.
  const double turn_rad = std::abs(turn) * std::numbers::pi / 180;
  const double chord_m = std::sqrt(last_leg_m * last_leg_m + leg_m * leg_m +
                                   2 * last_leg_m * leg_m * std::cos(turn_rad));
  const double radius_m = chord_m / (2 * std::sin(turn_rad));
  const bool curves = radius_m <= config.spoofing_circle_max_radius_km * 1000 &&
                      std::abs(turn) <= config.spoofing_circle_max_leg_turn_deg;
  const bool same_way = c.turned_deg == 0 || (turn > 0) == (c.turned_deg > 0);
  const auto radius = static_cast<std::uint16_t>(std::lround(std::min(radius_m, 65'535.0)));
  // A drawn circle keeps its radius; a fishing vessel working round in circles does not.
  const bool regular = c.turned_deg == 0 ||
                       (std::max(c.max_radius_m, radius) <=
                        config.spoofing_circle_max_radius_ratio * std::min(c.min_radius_m, radius));
  if (!curves || !same_way || !regular) {
    end_circling(vessel, previous, context);
    restart();
    if (!curves) return;
  }
  if (c.turned_deg == 0) {
    c.min_radius_m = c.max_radius_m = radius;
  } else {
    c.min_radius_m = std::min(c.min_radius_m, radius);
    c.max_radius_m = std::max(c.max_radius_m, radius);
  }
  c.turned_deg += static_cast<float>(turn);
  if (std::abs(c.turned_deg) >= 360 * config.spoofing_circle_turns)
    c.reports = static_cast<std::uint8_t>(std::min(c.reports + 1, 255));
}

void SpoofingDetector::end_circling(VesselState& vessel, const Fix& last, Context& context) {
  CircleState& c = vessel.circle;
  if (c.reports > 0) {
    Event event;
    event.rule = "maritime.spoofing";
    event.start = static_cast<Timestamp>(c.start_s) * kMicrosPerSecond;
    event.end = last.time;
    event.at = last.at();
    event.mmsis = {vessel.mmsi};
    event.evidence = {{vessel.mmsi, last.time, last.ref}};
    auto& a = event.attributes;
    a["kind"] = "circle";
    a["turns"] = std::round(std::abs(static_cast<double>(c.turned_deg)) / 36) / 10;
    a["radius_km"] = std::round((c.min_radius_m + c.max_radius_m) / 20.0) / 100;
    a["direction"] = c.turned_deg > 0 ? "clockwise" : "anticlockwise";
    event.severity = Severity::high;
    event.confidence = 0.8;
    context.emit(std::move(event));
  }
  c = {};
}

void SpoofingDetector::check_shared_position(VesselState& vessel, const Fix& fix,
                                             const Assignment& assignment, Context& context) {
  // Only a vessel that stays on one spot is looked up: a spoofed fleet sits on its point,
  // and moving vessels (almost all reports) cost nothing here.
  const std::uint64_t key = position_key(fix);
  const auto hashed = static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15ULL) >> 32);
  const bool stayed = hashed == vessel.spoof.last_position_key;
  vessel.spoof.last_position_key = hashed;
  if (!stayed) {
    vessel.spoof.spot_by_jump = assignment.jump || assignment.slot != vessel.primary;
    return;
  }
  // A vessel that sailed to the spot and says it lies still there is moored: barges rafted
  // in a fleeting area, ferries at their landing. It counts when it was moved there by a
  // jump, or says it is under way while its position stands still.
  const bool moving_said = !std::isnan(fix.speed) && fix.speed >= kUnderWayKn;
  if (!vessel.spoof.spot_by_jump && !moving_said) return;
  const Config& config = context.config;
  SharedSpot& spot = spots_[key];
  const Timestamp window = minutes(config.spoofing_shared_position_window_min);
  if (!spot.reports.empty() && fix.time - spot.last > window) {
    report_spot(spot, context);
    spot = {};
  }
  if (spot.reports.empty()) spot.first = fix.time;
  spot.last = fix.time;
  const auto mine = std::find_if(spot.reports.begin(), spot.reports.end(),
                                 [&](const Evidence& e) { return e.mmsi == vessel.mmsi; });
  if (mine != spot.reports.end()) return;
  spot.reports.push_back({vessel.mmsi, fix.time, fix.ref});
  spot.at_lat = fix.lat;
  spot.at_lon = fix.lon;
}

// A spot is reported once its window has passed, with every vessel that reported it.
void SpoofingDetector::report_spot(const SharedSpot& spot, Context& context) {
  const Config& config = context.config;
  if (static_cast<double>(spot.reports.size()) < config.spoofing_shared_position_vessels) return;
  const geo::LatLon at{from_e7(spot.at_lat), from_e7(spot.at_lon)};
  // Ships rafted up or moored side by side in port are not spoofing.
  if (context.near_place(at, 3)) return;
  Event event;
  event.rule = "maritime.spoofing";
  event.start = spot.first;
  event.end = spot.last;
  event.at = at;
  for (const auto& e : spot.reports)
    event.mmsis.push_back(e.mmsi);
  std::sort(event.mmsis.begin(), event.mmsis.end());
  event.evidence = spot.reports;
  event.attributes["kind"] = "shared_position";
  event.attributes["vessels"] = spot.reports.size();
  event.severity = Severity::high;
  event.confidence = 0.8;
  context.emit(std::move(event));
}

void SpoofingDetector::close(VesselState& vessel, Context& context) {
  const Config& config = context.config;
  SpoofState s = vessel.spoof;
  vessel.spoof = {};
  vessel.spoof.last_position_key = s.last_position_key;
  const bool shared_mmsi = s.switches >= config.spoofing_shared_mmsi_switches;
  const bool jumped = s.jumps > 0 && s.secondary_reports >= config.spoofing_min_jump_reports;
  // On land the coastline draws, unless other vessels sailed the same stretch: then it is a
  // waterway the 1:10m coastline fills in (both ends of the episode on land must be).
  // A vessel that stayed on one spot of "land" lies at a riverside berth the coastline fills
  // in (a spoofed position arrives by a jump, which is reported as one).
  const bool on_land = s.land_reports >= config.spoofing_min_land_reports &&
                       s.land_extent_m >= kMooredExtentM &&
                       !is_waterway(s.first_land_cell, vessel.mmsi, config) &&
                       !is_waterway(s.last_land_cell, vessel.mmsi, config);
  if (!shared_mmsi && !jumped && !on_land) {
    // One fix far off and then back on track: the receiver's or the GNSS's noise.
    if (s.jumps > 0) ++context.stats->position_noise;
    return;
  }
  Event event;
  event.rule = "maritime.spoofing";
  event.start = s.start;
  event.end = s.last_anomaly;
  event.at = {from_e7(s.lat), from_e7(s.lon)};
  event.mmsis = {vessel.mmsi};
  event.evidence = {{vessel.mmsi, s.start, s.first_ref}};
  if (s.last_ref != s.first_ref)
    event.evidence.push_back({vessel.mmsi, s.last_anomaly, s.last_ref});
  auto& a = event.attributes;
  a["kind"] = shared_mmsi ? "shared_mmsi" : (jumped ? "jump" : "on_land");
  a["jumps"] = s.jumps;
  a["switches"] = s.switches;
  a["reports_off_track"] = s.secondary_reports;
  a["reports_on_land"] = s.land_reports;
  if (s.max_jump_km > 0)
    a["max_jump_km"] = std::round(static_cast<double>(s.max_jump_km) * 10) / 10;
  event.severity = Severity::high;
  event.confidence = shared_mmsi || on_land ? 0.8 : 0.7;
  context.emit(std::move(event));
}

void SpoofingDetector::forget_land(SpoofState& s) {
  s.land_reports = 0;
  s.first_land_cell = s.last_land_cell = 0;
  s.land_extent_m = 0;
}

void SpoofingDetector::note_waterway(std::uint32_t cell, std::uint32_t mmsi) {
  auto& mmsis = waterways_[cell].mmsis;
  for (auto& slot : mmsis) {
    if (slot == mmsi) return;
    if (slot == 0) {
      slot = mmsi;
      return;
    }
  }
  // Full: the cell is busy enough already; keep the latest in the last slot.
  mmsis.back() = mmsi;
}

bool SpoofingDetector::is_waterway(std::uint32_t cell, std::uint32_t mmsi,
                                   const Config& config) const {
  if (cell == 0) return false;
  std::array<std::uint32_t, 36> others{};
  std::size_t n = 0;
  for (int dr = -1; dr <= 1; ++dr)
    for (int dc = -1; dc <= 1; ++dc) {
      const auto it = waterways_.find(waterway_neighbour(cell, dr, dc));
      if (it == waterways_.end()) continue;
      for (const std::uint32_t other : it->second.mmsis)
        if (other != 0 && other != mmsi &&
            std::find(others.begin(), others.begin() + n, other) == others.begin() + n)
          others[n++] = other;
    }
  return static_cast<double>(n) >= config.spoofing_waterway_min_vessels;
}

void SpoofingDetector::sweep(Context& context) {
  const Timestamp window = minutes(context.config.spoofing_shared_position_window_min);
  for (auto it = spots_.begin(); it != spots_.end();) {
    if (context.now - it->second.last > window) {
      report_spot(it->second, context);
      it = spots_.erase(it);
    } else {
      ++it;
    }
  }
}

void SpoofingDetector::finish(VesselTable& vessels, Context& context) {
  vessels.for_each([&](VesselState& vessel) {
    if (vessel.spoof.start != 0) close(vessel, context);
    if (vessel.own().reports() > 0) end_circling(vessel, vessel.own().last, context);
  });
  for (const auto& [key, spot] : spots_)
    report_spot(spot, context);
  spots_.clear();
}

std::size_t SpoofingDetector::state_bytes() const {
  std::size_t bytes = 0;
  for (const auto& [key, spot] : spots_)
    bytes += sizeof(SharedSpot) + 32 + spot.reports.capacity() * sizeof(Evidence);
  return bytes;
}

}  // namespace vigil::maritime::detail
