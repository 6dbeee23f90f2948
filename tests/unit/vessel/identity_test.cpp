#include "vigil/vessel/identity.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

using vessel::Attribute;
using vessel::IdentityRun;

constexpr Timestamp kHour = 3'600'000'000;

TEST(IdentityRunBuilder, RepeatedValuesBecomeOneRunAndAChangeStartsAnother) {
  vessel::IdentityRunBuilder b;
  b.add(273000001, 1 * kHour, Attribute::name, "SEA STAR ");
  b.add(273000001, 2 * kHour, Attribute::name, " SEA STAR");
  b.add(273000001, 3 * kHour, Attribute::name, "OCEAN STAR");
  b.add(273000001, 4 * kHour, Attribute::name, "  ");  // not available
  b.add(273000001, 2 * kHour, Attribute::callsign, "UBAB2");
  EXPECT_EQ(b.reports(), 4u);
  const auto runs = b.take_runs();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0], (IdentityRun{273000001, Attribute::name, "SEA STAR", kHour, 2 * kHour, 2}));
  EXPECT_EQ(runs[1],
            (IdentityRun{273000001, Attribute::name, "OCEAN STAR", 3 * kHour, 3 * kHour, 1}));
  EXPECT_EQ(runs[2].attribute, Attribute::callsign);
  EXPECT_TRUE(b.take_runs().empty()) << "taking the runs empties the builder";
}

TEST(IdentityRunBuilder, ALateReportOfTheOldValueJoinsItsRun) {
  // Two receivers: the second delivers an older report of the old name after the new one.
  vessel::IdentityRunBuilder b;
  b.add(1, 10 * kHour, Attribute::name, "A");
  b.add(1, 20 * kHour, Attribute::name, "B");
  b.add(1, 15 * kHour, Attribute::name, "A");
  b.add(1, 25 * kHour, Attribute::name, "B");
  const auto runs = b.take_runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0], (IdentityRun{1, Attribute::name, "A", 10 * kHour, 15 * kHour, 2}));
  EXPECT_EQ(runs[1], (IdentityRun{1, Attribute::name, "B", 20 * kHour, 25 * kHour, 2}));
}

TEST(IdentityRunBuilder, AVesselSwitchingBackKeepsEveryChange) {
  vessel::IdentityRunBuilder b;
  for (const auto& [hour, flag] :
       std::vector<std::pair<int, std::string>>{{1, "A"}, {2, "B"}, {3, "A"}}) {
    b.add(7, hour * kHour, Attribute::callsign, flag);
  }
  const auto runs = b.take_runs();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[2].value, "A");
  EXPECT_EQ(runs[2].first, 3 * kHour);
}

TEST(MergeHistory, RunsOfSeveralInputsJoinWhereTheyAgree) {
  std::vector<IdentityRun> runs = {
      {5, Attribute::name, "NEW", 30 * kHour, 40 * kHour, 3},
      {5, Attribute::name, "OLD", 1 * kHour, 10 * kHour, 4},
      {5, Attribute::name, "OLD", 8 * kHour, 20 * kHour, 2},  // overlaps the other OLD run
      {5, Attribute::imo, "9074729", 1 * kHour, 40 * kHour, 9},
  };
  const auto history = vessel::merge_history(runs);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0], (IdentityRun{5, Attribute::name, "OLD", 1 * kHour, 20 * kHour, 6}));
  EXPECT_EQ(history[1].value, "NEW");
  EXPECT_EQ(history[2].attribute, Attribute::imo);
}

TEST(Attributes, NamesRoundTrip) {
  for (std::size_t i = 0; i < vessel::kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    EXPECT_EQ(vessel::parse_attribute(vessel::to_string(a)), a);
  }
  EXPECT_FALSE(vessel::parse_attribute("flag"));
}

}  // namespace
}  // namespace vigil::test
