#include "vigil/sanctions/screening.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

using sanctions::KnownVessel;
using sanctions::ListEntry;
using sanctions::MatchBasis;

ListEntry entry(std::string list, std::string id, std::string name, std::optional<std::int64_t> imo,
                std::vector<std::uint32_t> mmsis = {}, std::vector<std::string> former = {}) {
  ListEntry e;
  e.list = std::move(list);
  e.entry_id = std::move(id);
  e.name = std::move(name);
  e.imo = imo;
  e.mmsis = std::move(mmsis);
  e.former_names = std::move(former);
  return e;
}

KnownVessel vessel(std::uint32_t mmsi, std::vector<std::string> names,
                   std::vector<std::string> imos = {}) {
  KnownVessel v;
  v.mmsi = mmsi;
  for (auto& n : names)
    v.names.push_back({std::move(n), 1'700'000'000'000'000, 1'700'000'000'000'000});
  for (auto& i : imos)
    v.imos.push_back({std::move(i), 1'700'000'000'000'000, 1'700'000'000'000'000});
  return v;
}

const sanctions::Screener& screener() {
  static const sanctions::Screener s({
      entry("ofac", "imo:9179842", "ANGARA", 9179842),
      entry("ofac", "imo:9179842", "", 9179842),  // the same vessel from an IMO table
      entry("gur", "gur:1", "ADLER", 9179854, {273414440}, {"Rio Kelan", "BBC Kelan"}),
      entry("eu", "imo:9258868", "Noctis", 9258868, {}, {"Luna", "Asher"}),
      entry("eu", "imo:9321718", "VOLGO-DON 205", 9321718),
      entry("eu", "imo:9247443", "Maria", 9247443),
  });
  return s;
}

TEST(Screening, ImoIsTheStrongestAndOneListedVesselMatchesOnce) {
  const auto matches = screener().screen(vessel(636000001, {"ANGARA"}, {"9179842"}));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, MatchBasis::imo);
  EXPECT_EQ(matches[0].entry->name, "ANGARA") << "the entry with a name is kept";
  EXPECT_NE(matches[0].explanation.find("IMO 9179842 broadcast by MMSI 636000001"),
            std::string::npos)
      << matches[0].explanation;
}

TEST(Screening, MmsiAndFormerNames) {
  auto matches = screener().screen(vessel(273414440, {}));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, MatchBasis::mmsi);
  matches = screener().screen(vessel(212000000, {"RIO KELAN"}));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, MatchBasis::name);
  EXPECT_EQ(matches[0].score, 1.0);
  EXPECT_NE(matches[0].explanation.find("former name 'Rio Kelan'"), std::string::npos);
}

TEST(Screening, FuzzyNamesAboveTheThresholdWithTheirScore) {
  const auto matches = screener().screen(vessel(212000001, {"M/T NOCTISS"}));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_GT(matches[0].score, 0.93);
  EXPECT_LT(matches[0].score, 1.0);
  EXPECT_NE(matches[0].explanation.find("Jaro-Winkler"), std::string::npos);
  EXPECT_TRUE(screener().screen(vessel(212000002, {"NOCTURNE"})).empty());
}

TEST(Screening, NumbersShortNamesAndContradictingImosRuleOut) {
  EXPECT_TRUE(screener().screen(vessel(1, {"VOLGO-DON 206"})).empty()) << "sister ship";
  EXPECT_EQ(screener().screen(vessel(2, {"VOLGO DON 205"})).size(), 1u);
  EXPECT_TRUE(screener().screen(vessel(3, {"MARIE"})).empty()) << "short names must be equal";
  EXPECT_EQ(screener().screen(vessel(4, {"MARIA"})).size(), 1u);
  EXPECT_TRUE(screener().screen(vessel(5, {"MARIA"}, {"9074729"})).empty())
      << "it broadcasts another IMO";
}

}  // namespace
}  // namespace vigil::test
