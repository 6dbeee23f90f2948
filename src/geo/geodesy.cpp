#include "vigil/geo/geodesy.hpp"

#include <GeographicLib/Geodesic.hpp>

#include <cmath>

namespace vigil::geo {
namespace {

const GeographicLib::Geodesic& wgs84() {
  return GeographicLib::Geodesic::WGS84();
}

constexpr double kSemiMajor = 6378137.0;
constexpr double kFlattening = 1 / 298.257223563;
constexpr double kEccentricitySquared = kFlattening * (2 - kFlattening);

}  // namespace

double distance_m(LatLon a, LatLon b) {
  double metres = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, metres);
  return metres;
}

double fast_distance_m(LatLon a, LatLon b) {
  double dlon = b.lon - a.lon;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  const double dlat = b.lat - a.lat;
  if (std::fabs(dlat) >= kFastDistanceSpan || std::fabs(dlon) >= kFastDistanceSpan ||
      std::fabs(a.lat) > 89 || std::fabs(b.lat) > 89)
    return distance_m(a, b);
  const double mid = (a.lat + b.lat) * 0.5 * kRadiansPerDegree;
  const double s = std::sin(mid);
  const double w2 = 1 - kEccentricitySquared * s * s;
  const double w = std::sqrt(w2);
  const double prime_vertical = kSemiMajor / w;
  const double meridian = kSemiMajor * (1 - kEccentricitySquared) / (w2 * w);
  const double north = dlat * kRadiansPerDegree * meridian;
  const double east = dlon * kRadiansPerDegree * prime_vertical * std::cos(mid);
  return std::sqrt(north * north + east * east);
}

double bearing_deg(LatLon a, LatLon b) {
  double metres = 0, azimuth1 = 0, azimuth2 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, metres, azimuth1, azimuth2);
  return azimuth1 < 0 ? azimuth1 + 360 : azimuth1;
}

double bearing_difference_deg(double a, double b) {
  const double d = std::fmod(std::abs(a - b), 360.0);
  return d > 180 ? 360 - d : d;
}

LatLon destination(LatLon from, double bearing, double metres) {
  LatLon to;
  wgs84().Direct(from.lat, from.lon, bearing, metres, to.lat, to.lon);
  return to;
}

}  // namespace vigil::geo
