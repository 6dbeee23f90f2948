// A vessel's risk score from its dossier alone: each signal's points, the cap on identity
// changes, encounters weighed by whether the other vessel is listed, gaps by the terminal
// they begin near, ages by a list's build year or the IMO; and the "risk" section of a config
// file read like the detectors' thresholds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "vigil/detect/risk.hpp"

namespace vigil::test {
namespace {

using detect::RiskContext;
using detect::RiskWeights;
using detect::VesselDossier;

Incident incident(std::string rule, std::vector<std::string> entities, std::string id,
                  nlohmann::json attributes = nlohmann::json::object()) {
  Incident i;
  i.id = std::move(id);
  i.rule = std::move(rule);
  i.start = *parse_rfc3339("2025-03-01T06:00:00Z");
  i.end = i.start + 3'600'000'000LL;
  i.entities = std::move(entities);
  i.attributes = std::move(attributes);
  return i;
}

sanctions::Match match(const sanctions::ListEntry& entry, sanctions::MatchBasis basis,
                       double score) {
  sanctions::Match m;
  m.entry = &entry;
  m.basis = basis;
  m.score = score;
  m.explanation = "as listed";
  return m;
}

std::vector<std::pair<std::string, double>> reasons(const detect::VesselRisk& risk) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& r : risk.reasons)
    out.emplace_back(r.signal, r.points);
  return out;
}

using Reasons = std::vector<std::pair<std::string, double>>;

TEST(Risk, AListingByImoUnderAnotherFlagOfAnOldShipAddsItsThreeSignals) {
  sanctions::ListEntry entry;
  entry.list = "gur";
  entry.entry_id = "42";
  entry.flag = "Panama";
  entry.build_year = 2004;
  VesselDossier dossier;
  dossier.vessel.mmsi = 273'000'001;  // MID 273: Russia
  dossier.vessel.names = {{"OLD TANKER", 0, 0}};
  dossier.matches = {match(entry, sanctions::MatchBasis::imo, 1)};
  const std::set<std::uint32_t> listed{273'000'001};
  const auto risk = detect::score_vessel(dossier, {&listed, 2025, nullptr}, RiskWeights{});
  EXPECT_EQ(reasons(risk),
            (Reasons{{"listed", 50}, {"flag_contradicts_mid", 15}, {"old_ship", 10}}));
  EXPECT_DOUBLE_EQ(risk.score, 75);
  EXPECT_EQ(risk.name, "OLD TANKER");
  EXPECT_EQ(risk.flag, "RU");
  EXPECT_NE(risk.reasons[1].detail.find(
                "the flag of Panama (PA); its MMSI's MID, heard in 2025, is RU's"),
            std::string::npos)
      << risk.reasons[1].detail;
  EXPECT_NE(
      risk.reasons[2].detail.find("built 2004 (list gur), 21 years old when last heard in 2025"),
      std::string::npos)
      << risk.reasons[2].detail;

  // Built 14 years before: not old by the list's year, and the IMO is then not asked.
  dossier.vessel.imos = {{"9074729", 0, 0}};
  entry.build_year = 2011;
  EXPECT_EQ(reasons(detect::score_vessel(dossier, {&listed, 2025, nullptr}, RiskWeights{})),
            (Reasons{{"listed", 50}, {"flag_contradicts_mid", 15}}));
}

// Time: a vessel last heard in 2010 under a Russian MMSI and listed in 2024 under Panama's
// flag changed flag in between (no contradiction), and was six years old then (not old).
TEST(Risk, FlagsAndAgesAreOfTheTimeTheVesselWasHeard) {
  sanctions::ListEntry entry;
  entry.list = "eu";
  entry.entry_id = "7";
  entry.flag = "Panama";
  entry.listed_on = "2024-06-25";
  entry.build_year = 2004;
  VesselDossier dossier;
  dossier.vessel.mmsi = 273'000'001;
  dossier.vessel.last_heard = *parse_rfc3339("2010-06-11T00:00:00Z");
  dossier.matches = {match(entry, sanctions::MatchBasis::imo, 1)};
  const std::set<std::uint32_t> listed{273'000'001};
  EXPECT_EQ(reasons(detect::score_vessel(dossier, {&listed, 2025, nullptr}, RiskWeights{})),
            (Reasons{{"listed", 50}}));
  // Heard in 2024 under the other flag: a contradiction of the same era, and 20 years old.
  dossier.vessel.last_heard = *parse_rfc3339("2024-03-01T00:00:00Z");
  EXPECT_EQ(reasons(detect::score_vessel(dossier, {&listed, 2025, nullptr}, RiskWeights{})),
            (Reasons{{"listed", 50}, {"flag_contradicts_mid", 15}, {"old_ship", 10}}));
}

