#include "vigil/report/palette.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace vigil::report {
namespace {

// Every rule vigil's detectors emit has its own colour and a label, and no two rules share a
// colour: the legend of the report's map and the dashboard's (which bundles the same JSON)
// can tell every incident apart.
TEST(Palette, EveryRuleHasItsOwnColourAndALabel) {
  const std::vector<std::string> rules = {
      "ceasefire.fire",     "ceasefire.weapon_in_zone", "ceasefire.disengagement_area",
      "ceasefire.crossing", "maritime.encounter",       "maritime.dark_encounter",
      "maritime.gap",       "maritime.port_call",       "maritime.loitering",
      "maritime.spoofing",  "maritime.identity_change", "manual"};
  const std::regex hex("#[0-9a-f]{6}");
  std::set<std::string> colours;
  for (const auto& rule : rules) {
    const auto colour = rule_colour(rule);
    EXPECT_TRUE(std::regex_match(colour, hex)) << rule << ": " << colour;
    EXPECT_NE(rule_label(rule), rule) << rule << " has no label";
    colours.insert(colour);
  }
  EXPECT_EQ(colours.size(), rules.size());
  EXPECT_EQ(rule_colour("someone.elses_rule"), palette().at("other_rule").get<std::string>());
  EXPECT_EQ(rule_label("someone.elses_rule"), "someone.elses_rule");
  EXPECT_EQ(palette().at("parties").size(), 2U);
}

}  // namespace
}  // namespace vigil::report
