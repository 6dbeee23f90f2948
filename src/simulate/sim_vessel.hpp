#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "random.hpp"
#include "sea_routes.hpp"
#include "vigil/core/time.hpp"
#include "vigil/geo/geodesy.hpp"

namespace vigil::simulate {

struct Waypoint {
  geo::LatLon at;
  Timestamp time = 0;
};

struct Window {
  Timestamp start = 0, end = 0;
  bool contains(Timestamp t) const { return t >= start && t < end; }
};

// A stretch of time over which the reported position is not the true one.
struct Spoof {
  Window window;
  std::optional<geo::LatLon> fixed;  // everyone reports this point
  double shift_bearing = 0;          // else the truth moved this far this way
  double shift_m = 0;
  // Or a circle drawn around the true position: its radius, and the speed and direction
  // (+1 clockwise, -1 anticlockwise) it is drawn at.
  double circle_radius_m = 0;
  double circle_knots = 0;
  double circle_way = 1;
};

// A change of what the vessel broadcasts about itself, from `time` on.
struct IdentityChange {
  Timestamp time = 0;
  std::string attribute;  // "name", "callsign", "mmsi"
  std::string value;
  std::uint32_t mmsi = 0;  // for "mmsi"
};

// One simulated transmitter: where it truly is over time (timed waypoints, extended with
// random legs in its region once its script runs out), and what it reports.
struct SimVessel {
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;
  std::string name, callsign, destination;
  int ship_type = 80;
  bool class_b = false;
  double cruise_kn = 12;
  const Region* region = nullptr;
  std::deque<Waypoint> track;
  std::vector<Window> dark;
  std::vector<Spoof> spoofs;
  std::vector<IdentityChange> changes;  // time order
  std::size_t changes_applied = 0;
  std::optional<Window> active;  // a second transmitter is on the air only then
  // Heard only this near the coast (a coastal receiver's range); none: heard everywhere.
  std::optional<double> receiver_range_m;
  bool sends_static = true;

  // Speed and course of the current leg, worked out once per leg.
  Timestamp leg_start = -1;
  double leg_knots = 0;
  double leg_course = 0;

  Timestamp next_report = 0;
  Timestamp next_static = 0;
  Timestamp last_report = 0;
  bool was_dark = false;

  // Where the track as drawn so far puts the vessel at t (no later than its last waypoint),
  // without consuming it: for planting others around a point of its future.
  geo::LatLon planned_position(Timestamp t) const;
  // True position at t (t not before the track's first waypoint); extends the track.
  geo::LatLon position(Timestamp t, const SeaRoutes& routes, Random& random);
  // Speed over ground and course of the true motion at t (after position(t)).
  double speed_kn_at(Timestamp t);
  double course_at(Timestamp t);
  bool dark_at(Timestamp t) const;
  const Spoof* spoof_at(Timestamp t) const;

  void append_leg(geo::LatLon to, double knots);
  void append_route(const std::vector<geo::LatLon>& points, double knots);
  void hold_until(Timestamp until);
  // Draws the next random leg in its region.
  void extend(const SeaRoutes& routes, Random& random);

 private:
  void update_leg();
};

}  // namespace vigil::simulate