// A tug's incidents do not raise its score: it works alongside others.
TEST(Risk, SmallCraftIncidentsDoNotCount) {
  VesselDossier dossier;
  dossier.vessel.mmsi = 366'000'002;
  dossier.vessel.ship_type = 52;
  Incident encounter;
  encounter.rule = "maritime.encounter";
  encounter.id = "0123456789abcdef";
  encounter.entities = {"mmsi:366000002", "mmsi:636000001"};
  dossier.incidents = {encounter, encounter};
  EXPECT_TRUE(
      detect::score_vessel(dossier, {nullptr, 2025, nullptr}, RiskWeights{}).reasons.empty());
  dossier.vessel.ship_type = 80;
  EXPECT_EQ(detect::score_vessel(dossier, {nullptr, 2025, nullptr}, RiskWeights{}).score, 10);
}

TEST(Risk, ANameOnlyMatchWeighsByItsScoreAndTheImoStandsInForAge) {
  sanctions::ListEntry entry;
  entry.list = "ofac";
  entry.entry_id = "1";
  entry.flag = "Panama";
  entry.build_year = 1990;  // a name match says nothing of this vessel's build year
  VesselDossier dossier;
  dossier.vessel.mmsi = 273'000'002;
  dossier.vessel.imos = {{"9074729", 0, 0}};  // valid, below 9,300,000
  dossier.matches = {match(entry, sanctions::MatchBasis::name, 0.96)};
  const auto risk = detect::score_vessel(dossier, {nullptr, 2025, nullptr}, RiskWeights{});
  EXPECT_EQ(reasons(risk), (Reasons{{"listed", 24}, {"old_ship", 10}}));
  EXPECT_NE(risk.reasons[1].detail.find("IMO 9074729 was issued before about 2004"),
            std::string::npos);
}

TEST(Risk, EncountersWeighByTheOtherVesselsListingAndIdentityChangesStopAtTheCap) {
  VesselDossier dossier;
  dossier.vessel.mmsi = 636'000'001;
  dossier.incidents = {
      incident("maritime.encounter", {"mmsi:273000009", "mmsi:636000001"}, "aaaaaaaa01"),
      incident("maritime.dark_encounter", {"mmsi:636000001", "mmsi:636000002"}, "bbbbbbbb02"),
  };
  for (int n = 0; n < 4; ++n)
    dossier.incidents.push_back(incident("maritime.identity_change", {"mmsi:636000001"},
                                         fmt::format("c{:09}", n),
                                         {{"attribute", "name"}, {"from", "A"}, {"to", "B"}}));
  const std::set<std::uint32_t> listed{273'000'009};
  const auto risk = detect::score_vessel(dossier, {&listed, 2025, nullptr}, RiskWeights{});
  EXPECT_EQ(reasons(risk), (Reasons{{"encounter_with_listed", 25},
                                    {"identity_change", 10},
                                    {"identity_change", 10},
                                    {"identity_change", 10},
                                    {"encounter", 5}}));
  EXPECT_EQ(risk.reasons[0].detail,
            "encounter with 273000009, a listed vessel, on 2025-03-01 (incident aaaaaaaa)");
  EXPECT_EQ(risk.reasons[4].detail,
            "dark encounter with 636000002 on 2025-03-01 (incident bbbbbbbb)");
  EXPECT_DOUBLE_EQ(risk.score, 60);

  RiskWeights heavier;
  heavier.identity_change = 12;
  heavier.identity_change_cap = 30;  // 12 + 12 + 6
  heavier.encounter = 0;             // a zero weight adds no reason
  EXPECT_EQ(reasons(detect::score_vessel(dossier, {&listed, 2025, nullptr}, heavier)),
            (Reasons{{"encounter_with_listed", 25},
                     {"identity_change", 12},
                     {"identity_change", 12},
                     {"identity_change", 6}}));
}

