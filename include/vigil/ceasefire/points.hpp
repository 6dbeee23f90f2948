#pragma once

// Points to classify: JSON Lines ({"id": .., "lat": .., "lon": ..}), CSV with a header (id,
// lat, lon; or latitude, longitude) or a GeoJSON FeatureCollection of Points (id from the
// feature's "id" or properties.id). A bad point is reported with its line and skipped.

#include <cstdint>
#include <functional>
#include <string>

#include "vigil/geo/geodesy.hpp"

namespace vigil::ceasefire {

struct InputPoint {
  std::string_view id;
  geo::LatLon at;
  std::uint64_t line = 0;
};

struct PointReadStats {
  std::uint64_t points = 0;
  std::uint64_t rejected = 0;
};

// Calls `on_point` for each good point in file order and `on_error` with "FILE:LINE: why" for
// each bad one; throws std::runtime_error when the file cannot be read or its format is not
// one of the three. "-" reads standard input.
PointReadStats read_points(const std::string& path,
                           const std::function<void(const InputPoint&)>& on_point,
                           const std::function<void(const std::string&)>& on_error);

}  // namespace vigil::ceasefire
