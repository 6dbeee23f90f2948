// Runs the ceasefire scenario files in tests/scenarios/ceasefire against a workspace holding
// the 2025-02-20 line (DeepStateMap's occupied area within the oblasts, bundled in data/)
// and the Minsk II settlement: each file gives observations and the incidents the rules must
// log, with their evidence and corroboration; any other incident fails the scenario. The
// format is documented in tests/scenarios/ceasefire/README.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = VIGIL_SOURCE_DIR;
const fs::path kScenarios = kRoot / "tests" / "scenarios" / "ceasefire";

struct Expectation {
  std::string rule;
  std::set<std::string> evidence;
  std::map<std::string, std::string> attributes;
  std::uint64_t line = 0;
};

struct Scenario {
  std::string observations;  // JSON Lines
  std::vector<Expectation> expected;
};

Scenario read_scenario(const fs::path& path) {
  std::ifstream in(path);
  Scenario s;
  std::string text;
  for (std::uint64_t n = 1; std::getline(in, text); ++n) {
    if (text.empty() || text[0] == '#') continue;
    std::istringstream words(text);
    std::string directive;
    words >> directive;
    if (directive == "obs") {
      s.observations += text.substr(4) + "\n";
    } else if (directive == "expect") {
      Expectation e;
      e.line = n;
      std::string evidence;
      words >> e.rule >> evidence;
      std::istringstream ids(evidence);
      for (std::string id; std::getline(ids, id, ',');)
        e.evidence.insert(id);
      for (std::string pair; words >> pair;) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos) ADD_FAILURE() << path << ":" << n << ": " << pair;
        std::string value = pair.substr(eq + 1);
        for (std::size_t at; (at = value.find("%20")) != std::string::npos;)
          value.replace(at, 3, " ");
        e.attributes[pair.substr(0, eq)] = value;
      }
      s.expected.push_back(std::move(e));
    } else {
      ADD_FAILURE() << path << ":" << n << ": unknown directive " << directive;
    }
  }
  return s;
}

// The attribute as the scenario writes it: text as is, numbers in shortest form (15, 2.5).
std::string text_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float() && v.get<double>() == std::floor(v.get<double>()))
    return std::to_string(static_cast<long long>(v.get<double>()));
  return v.dump();
}

struct LoggedIncident {
  std::string rule;
  std::vector<std::string> evidence;
  nlohmann::json attributes;
};

class CeasefireScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(CeasefireScenario, LogsExactlyTheExpectedIncidents) {
  const auto path = kScenarios / (GetParam() + ".scenario");
  const auto scenario = read_scenario(path);
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));

  ingest::IngestOptions options;
  options.recorded_by = "test";
  std::string errors;
  ingest::IngestCallbacks callbacks;
  callbacks.on_error = [&](const std::string&, const io::RecordError& e) {
    errors += std::to_string(e.line) + " " + e.field + ": " + e.message + "\n";
  };
  const auto report =
      ingest::ingest_file(ws, dir.write("obs.jsonl", scenario.observations), options, callbacks);
  ASSERT_FALSE(report.rolled_back) << errors;

  const auto first = detect::run_ceasefire_detection(ws, {});
  ASSERT_TRUE(first.has_settlement);
  std::vector<LoggedIncident> logged;
  store::for_each_incident(ws, {}, [&](const store::StoredIncident& i) {
    logged.push_back({i.incident.rule, i.incident.evidence, i.incident.attributes});
    return true;
  });
  std::vector<bool> matched(logged.size(), false);
  for (const auto& e : scenario.expected) {
    bool found = false;
    for (std::size_t i = 0; i < logged.size() && !found; ++i) {
      const auto& l = logged[i];
      if (matched[i] || l.rule != e.rule ||
          std::set<std::string>(l.evidence.begin(), l.evidence.end()) != e.evidence)
        continue;
      for (const auto& [key, value] : e.attributes) {
        EXPECT_TRUE(l.attributes.contains(key)) << path << ":" << e.line << ": no " << key;
        if (l.attributes.contains(key)) {
          EXPECT_EQ(text_of(l.attributes.at(key)), value) << path << ":" << e.line << ": " << key;
        }
      }
      matched[i] = found = true;
    }
    EXPECT_TRUE(found) << path << ":" << e.line << ": no " << e.rule
                       << " incident with that evidence";
  }
  for (std::size_t i = 0; i < logged.size(); ++i)
    EXPECT_TRUE(matched[i]) << path << ": unexpected " << logged[i].rule << " "
                            << nlohmann::json(logged[i].evidence).dump() << " "
                            << logged[i].attributes.dump();

  // A second run logs nothing new.
  const auto second = detect::run_ceasefire_detection(ws, {});
  EXPECT_TRUE(second.created.empty()) << path;
}

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kScenarios))
    if (entry.path().extension() == ".scenario") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Files, CeasefireScenario, ::testing::ValuesIn(scenario_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace vigil::test
