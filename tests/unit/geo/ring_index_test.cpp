#include "vigil/geo/ring_index.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace vigil::test {
namespace {

using geo::LatLon;
using geo::Ring;

// The textbook even-odd test over every edge of every ring.
bool brute_force_contains(const std::vector<Ring>& rings, LatLon p) {
  bool inside = false;
  for (const Ring& ring : rings)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const LatLon a = ring[i], b = ring[j];
      if ((a.lat > p.lat) != (b.lat > p.lat) &&
          p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
        inside = !inside;
    }
  return inside;
}

Ring star(LatLon centre, double radius, int points, std::mt19937_64& random) {
  std::uniform_real_distribution<double> wobble(0.3, 1.0);
  Ring ring;
  for (int k = 0; k < points; ++k) {
    const double angle = 2 * M_PI * k / points, r = radius * wobble(random);
    ring.push_back({centre.lat + r * std::sin(angle), centre.lon + r * std::cos(angle) * 1.5});
  }
  return ring;
}

TEST(RingIndex, AgreesWithTheEvenOddRuleEverywhere) {
  std::mt19937_64 random(3);
  // An island listed first, then a mainland with a hole: the order the OSM oblasts use.
  const std::vector<Ring> rings{star({46.0, 31.0}, 0.2, 12, random),
                                star({48.0, 35.0}, 2.0, 800, random),
                                star({48.0, 35.0}, 0.25, 40, random)};
  const geo::RingIndex index(rings, 10'000);
  std::uniform_real_distribution<double> lat(45.5, 50.5), lon(30.5, 38.5);
  int inside = 0;
  for (int i = 0; i < 50'000; ++i) {
    const LatLon p{lat(random), lon(random)};
    const bool expected = brute_force_contains(rings, p);
    ASSERT_EQ(index.contains(p), expected) << p.lat << ", " << p.lon;
    inside += expected;
  }
  EXPECT_GT(inside, 5'000);
  EXPECT_TRUE(index.contains({46.0, 31.0}));   // the island
  EXPECT_FALSE(index.contains({48.0, 35.0}));  // the hole
  EXPECT_FALSE(index.contains({10.0, 10.0}));  // far away
}

TEST(RingIndex, EmptyAndDegenerateRings) {
  EXPECT_FALSE(geo::RingIndex(std::vector<Ring>{}).contains({0, 0}));
  EXPECT_FALSE(geo::RingIndex({{{0, 0}, {1, 1}}}).contains({0.5, 0.5}));
}

}  // namespace
}  // namespace vigil::test
