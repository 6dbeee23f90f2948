// Runs the maritime scenario files in tests/scenarios/maritime: each describes reports and
// the incidents the detectors must find (and, by omission, must not find). The format is
// documented in tests/scenarios/maritime/README.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vigil/geo/geodesy.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/maritime/geography.hpp"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using maritime::Event;

const fs::path kScenarios = fs::path(VIGIL_SOURCE_DIR) / "tests" / "scenarios" / "maritime";

struct Expectation {
  std::string rule;
  std::vector<std::uint32_t> mmsis;
  std::optional<Timestamp> from, to;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::uint64_t line = 0;
};

struct Report {
  Timestamp time = 0;
  std::uint64_t order = 0;
  std::optional<maritime::Position> position;
  std::optional<maritime::StaticReport> identity;
  std::string value;
};

struct Scenario {
  maritime::Config config;
  std::vector<geo::Place> places;
  std::vector<Report> reports;
  std::vector<Expectation> expectations;
  std::vector<std::string> ignored;
};

[[noreturn]] void bad(const fs::path& file, std::uint64_t line, const std::string& what) {
  throw std::runtime_error(file.filename().string() + ":" + std::to_string(line) + ": " + what);
}

Timestamp time_arg(const fs::path& file, std::uint64_t line, const std::string& text) {
  const auto t = parse_rfc3339(text);
  if (!t) bad(file, line, "not a time: " + text);
  return *t;
}

std::vector<std::uint32_t> mmsi_list(const std::string& text) {
  std::vector<std::uint32_t> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    out.push_back(static_cast<std::uint32_t>(std::stoul(item)));
  std::sort(out.begin(), out.end());
  return out;
}

Scenario parse(const fs::path& file) {
  Scenario s;
  std::ifstream in(file);
  std::string text;
  std::uint64_t number = 0, order = 0;
  while (std::getline(in, text)) {
    ++number;
    const auto hash = text.find('#');
    if (hash != std::string::npos) text.resize(hash);
    std::istringstream line(text);
    std::string verb;
    if (!(line >> verb)) continue;
    if (verb == "config") {
      std::string key;
      double value = 0;
      line >> key >> value;
      maritime::apply_overrides(s.config, nlohmann::json{{key, value}});
    } else if (verb == "place") {
      geo::Place place;
      line >> place.id >> place.at.lat >> place.at.lon;
      place.name = place.id;
      place.kind = "port";
      s.places.push_back(place);
    } else if (verb == "pos") {
      std::string t;
      maritime::Position p;
      double speed = -1;
      line >> t >> p.mmsi >> p.at.lat >> p.at.lon;
      if (line >> speed) p.speed = static_cast<float>(speed);
      p.time = time_arg(file, number, t);
      p.ref = number;
      s.reports.push_back({p.time, order++, p, std::nullopt, {}});
    } else if (verb == "track") {
      // track MMSI FROM TO every MINUTES at LAT LON speed KN bearing DEG
      std::string from, to, every, at, speed_word, bearing_word;
      std::uint32_t mmsi = 0;
      double minutes = 0, lat = 0, lon = 0, knots = 0, bearing = 0;
      line >> mmsi >> from >> to >> every >> minutes >> at >> lat >> lon >> speed_word >> knots >>
          bearing_word >> bearing;
      if (every != "every" || at != "at" || speed_word != "speed" || bearing_word != "bearing")
        bad(file, number, "expected: track MMSI FROM TO every MIN at LAT LON speed KN bearing DEG");
      const Timestamp start = time_arg(file, number, from), end = time_arg(file, number, to);
      const auto step = static_cast<Timestamp>(minutes * 60 * kMicrosPerSecond);
      for (Timestamp t = start; t < end; t += step) {
        maritime::Position p;
        p.mmsi = mmsi;
        p.time = t;
        const double metres = knots * geo::kMetresPerSecondPerKnot *
                              static_cast<double>(t - start) / kMicrosPerSecond;
        p.at = geo::destination({lat, lon}, bearing, metres);
        p.speed = static_cast<float>(knots);
        p.ref = number;
        s.reports.push_back({t, order++, p, std::nullopt, {}});
      }
    } else if (verb == "circle") {
      // circle MMSI FROM TO every MINUTES around LAT LON radius KM speed KN clockwise|anticlockwise
      std::string from, to, every, around, radius_word, speed_word, way;
      std::uint32_t mmsi = 0;
      double minutes = 0, lat = 0, lon = 0, radius_km = 0, knots = 0;
      line >> mmsi >> from >> to >> every >> minutes >> around >> lat >> lon >> radius_word >>
          radius_km >> speed_word >> knots >> way;
      if (every != "every" || around != "around" || radius_word != "radius" ||
          speed_word != "speed" || (way != "clockwise" && way != "anticlockwise"))
        bad(file, number,
            "expected: circle MMSI FROM TO every MIN around LAT LON radius KM speed KN "
            "clockwise|anticlockwise");
      const Timestamp start = time_arg(file, number, from), end = time_arg(file, number, to);
      const auto step = static_cast<Timestamp>(minutes * 60 * kMicrosPerSecond);
      const double sign = way == "clockwise" ? 1 : -1;
      for (Timestamp t = start; t < end; t += step) {
        maritime::Position p;
        p.mmsi = mmsi;
        p.time = t;
        const double metres = knots * geo::kMetresPerSecondPerKnot *
                              static_cast<double>(t - start) / kMicrosPerSecond;
        const double angle = sign * metres / (radius_km * 1000) * 180 / 3.141592653589793;
        p.at = geo::destination({lat, lon}, angle, radius_km * 1000);
        p.speed = static_cast<float>(knots);
        p.ref = number;
        s.reports.push_back({t, order++, p, std::nullopt, {}});
      }
    } else if (verb == "static") {
      std::string t, attribute, value;
      maritime::StaticReport r;
      line >> t >> r.mmsi >> attribute;
      std::getline(line >> std::ws, value);
      while (!value.empty() && value.back() == ' ')
        value.pop_back();
      const auto parsed = vessel::parse_attribute(attribute);
      if (!parsed) bad(file, number, "no such attribute: " + attribute);
      r.attribute = *parsed;
      r.time = time_arg(file, number, t);
      r.ref = number;
      s.reports.push_back({r.time, order++, std::nullopt, r, value});
    } else if (verb == "expect") {
      Expectation e;
      e.line = number;
      std::string mmsis, word;
      line >> e.rule >> mmsis;
      e.mmsis = mmsi_list(mmsis);
      while (line >> word) {
        if (word == "from" || word == "to") {
          std::string t;
          line >> t;
          (word == "from" ? e.from : e.to) = time_arg(file, number, t);
        } else if (const auto eq = word.find('='); eq != std::string::npos) {
          std::string value = word.substr(eq + 1);
          // A quoted value may hold spaces: to="OCEAN PEARL".
          if (!value.empty() && value.front() == '"') {
            std::string more;
            while ((value.size() < 2 || value.back() != '"') && line >> more)
              value += " " + more;
            value = value.substr(1, value.size() - 2);
          }
          e.attributes.emplace_back(word.substr(0, eq), value);
        } else {
          bad(file, number, "unexpected word: " + word);
        }
      }
      s.expectations.push_back(e);
    } else if (verb == "ignore") {
      std::string rule;
      line >> rule;
      s.ignored.push_back(rule);
    } else {
      bad(file, number, "unknown directive: " + verb);
    }
  }
  std::stable_sort(s.reports.begin(), s.reports.end(),
                   [](const Report& a, const Report& b) { return a.time < b.time; });
  return s;
}

