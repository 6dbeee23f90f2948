#include "vigil/core/observation.hpp"

#include <gtest/gtest.h>

namespace vigil {
namespace {

Observation sample_observation() {
  Observation o;
  o.time = *parse_rfc3339("2025-02-20T10:00:00Z");
  o.lat = 48.1;
  o.lon = 37.7;
  o.kind = "explosion";
  o.source = "patrol";
  o.entity = "patrol:P-12";
  o.attributes = {{"count", 3}, {"bearing", "SSE"}};
  return o;
}

TEST(ContentId, IgnoresTheIdAndDependsOnEveryOtherField) {
  const Observation base = sample_observation();
  const std::string id = content_id(base.time, content_digest(base));
  EXPECT_EQ(id.size(), 32u);
  Observation same = base;
  same.id = "given-by-source";
  EXPECT_EQ(content_id(same.time, content_digest(same)), id);
  EXPECT_EQ(time_of_content_id(id), base.time);

  std::vector<Observation> variants(8, base);
  variants[0].time += 1;
  variants[1].lat = 48.1000001;
  variants[2].lon = -37.7;
  variants[3].kind = "shelling";
  variants[4].source = "uav";
  variants[5].entity.reset();
  variants[6].uncertainty_m = 0.0;
  variants[7].attributes["count"] = 4;
  for (const auto& v : variants)
    EXPECT_NE(content_id(v.time, content_digest(v)), id);
}

TEST(ContentId, StartsWithItsTimeSoIdsSortByTime) {
  Observation early = sample_observation(), late = sample_observation();
  early.time = *parse_rfc3339("1950-06-25T04:00:00Z");
  late.time = *parse_rfc3339("2199-12-31T23:59:59.999999Z");
  const auto a = content_id(early.time, content_digest(early));
  const auto b = content_id(late.time, content_digest(late));
  EXPECT_LT(a, b);
  EXPECT_EQ(time_of_content_id(a), early.time);
  EXPECT_EQ(time_of_content_id(b), late.time);
  EXPECT_FALSE(time_of_content_id("cam-1"));
  EXPECT_FALSE(time_of_content_id("0123456789ABCDEF0123456789abcdef"));
}

TEST(ContentId, SeparatesFieldsSoTheyCannotRunTogether) {
  Observation a = sample_observation(), b = sample_observation();
  a.kind = "ab";
  a.source = "c";
  b.kind = "a";
  b.source = "bc";
  EXPECT_NE(content_digest(a), content_digest(b));
}

TEST(Entity, RequiresNamespaceAndIdentifier) {
  EXPECT_TRUE(is_valid_entity("mmsi:273274000"));
  EXPECT_TRUE(is_valid_entity("patrol:P-12"));
  EXPECT_TRUE(is_valid_entity("imo:9354313"));
  EXPECT_FALSE(is_valid_entity("273274000"));
  EXPECT_FALSE(is_valid_entity(":1"));
  EXPECT_FALSE(is_valid_entity("mmsi:"));
  EXPECT_FALSE(is_valid_entity("MMSI:1"));
  EXPECT_FALSE(is_valid_entity("mmsi:1\n2"));
}

}  // namespace
}  // namespace vigil
