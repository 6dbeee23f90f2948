#pragma once

// OSCE-style reports locate what they saw from where they stood: "an explosion 4 km
// south-south-east of the camera". An observation may give the observer's position with a
// bearing and a range instead of a location; vigil places it on the geodesic and gives it an
// uncertainty that grows with the range and the vagueness of the bearing.

#include <optional>
#include <string>
#include <string_view>

#include "vigil/core/observation.hpp"

namespace vigil::ingest {

// Defaults, documented in docs/formats.md.
inline constexpr double kCompassHalfSectorDeg = 11.25;  // half a point of a 16-point rose
inline constexpr double kNumericBearingUncertaintyDeg = 5;
inline constexpr double kRangeUncertaintyFraction = 0.25;  // "approximately 4 km"
inline constexpr double kMaxObserverRangeM = 100'000;

// Degrees clockwise from north of a compass point: "SSE", "south-south-east", "N", "nw"...
std::optional<double> compass_bearing_deg(std::string_view text);

enum class ObserverResult { absent, located, error };

// When `obs.attributes` holds observer_lat, observer_lon, bearing and range_m (or range_km),
// sets obs.lat/lon to the point at that bearing and range and, unless the observation gave
// one, obs.uncertainty_m to sqrt(range_uncertainty² + (range · sin bearing_uncertainty)²).
// bearing_uncertainty_deg and range_uncertainty_m override the defaults above. The fields
// stay in the attributes as the record of how the location was found.
ObserverResult locate_from_observer(Observation& obs, std::string& field, std::string& message);

}  // namespace vigil::ingest
