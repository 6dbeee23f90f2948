// The ceasefire simulator's day of monitor reports, detected and scored against its truth:
// the quality bar of precision and recall of at least 0.95 per rule, corroborated
// duplicates counted once.
#include "vigil/simulate/ceasefire_simulation.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/simulate/scoring.hpp"
#include "vigil/store/incident_store.hpp"

namespace vigil::test {
namespace {

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

class CeasefireSimulation : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(CeasefireSimulation, DetectionFindsThePlantedViolations) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  const auto [version, line] = store::load_line(ws, "donbas", "2025-02-21");
  const auto settled = store::current_settlement(ws);
  const ceasefire::Classifier classifier(line, settled->settlement, &*settled->regions);

  simulate::CeasefireOptions options;
  options.seed = GetParam();
  std::ostringstream observations, truth, sensors;
  const auto summary =
      simulate::simulate_ceasefire(options, classifier, observations, truth, sensors);
  EXPECT_EQ(summary.planted.at("ceasefire.fire"), options.fire_in_zone);
  EXPECT_EQ(summary.planted.at("ceasefire.weapon_in_zone"), options.weapons_in_zone);
  EXPECT_EQ(summary.planted.at("ceasefire.disengagement_area"), options.disengagement);
  EXPECT_EQ(summary.planted.at("ceasefire.crossing"),
            options.crossings + options.reported_crossings + options.followed_crossings);

  // The same options give the same bytes.
  std::ostringstream again, truth_again, sensors_again;
  simulate::simulate_ceasefire(options, classifier, again, truth_again, sensors_again);
  EXPECT_EQ(again.str(), observations.str());

  ingest::IngestOptions ingest_options;
  ingest_options.recorded_by = "test";
  const auto report =
      ingest::ingest_file(ws, dir.write("obs.jsonl", observations.str()), ingest_options, {});
  ASSERT_FALSE(report.rolled_back);
  EXPECT_EQ(report.added, summary.observations);
  detect::run_ceasefire_detection(ws, {});

  std::vector<nlohmann::json> incidents;
  std::vector<nlohmann::json> followed_incidents;  // crossings of vehicles a UAV followed
  store::for_each_incident(ws, {}, [&](const store::StoredIncident& i) {
    incidents.push_back({{"rule", i.incident.rule}, {"evidence", i.incident.evidence}});
    for (const auto& e : i.incident.entities)
      if (e.rfind("vehicle:", 0) == 0) followed_incidents.push_back(incidents.back());
    // The mission's patrols crossing at checkpoints are never incidents.
    for (const auto& e : i.incident.entities)
      EXPECT_NE(e.rfind("patrol:", 0), 0u) << i.incident.rule << " names " << e;
    return true;
  });
  const auto scores = simulate::score_incidents(json_lines(truth.str()), incidents);
  for (const auto& [rule, s] : scores) {
    EXPECT_GE(s.precision(), 0.95) << rule << ": " << s.true_detections << " of " << s.detected;
    EXPECT_GE(s.recall(), 0.95) << rule << ": " << s.found << " of " << s.truth;
  }
  EXPECT_EQ(scores.size(), 4u);

  // Crossings seen only as the movement reports of a UAV following the vehicle, scored on
  // their own: the vehicles followed along one side must not appear (precision) and every
  // planted crossing must (recall).
  std::vector<nlohmann::json> followed_truth;
  for (const auto& t : json_lines(truth.str()))
    if (t.value("kind", "") == "movement" && t.value("rule", "") == "ceasefire.crossing")
      followed_truth.push_back(t);
  EXPECT_EQ(followed_truth.size(), options.followed_crossings);
  const auto followed = simulate::score_incidents(followed_truth, followed_incidents);
  ASSERT_EQ(followed.count("ceasefire.crossing"), 1u);
  const auto& f = followed.at("ceasefire.crossing");
  EXPECT_GE(f.precision(), 0.95) << f.true_detections << " of " << f.detected;
  EXPECT_GE(f.recall(), 0.95) << f.found << " of " << f.truth;
}

INSTANTIATE_TEST_SUITE_P(Seeds, CeasefireSimulation, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace vigil::test
