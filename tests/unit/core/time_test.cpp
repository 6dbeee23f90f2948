#include "vigil/core/time.hpp"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Rfc3339, ParsesUtcAndOffsetsToTheSameInstant) {
  const auto utc = parse_rfc3339("2025-02-20T10:00:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(*utc, 1740045600LL * kMicrosPerSecond);
  EXPECT_EQ(parse_rfc3339("2025-02-20T12:00:00+02:00"), utc);
  EXPECT_EQ(parse_rfc3339("2025-02-20T05:30:00-04:30"), utc);
  EXPECT_EQ(parse_rfc3339("2025-02-20 10:00:00z"), utc);
  EXPECT_EQ(parse_rfc3339("2025-02-20t10:00:00+00:00"), utc);
}

TEST(Rfc3339, KeepsFractionsToTheMicrosecond) {
  EXPECT_EQ(*parse_rfc3339("1970-01-01T00:00:00.5Z"), 500000);
  EXPECT_EQ(*parse_rfc3339("1970-01-01T00:00:01.123456789Z"), 1123456);
  EXPECT_EQ(*parse_rfc3339("1969-12-31T23:59:59.75Z"), -250000);
}

TEST(Rfc3339, RejectsWhatIsNotADateTime) {
  for (const char* bad :
       {"", "2025-02-20", "2025-02-20T10:00:00", "2025-02-30T10:00:00Z", "2025-13-01T00:00:00Z",
        "2025-02-20T24:00:00Z", "2025-02-20T10:60:00Z", "2025-02-20T10:00:00.Z",
        "2025-02-20T10:00:00+0200", "2025-02-20T10:00:00Z junk", "20250220T100000Z",
        "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "２025-02-20T10:00:00Z"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  EXPECT_TRUE(parse_rfc3339("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("1900-02-29T00:00:00Z"));
  EXPECT_TRUE(parse_rfc3339("2000-02-29T00:00:00Z"));
}

TEST(Rfc3339, FormatsInUtcAndRoundTrips) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1740045600LL * kMicrosPerSecond + 250000), "2025-02-20T10:00:00.25Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999999Z");
  for (Timestamp t : {kEarliestTime, Timestamp{-123456789}, Timestamp{1}, Timestamp{86399999999},
                      kLatestTime - 1}) {
    const auto back = parse_rfc3339(format_rfc3339(t));
    ASSERT_TRUE(back) << t;
    EXPECT_EQ(*back, t);
  }
}

}  // namespace
}  // namespace vigil
