#pragma once

// Earth-centred, earth-fixed coordinates on the WGS84 ellipsoid, for distance kernels that
// must be both exact to the metre and cheap: a 3D chord is exact and costs a square root,
// and a chord turns into the geodesic's length by its curvature (chord_to_geodesic_m).

#include <cmath>

#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

struct Vec3 {
  double x = 0, y = 0, z = 0;
};
inline Vec3 operator-(Vec3 a, Vec3 b) {
  return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline Vec3 operator+(Vec3 a, Vec3 b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline Vec3 operator*(Vec3 a, double k) {
  return {a.x * k, a.y * k, a.z * k};
}
inline double dot(Vec3 a, Vec3 b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline double norm(Vec3 a) {
  return std::sqrt(dot(a, a));
}

inline constexpr double kWgs84SemiMajor = 6378137.0;
inline constexpr double kWgs84Flattening = 1 / 298.257223563;
inline constexpr double kWgs84EccentricitySquared = kWgs84Flattening * (2 - kWgs84Flattening);
inline constexpr double kWgs84SemiMinor = kWgs84SemiMajor * (1 - kWgs84Flattening);

// A surface point with what the distance kernels need of its place: its position and the
// local frame and radii of curvature for turning chords into geodesic lengths.
struct SurfacePoint {
  LatLon where;
  Vec3 at;
  Vec3 east, north;
  double meridian_radius = 0;        // M
  double prime_vertical_radius = 0;  // N
};

// The point on the ellipsoid (height 0).
Vec3 to_ecef(LatLon p);
SurfacePoint surface_point(LatLon p);
LatLon to_lat_lon(Vec3 v);  // of a point on or near the ellipsoid

// The point of the ellipsoid on the ray from the centre through v: a point a few metres
// below the surface (on a chord) comes back up onto it, moving sideways by about a
// three-hundredth of its depth.
Vec3 onto_surface(Vec3 v);

// The length of the geodesic between `from` and a point `chord` away from it in the
// direction `towards` (any vector from `from` to the other point). The geodesic differs
// from its chord by c³/24R² (8 m at 200 km), R the normal section's radius in that azimuth
// (Euler), so that its error below 200 km is under a centimetre.
double chord_to_geodesic_m(const SurfacePoint& from, Vec3 towards, double chord);

}  // namespace vigil::geo
