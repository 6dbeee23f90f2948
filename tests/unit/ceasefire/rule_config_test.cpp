#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ceasefire/reports.hpp"
#include "vigil/ceasefire/rule_config.hpp"
#include "vigil/maritime/config.hpp"

namespace vigil::ceasefire {
namespace {

std::string write(test::TempDir& dir, const std::string& text) {
  const auto path = dir.file("config.json");
  std::ofstream(path) << text;
  return path;
}

std::string config_error_of(const std::string& path) {
  try {
    load_rule_config(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(RuleConfig, TheCeasefireSectionOverridesItsThresholdsAndTheMaritimeOnesIgnoreIt) {
  test::TempDir dir;
  const auto path = write(dir, R"({"ceasefire": {"corroboration": {"fire_merge_min": 30},
                                                  "crossing.min_distance_m": 400},
                                    "gap": {"min_h": 8}})");
  const auto config = load_rule_config(path);
  EXPECT_EQ(config.fire_merge_min, 30);
  EXPECT_EQ(config.crossing_min_distance_m, 400);
  EXPECT_EQ(config.presence_merge_min, RuleConfig{}.presence_merge_min);
  EXPECT_EQ(maritime::load_config(path).gap_min_h, 8);
}

TEST(RuleConfig, AFileWithoutTheSectionGivesTheDefaults) {
  test::TempDir dir;
  const auto config = load_rule_config(write(dir, R"({"gap": {"min_h": 8}})"));
  EXPECT_EQ(config.merge_slack_m, RuleConfig{}.merge_slack_m);
}

TEST(RuleConfig, UnknownKeysWrongTypesAndAbsurdValuesNameTheKeyAndTheFile) {
  test::TempDir dir;
  auto message = config_error_of(write(dir, R"({"ceasefire": {"fire": {"merge_min": 5}}})"));
  EXPECT_NE(message.find("ceasefire.fire.merge_min: no such setting"), std::string::npos)
      << message;
  EXPECT_NE(message.find("config.json"), std::string::npos) << message;
  message =
      config_error_of(write(dir, R"({"ceasefire": {"corroboration": {"merge_slack_m": "far"}}})"));
  EXPECT_NE(message.find("ceasefire.corroboration.merge_slack_m: not a number"), std::string::npos)
      << message;
  message = config_error_of(write(dir, R"({"ceasefire": {"crossing": {"min_distance_m": -5}}})"));
  EXPECT_NE(message.find("outside [0, 20000] m"), std::string::npos) << message;
  message = config_error_of(write(dir, R"({"ceasefire": [1]})"));
  EXPECT_NE(message.find("not a JSON object"), std::string::npos) << message;
  message = config_error_of(write(dir, R"({"ceasefire": )"));
  EXPECT_NE(message.find("malformed JSON"), std::string::npos) << message;
}

TEST(RuleConfig, AWiderFireWindowJoinsReportsTheDefaultKeepsApart) {
  // Two explosions heard 20 minutes apart at one place: two incidents under the 15-minute
  // default, one under a 30-minute window.
  std::vector<Report> reports(2);
  for (std::size_t i = 0; i < 2; ++i) {
    reports[i].id = std::to_string(i);
    reports[i].time = static_cast<Timestamp>(i) * 20 * 60 * 1'000'000;
    reports[i].at = {48.0, 37.8};
    reports[i].uncertainty_m = 300;
    reports[i].kind = ObservationKind::explosion;
    reports[i].source = i == 0 ? "patrol" : "acoustic";
  }
  RuleConfig config;
  EXPECT_EQ(corroborate(reports, config).size(), 2U);
  config.fire_merge_min = 30;
  const auto clusters = corroborate(reports, config);
  ASSERT_EQ(clusters.size(), 1U);
  EXPECT_EQ(clusters[0].corroboration, Corroboration::multi_source);
}

}  // namespace
}  // namespace vigil::ceasefire