TEST(Risk, AGapCountsAsDarkNearATerminalOnlyWithinTheWeightsDistance) {
  geo::PlaceIndex places;
  places.add({"ust-luga", "Ust-Luga", "oil_terminal", "RUS", {59.68, 28.40}, true});
  places.add({"kotka", "Kotka", "port", "FIN", {60.46, 26.95}, false});
  VesselDossier dossier;
  dossier.vessel.mmsi = 538'000'001;
  auto gap = incident("maritime.gap", {"mmsi:538000001"}, "dddddddd01", {{"hours", 14.5}});
  gap.lat = 59.9;  // about 50 km west-north-west of Ust-Luga
  gap.lon = 27.6;
  dossier.incidents = {
      gap,
      incident("maritime.port_call", {"mmsi:538000001"}, "eeeeeeee01",
               {{"russian_oil_terminal", true}, {"place", "Primorsk"}}),
      incident("maritime.port_call", {"mmsi:538000001"}, "ffffffff01",
               {{"russian_oil_terminal", false}, {"place", "Kotka"}}),
      incident("maritime.spoofing", {"mmsi:538000001"}, "99999999", {{"kind", "on_land"}})};
  const RiskContext context{nullptr, 2025, &places};
  const auto risk = detect::score_vessel(dossier, context, RiskWeights{});
  EXPECT_EQ(reasons(risk), (Reasons{{"dark_near_russian_terminal", 20},
                                    {"russian_terminal_call", 15},
                                    {"spoofing", 15}}));
  EXPECT_EQ(risk.reasons[0].detail,
            "AIS off 14.5 h from 2025-03-01 within 100 km of Ust-Luga (incident dddddddd)");
  RiskWeights closer;
  closer.near_terminal_km = 40;
  EXPECT_EQ(reasons(detect::score_vessel(dossier, context, closer)).front(),
            (std::pair<std::string, double>{"russian_terminal_call", 15}));
  EXPECT_EQ(reasons(detect::score_vessel(dossier, context, closer)).back(),
            (std::pair<std::string, double>{"gap", 3}));
}

TEST(Risk, AVesselWithoutSignalsHasNoReasons) {
  VesselDossier dossier;
  dossier.vessel.mmsi = 230'000'001;
  dossier.vessel.imos = {{"9876543", 0, 0}};  // issued after 2004
  const auto risk = detect::score_vessel(dossier, {}, RiskWeights{});
  EXPECT_TRUE(risk.reasons.empty());
  EXPECT_EQ(risk.score, 0);
}

TEST(Risk, TheConfigsRiskSectionIsTypedRangeCheckedAndAllOrNothing) {
  const auto weights = detect::risk_weights_from_document(nlohmann::json::parse(
      R"({"maritime": {"gap.min_h": 3}, "risk": {"gap": 4, "old_age_years": 20}})"));
  EXPECT_EQ(weights.gap, 4);
  EXPECT_EQ(weights.old_age_years, 20);
  EXPECT_EQ(weights.encounter, RiskWeights{}.encounter);
  EXPECT_EQ(detect::risk_weights_from_document(nlohmann::json::parse("{}")).gap, 3);

  const auto refused = [](const char* text) {
    try {
      detect::risk_weights_from_document(nlohmann::json::parse(text));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused(R"({"risk": {"listed": 70}})"), "risk.listed: no such setting");
  EXPECT_EQ(refused(R"({"risk": {"gap": "3"}})"), "risk.gap: not a number");
  EXPECT_EQ(refused(R"({"risk": {"gap": -1}})"), "risk.gap: -1 is outside [0, 1000] points");
  EXPECT_EQ(refused(R"({"risk": {"old_imo_below": 12}})"),
            "risk.old_imo_below: 12 is outside [1000000, 10000000]");
  EXPECT_EQ(refused(R"({"risk": 5})"), "risk: the section is not a JSON object");
}

}  // namespace
}  // namespace vigil::test
