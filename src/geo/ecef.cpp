#include "vigil/geo/ecef.hpp"

namespace vigil::geo {

SurfacePoint surface_point(LatLon p) {
  const double phi = p.lat * kRadiansPerDegree, lambda = p.lon * kRadiansPerDegree;
  const double sin_phi = std::sin(phi), cos_phi = std::cos(phi);
  const double sin_lambda = std::sin(lambda), cos_lambda = std::cos(lambda);
  const double w2 = 1 - kWgs84EccentricitySquared * sin_phi * sin_phi;
  const double w = std::sqrt(w2);
  SurfacePoint s;
  s.where = p;
  s.prime_vertical_radius = kWgs84SemiMajor / w;
  s.meridian_radius = kWgs84SemiMajor * (1 - kWgs84EccentricitySquared) / (w2 * w);
  const double n = s.prime_vertical_radius;
  s.at = {n * cos_phi * cos_lambda, n * cos_phi * sin_lambda,
          n * (1 - kWgs84EccentricitySquared) * sin_phi};
  s.east = {-sin_lambda, cos_lambda, 0};
  s.north = {-sin_phi * cos_lambda, -sin_phi * sin_lambda, cos_phi};
  return s;
}

Vec3 to_ecef(LatLon p) {
  return surface_point(p).at;
}

LatLon to_lat_lon(Vec3 v) {
  // Bowring's formula: exact to well under a millimetre for points near the surface.
  constexpr double a = kWgs84SemiMajor, b = kWgs84SemiMinor;
  constexpr double e2 = kWgs84EccentricitySquared;
  constexpr double ep2 = (a * a - b * b) / (b * b);
  const double p = std::hypot(v.x, v.y);
  const double theta = std::atan2(v.z * a, p * b);
  const double st = std::sin(theta), ct = std::cos(theta);
  const double phi = std::atan2(v.z + ep2 * b * st * st * st, p - e2 * a * ct * ct * ct);
  return {phi / kRadiansPerDegree, std::atan2(v.y, v.x) / kRadiansPerDegree};
}

Vec3 onto_surface(Vec3 v) {
  constexpr double a2 = kWgs84SemiMajor * kWgs84SemiMajor;
  constexpr double b2 = kWgs84SemiMinor * kWgs84SemiMinor;
  const double scale = std::sqrt((v.x * v.x + v.y * v.y) / a2 + v.z * v.z / b2);
  return v * (1 / scale);
}

double chord_to_geodesic_m(const SurfacePoint& from, Vec3 towards, double chord) {
  if (chord == 0) return 0;
  const double e = dot(towards, from.east), n = dot(towards, from.north);
  const double h2 = e * e + n * n;
  const double cos2 = h2 > 0 ? n * n / h2 : 1;
  const double curvature = cos2 / from.meridian_radius + (1 - cos2) / from.prime_vertical_radius;
  // s = (2/κ) asin(κc/2), expanded: the series converges fast for c far below 1/κ.
  const double kc = curvature * chord;
  const double k2c2 = kc * kc;
  return chord * (1 + k2c2 / 24 + 3 * k2c2 * k2c2 / 640);
}

}  // namespace vigil::geo
