#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "random.hpp"
#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"

namespace vigil::simulate {

// A stretch of sea where simulated vessels sail.
struct Region {
  std::string_view name;
  double lat_min, lat_max, lon_min, lon_max;
  double weight;  // share of the background traffic
};
const std::vector<Region>& sea_regions();
const Region& region_named(std::string_view name);

// Where vessels can go: sea points, straight legs that stay off land, and routes around land
// (A* over a 0.02° grid of sea cells) into terminals.
class SeaRoutes {
 public:
  SeaRoutes(const geo::LandMask& land, const geo::PlaceIndex& places)
      : land_(land), places_(places) {}

  // No sample every ~1 km along the straight line from a to b is on land.
  bool clear(geo::LatLon a, geo::LatLon b) const;
  // A sea point of the region at least `min_shore_m` from land and `min_port_m` from places.
  std::optional<geo::LatLon> sea_point(const Region& region, Random& random, double min_shore_m,
                                       double min_port_m) const;
  // A sea point 8-30 km from `near`, within `max_shore_m` of the coastline and at least
  // `min_port_m` from every known place: where a marina or a fleeting area no list knows
  // would be.
  std::optional<geo::LatLon> coastal_point(geo::LatLon near, Random& random, double max_shore_m,
                                           double min_port_m) const;
  // A point of the region `min_m`..`max_m` away from `from`, reachable in a straight line.
  std::optional<geo::LatLon> leg_end(geo::LatLon from, const Region& region, Random& random,
                                     double min_m, double max_m) const;
  // A sea route from `from` to `to` (the last few km may cross the coastline into a
  // terminal). Empty when none is found.
  std::vector<geo::LatLon> route(geo::LatLon from, geo::LatLon to) const;

 private:
  const geo::LandMask& land_;
  const geo::PlaceIndex& places_;
};

}  // namespace vigil::simulate
