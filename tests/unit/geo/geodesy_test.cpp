#include "vigil/geo/geodesy.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vigil::geo {
namespace {

TEST(Geodesy, DistanceMatchesKnownGeodesics) {
  // One minute of latitude at 45° is close to one nautical mile (1,852 m by definition of
  // the mean); on WGS84 the meridian radius of curvature there makes it 1,852.20 m.
  EXPECT_NEAR(distance_m({45, 10}, {45 + 1.0 / 60, 10}), 1852.20, 0.01);
  // A degree of longitude on the equator: a * pi / 180.
  EXPECT_NEAR(distance_m({0, 0}, {0, 1}), 111'319.49, 0.01);
}

TEST(Geodesy, FastDistanceStaysWithinOneTenThousandthOfTheGeodesic) {
  const LatLon origins[] = {{0, 0}, {35.5, 22.3}, {59.9, 28.4}, {69.0, 33.4}, {-45, 170}};
  for (const auto origin : origins) {
    for (double bearing = 0; bearing < 360; bearing += 30) {
      for (const double metres : {50.0, 500.0, 5'000.0, 25'000.0}) {
        const LatLon to = destination(origin, bearing, metres);
        EXPECT_NEAR(fast_distance_m(origin, to), metres, metres * 1e-4)
            << origin.lat << "," << origin.lon << " bearing " << bearing;
      }
    }
  }
}

TEST(Geodesy, FastDistanceFallsBackToTheGeodesicForLongSpans) {
  EXPECT_DOUBLE_EQ(fast_distance_m({59.9, 28.4}, {44.7, 37.8}),
                   distance_m({59.9, 28.4}, {44.7, 37.8}));
  // Across the antimeridian the short way round.
  EXPECT_NEAR(fast_distance_m({10, 179.99}, {10, -179.99}), distance_m({10, 179.99}, {10, -179.99}),
              0.1);
}

TEST(Geodesy, DestinationAndBearingAgree) {
  const LatLon from{59.675, 28.407};
  const LatLon to = destination(from, 123.0, 10'000);
  EXPECT_NEAR(bearing_deg(from, to), 123.0, 1e-9);
  EXPECT_NEAR(distance_m(from, to), 10'000, 1e-6);
}

TEST(Geodesy, BearingDifferenceIsTheSmallerAngleAcrossNorth) {
  EXPECT_DOUBLE_EQ(bearing_difference_deg(350, 10), 20);
  EXPECT_DOUBLE_EQ(bearing_difference_deg(10, 350), 20);
  EXPECT_DOUBLE_EQ(bearing_difference_deg(90, 270), 180);
  EXPECT_DOUBLE_EQ(bearing_difference_deg(45, 45 + 720), 0);
  EXPECT_DOUBLE_EQ(bearing_difference_deg(-30, 30), 60);
}

}  // namespace
}  // namespace vigil::geo