std::string attribute_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool satisfies(const Event& event, const Expectation& e) {
  constexpr Timestamp kTolerance = 15 * 60 * kMicrosPerSecond;
  if (event.rule != e.rule || event.mmsis != e.mmsis) return false;
  if (e.from && std::llabs(event.start - *e.from) > kTolerance) return false;
  if (e.to && std::llabs(event.end - *e.to) > kTolerance) return false;
  for (const auto& [key, value] : e.attributes) {
    if (!event.attributes.contains(key) || attribute_text(event.attributes[key]) != value)
      return false;
  }
  return true;
}

class MaritimeScenario : public testing::TestWithParam<std::string> {};

TEST_P(MaritimeScenario, FindsExactlyWhatIsExpected) {
  const fs::path file = kScenarios / GetParam();
  const Scenario scenario = parse(file);
  static const maritime::Geography geography = maritime::load_geography({});
  geo::PlaceIndex places = geography.places;
  for (const auto& place : scenario.places)
    places.add(place);

  struct Collect final : maritime::EventSink {
    std::vector<Event> events;
    void on_event(Event event) override { events.push_back(std::move(event)); }
  } sink;
  maritime::Engine engine(scenario.config, &*geography.land, &places, sink);
  for (const auto& report : scenario.reports) {
    if (report.position) engine.on_position(*report.position);
    if (report.identity) {
      auto r = *report.identity;
      r.value = report.value;
      engine.on_static(r);
    }
  }
  engine.finish();

  std::vector<bool> used(sink.events.size(), false);
  for (const auto& e : scenario.expectations) {
    bool found = false;
    for (std::size_t i = 0; i < sink.events.size() && !found; ++i) {
      if (used[i] || !satisfies(sink.events[i], e)) continue;
      used[i] = found = true;
    }
    EXPECT_TRUE(found) << GetParam() << ":" << e.line << ": expected " << e.rule << " not found";
  }
  for (std::size_t i = 0; i < sink.events.size(); ++i) {
    if (used[i]) continue;
    const auto& rule = sink.events[i].rule;
    if (std::find(scenario.ignored.begin(), scenario.ignored.end(), rule) != scenario.ignored.end())
      continue;
    ADD_FAILURE() << GetParam() << ": unexpected " << maritime::to_json(sink.events[i]).dump();
  }
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kScenarios))
    if (entry.path().extension() == ".scenario")
      files.push_back(fs::relative(entry.path(), kScenarios).string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - std::string(".scenario").size());
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, MaritimeScenario, testing::ValuesIn(scenario_files()), test_name);

}  // namespace
}  // namespace vigil::test
