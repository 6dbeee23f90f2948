#include "sim_vessel.hpp"

#include <cmath>

namespace vigil::simulate {

void SimVessel::append_leg(geo::LatLon to, double knots) {
  const Waypoint& last = track.back();
  const double metres = geo::fast_distance_m(last.at, to);
  const auto micros =
      static_cast<Timestamp>(metres / (knots * geo::kMetresPerSecondPerKnot) * kMicrosPerSecond);
  track.push_back({to, last.time + std::max<Timestamp>(micros, kMicrosPerSecond)});
}

void SimVessel::append_route(const std::vector<geo::LatLon>& points, double knots) {
  for (const auto& p : points) {
    if (geo::fast_distance_m(track.back().at, p) < 1) continue;
    append_leg(p, knots);
  }
}

void SimVessel::hold_until(Timestamp until) {
  if (until > track.back().time) track.push_back({track.back().at, until});
}

void SimVessel::extend(const SeaRoutes& routes, Random& random) {
  const geo::LatLon from = track.back().at;
  auto to = routes.leg_end(from, *region, random, 30'000, 150'000);
  if (!to) {
    // Boxed in: sail back to where the previous leg began, which is known to be reachable.
    to = track.size() >= 2 ? track[track.size() - 2].at : from;
    if (geo::fast_distance_m(from, *to) < 1)
      to = geo::destination(from, random.uniform(0, 360), 2'000);
  }
  append_leg(*to, cruise_kn * random.uniform(0.9, 1.1));
}

geo::LatLon SimVessel::position(Timestamp t, const SeaRoutes& routes, Random& random) {
  while (track.back().time <= t)
    extend(routes, random);
  while (track.size() > 2 && track[1].time <= t)
    track.pop_front();
  const Waypoint& a = track[0];
  const Waypoint& b = track[1];
  if (t <= a.time) return a.at;
  const double f = static_cast<double>(t - a.time) / static_cast<double>(b.time - a.time);
  return {a.at.lat + (b.at.lat - a.at.lat) * f, a.at.lon + (b.at.lon - a.at.lon) * f};
}

geo::LatLon SimVessel::planned_position(Timestamp t) const {
  for (std::size_t i = 1; i < track.size(); ++i) {
    const Waypoint& a = track[i - 1];
    const Waypoint& b = track[i];
    if (t > b.time) continue;
    if (t <= a.time) return a.at;
    const double f = static_cast<double>(t - a.time) / static_cast<double>(b.time - a.time);
    return {a.at.lat + (b.at.lat - a.at.lat) * f, a.at.lon + (b.at.lon - a.at.lon) * f};
  }
  return track.back().at;
}

void SimVessel::update_leg() {
  if (leg_start == track[0].time) return;
  leg_start = track[0].time;
  const Waypoint& a = track[0];
  const Waypoint& b = track[1];
  const double metres = geo::fast_distance_m(a.at, b.at);
  const double seconds = static_cast<double>(b.time - a.time) / kMicrosPerSecond;
  leg_knots = metres / seconds / geo::kMetresPerSecondPerKnot;
  leg_course = metres < 1 ? 0 : geo::bearing_deg(a.at, b.at);
}

double SimVessel::speed_kn_at(Timestamp t) {
  if (t < track[0].time) return 0;
  update_leg();
  return leg_knots;
}

double SimVessel::course_at(Timestamp /*t*/) {
  update_leg();
  return leg_course;
}

bool SimVessel::dark_at(Timestamp t) const {
  for (const auto& w : dark)
    if (w.contains(t)) return true;
  return false;
}

const Spoof* SimVessel::spoof_at(Timestamp t) const {
  for (const auto& s : spoofs)
    if (s.window.contains(t)) return &s;
  return nullptr;
}

}  // namespace vigil::simulate
