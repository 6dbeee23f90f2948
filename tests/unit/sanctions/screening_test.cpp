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
  matches = screener().screen(vessel(636000000, {"ASHER"}));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, MatchBasis::name);
  EXPECT_EQ(matches[0].score, 1.0);
  EXPECT_NE(matches[0].explanation.find("former name 'Asher'"), std::string::npos);
}

// A name is a lead only where no identifier says otherwise: the GUR entry gives the MMSI
// its ADLER transmits, so another transmitter broadcasting a former name of it is another
// ship (or a stale one), and a vessel known by its MMSI as one listed ship is not another
// listed ship because a name of it resembles one.
TEST(Screening, NamesThatAnIdentifierContradictsAreConflictsNotLeads) {
  sanctions::ScreeningNotes notes;
  EXPECT_TRUE(screener().screen(vessel(636000001, {"RIO KELAN"}), &notes).empty());
  EXPECT_EQ(notes.conflicts, 1u);
  notes = {};
  const auto matches = screener().screen(vessel(273414440, {"MARIA"}), &notes);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, MatchBasis::mmsi);
  EXPECT_EQ(notes.conflicts, 1u) << "MARIA of IMO 9247443 is not the ADLER it is known as";
}

// What the vessel says of itself against the listing: a tug named like a listed tanker, a
// 25 m boat, a ship under the flag of a state that enforces the sanctions. Each
// contradiction takes 0.1 off the score, which puts an exact name under the threshold.
TEST(Screening, TypeSizeAndFlagThatContradictTheListingLowerTheScore) {
  const sanctions::Screener typed({[] {
    auto e = entry("gur", "gur:7", "SEA PEARL", 9253313);
    e.vessel_type = "Crude Oil Tanker";
    e.flag = "Gabon";
    return e;
  }()});
  auto tanker = vessel(626000001, {"SEA PEARL"});
  tanker.ship_type = 80;
  const auto found = typed.screen(tanker);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].score, 1.0);
  auto tug = tanker;
  tug.ship_type = 52;
  EXPECT_TRUE(typed.screen(tug).empty());
  auto boat = tanker;
  boat.length_m = 25;
  EXPECT_TRUE(typed.screen(boat).empty());
  auto finnish = vessel(230000001, {"SEA PEARL"});
  finnish.ship_type = 80;
  EXPECT_TRUE(typed.screen(finnish).empty());
  // With a lower threshold the contradiction is shown in the explanation.
  const sanctions::Screener lenient(typed.entries(), 0.85);
  const auto shown = lenient.screen(tug);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_NEAR(shown[0].score, 0.9, 1e-9);
  EXPECT_NE(shown[0].explanation.find("but it says it is a service (AIS type 52)"),
            std::string::npos)
      << shown[0].explanation;
}

// Several listed ships of one list resemble a name: the best supported is the match, the
// others are named in its explanation.
TEST(Screening, OneMatchPerListWithTheOthersFolded) {
  const sanctions::Screener lists({entry("eu", "imo:9253313", "Saturn A", 9253313),
                                   entry("eu", "imo:9321718", "Saturn", 9321718),
                                   entry("ofac", "imo:9321718", "SATURN", 9321718)});
  sanctions::ScreeningNotes notes;
  const auto matches = lists.screen(vessel(636000002, {"SATURN A"}), &notes);
  ASSERT_EQ(matches.size(), 2u);  // one of the EU's, one of OFAC's
  EXPECT_EQ(matches[0].entry->name, "Saturn A");
  EXPECT_NE(matches[0].explanation.find("also resembles 'Saturn' IMO 9321718"), std::string::npos)
      << matches[0].explanation;
  EXPECT_EQ(notes.folded, 1u);
}

TEST(Screening, FuzzyNamesAboveTheThresholdWithTheirScore) {
  const auto matches = screener().screen(vessel(636000003, {"M/T NOCTISS"}));
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
