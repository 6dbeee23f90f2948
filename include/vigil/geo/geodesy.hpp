#pragma once

#include <numbers>

namespace vigil::geo {

inline constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

// A point on the WGS84 ellipsoid, in degrees.
struct LatLon {
  double lat = 0;
  double lon = 0;
};

inline constexpr double kMetresPerNauticalMile = 1852.0;
inline constexpr double kMetresPerSecondPerKnot = 1852.0 / 3600.0;

// Geodesic distance in metres on WGS84 (Karney's algorithm, GeographicLib).
double distance_m(LatLon a, LatLon b);

// Geodesic distance for the per-message kinematics of tracks and detectors (implied speeds,
// 500 m proximity): for points less than kFastDistanceSpan apart it uses the ellipsoid's
// meridian and prime-vertical radii of curvature at the mid latitude (the relative error
// stays below 1e-4 there, tests/unit/geo/geodesy_test.cpp), and the exact geodesic beyond.
// About fifty times cheaper than distance_m where it matters: per message.
double fast_distance_m(LatLon a, LatLon b);
inline constexpr double kFastDistanceSpan = 0.5;  // degrees of latitude or longitude

// Initial bearing of the geodesic from a to b, degrees clockwise from north in [0, 360).
double bearing_deg(LatLon a, LatLon b);

// The angle between two bearings in degrees, in [0, 180].
double bearing_difference_deg(double a, double b);

// The point `metres` along the geodesic leaving `from` at `bearing` degrees.
LatLon destination(LatLon from, double bearing, double metres);

}  // namespace vigil::geo
