// The daily report's counts and the sections the OSCE SMM's reports had beside violations,
// on a handful of reports along 37.7° E (the line runs at about 48.265° N there: 48.20° N is
// 5.5 km into russia's side, 48.32° N 5.8 km into ukraine's, both in the security zone).
#include "vigil/report/daily_report.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/ingest/ingest_file.hpp"

namespace vigil::test {
namespace {

// Three fire incidents: an explosion a patrol and a camera both report (5 and 7 explosions:
// the same ones, so 7 events), shelling of 3 rounds assessed incoming, one burst of small-arms
// fire nobody assessed. Beside them one of each kind no rule reads.
const char* kDay =
    R"({"id":"f1","time":"2025-02-21T10:00:00Z","lat":48.20,"lon":37.70,"kind":"explosion","source":"patrol:P-1","count":5,"direction":"outgoing"}
{"id":"f1b","time":"2025-02-21T10:03:00Z","lat":48.201,"lon":37.701,"kind":"explosion","source":"camera:C-1","count":7,"direction":"outgoing","uncertainty_m":200}
{"id":"f2","time":"2025-02-21T12:00:00Z","lat":48.32,"lon":37.80,"kind":"shelling","source":"patrol:P-2","count":3,"direction":"incoming"}
{"id":"f3","time":"2025-02-21T14:00:00Z","lat":48.30,"lon":37.60,"kind":"small_arms","source":"patrol:P-3"}
{"id":"r1","time":"2025-02-21T09:00:00Z","lat":48.22,"lon":37.72,"kind":"restriction","source":"patrol:P-1","denied":"passage through a checkpoint","party":"russia"}
{"id":"c1","time":"2025-02-21T11:00:00Z","lat":48.40,"lon":37.70,"kind":"casualty","source":"osint:news","outcome":"killed","count":2}
{"id":"c2","time":"2025-02-21T11:30:00Z","lat":48.40,"lon":37.71,"kind":"casualty","source":"patrol:P-2","outcome":"injured"}
{"id":"d1","time":"2025-02-21T13:00:00Z","lat":48.10,"lon":37.70,"kind":"damage","source":"patrol:P-4","what":"a school"}
{"id":"m1","time":"2025-02-21T15:00:00Z","lat":48.33,"lon":37.75,"kind":"mine","source":"patrol:P-4","what":"anti-tank mines"}
{"id":"j1","time":"2025-02-21T16:00:00Z","lat":48.35,"lon":37.90,"kind":"jamming","source":"uav:U-1","effect":"GPS signal lost"}
)";

std::string section(const std::string& markdown, const std::string& heading) {
  const auto at = markdown.find("## " + heading + "\n");
  if (at == std::string::npos) return "";
  const auto end = markdown.find("\n## ", at + 3);
  return markdown.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// The day's reports (kDay) ingested, and the ceasefire rules run over them.
void ingest_and_detect_the_day(store::Workspace& ws, TempDir& dir) {
  ingest_text(ws, dir, "day.jsonl", kDay);
  detect::run_ceasefire_detection(ws, {});
}

TEST(DailyReport, CountsIncidentsAndEventsAndTheSectionsBesideThem) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  ingest_and_detect_the_day(ws, dir);
  const auto r = report::gather_daily_report(ws, "2025-02-21");

  int violations = 0, events = 0, explosion_events = 0;
  for (const auto& [sector, s] : r.sectors)
    violations += s.violations, events += s.events, explosion_events += s.explosion_events;
  EXPECT_EQ(violations, 3);
  EXPECT_EQ(events, 11) << "7 explosions (counted once for two sources), 3 rounds, 1 burst";
  EXPECT_EQ(explosion_events, 10);
  EXPECT_EQ((r.fire_events.at({"explosion", "outgoing"})), 7);
  EXPECT_EQ((r.fire_events.at({"shelling", "incoming"})), 3);
  EXPECT_EQ((r.fire_events.at({"small_arms", ""})), 1);
  EXPECT_FALSE(r.previous_day_reported);
  ASSERT_EQ(r.noted.size(), 6u);

  const auto md = report::render_markdown(r, "");
  EXPECT_NE(md.find("3 ceasefire violations in the security zones, including 2 explosions (11 "
                    "events, including 10 explosions); no data for 2025-02-20"),
            std::string::npos)
      << section(md, "Summary");
  EXPECT_NE(section(md, "Ceasefire violations per sector")
                .find("| total | 3 | 2 | 11 | 10 | no data | no data | no data |"),
            std::string::npos)
      << section(md, "Ceasefire violations per sector");
  const auto fire = section(md, "Fire by type and direction");
  EXPECT_NE(fire.find("| explosions | 7 | 0 | 0 | 0 | 7 |"), std::string::npos) << fire;
  EXPECT_NE(fire.find("| shelling (rounds) | 0 | 3 | 0 | 0 | 3 |"), std::string::npos) << fire;
  EXPECT_NE(fire.find("| small-arms fire (bursts) | 0 | 0 | 0 | 1 | 1 |"), std::string::npos);
  const auto restrictions = section(md, "Restrictions of freedom of movement");
  EXPECT_NE(restrictions.find("| 09:00 | Donetsk Oblast | 48.2200, 37.7200 | russia's side | "
                              "russia | passage through a checkpoint | patrol:P-1 | r1 |"),
            std::string::npos)
      << restrictions;
  const auto civilians = section(md, "Civilian casualties and damage");
  EXPECT_NE(civilians.find("2 civilians reported killed and 1 injured"), std::string::npos)
      << civilians;
  EXPECT_NE(civilians.find("damage to a school"), std::string::npos) << civilians;
  EXPECT_NE(section(md, "Mines and unexploded ordnance").find("anti-tank mines"),
            std::string::npos);
  const auto uav = section(md, "UAV outages and jamming");
  EXPECT_NE(uav.find("| uav:U-1 | GPS signal lost | j1 |"), std::string::npos) << uav;

  // Once the day before has reports, its figures are numbers, 0 included.
  ingest_text(
      ws, dir, "before.jsonl",
      R"({"id":"b1","time":"2025-02-20T10:00:00Z","lat":48.80,"lon":37.60,"kind":"drone","source":"patrol:P-1"})"
      "\n");
  const auto again = report::gather_daily_report(ws, "2025-02-21");
  EXPECT_TRUE(again.previous_day_reported);
  const auto md_again = report::render_markdown(again, "");
  EXPECT_NE(md_again.find("compared with 0 violations, including 0 explosions (0 events, "
                          "including 0 explosions) on 2025-02-20"),
            std::string::npos)
      << section(md_again, "Summary");
}

// A server hands the report the classifier it keeps for the line and settlement in force:
// the report, its map included, is the one gathered with a classifier of its own.
TEST(DailyReport, AKeptClassifierGivesTheSameReport) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  ingest_and_detect_the_day(ws, dir);
  const auto own = report::gather_daily_report(ws, "2025-02-21");
  const auto kept = report::gather_daily_report(ws, "2025-02-21", own.classifier);
  EXPECT_EQ(kept.classifier, own.classifier);
  EXPECT_EQ(report::render_markdown(kept, "map.svg"), report::render_markdown(own, "map.svg"));
  EXPECT_EQ(report::render_map_svg(kept), report::render_map_svg(own));
  EXPECT_THROW(report::gather_daily_report(ws, "2025-01-01", own.classifier), store::LineError)
      << "no version of the line before 2025-02-20";
}

// Nothing beside the violations: each section says so rather than vanishing.
TEST(DailyReport, QuietSectionsSaySo) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  const auto md = report::render_markdown(report::gather_daily_report(ws, "2025-02-21"), "");
  for (const char* heading : {"Restrictions of freedom of movement",
                              "Civilian casualties and damage", "Mines and unexploded ordnance"})
    EXPECT_NE(section(md, heading).find("None reported."), std::string::npos) << heading;
  EXPECT_NE(section(md, "Fire by type and direction").find("No fire recorded"), std::string::npos);
  EXPECT_NE(section(md, "UAV outages and jamming").find("No jamming"), std::string::npos);
}

// The map names the towns the report's "where" column names: the largest inside it, each label
// clear of the others and of the legend, none cut by the map's edge.
TEST(DailyReport, TheMapLabelsTheTownsClearOfEachOther) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  ingest_and_detect_the_day(ws, dir);
  const auto svg = report::render_map_svg(report::gather_daily_report(ws, "2025-02-21"));
  const std::regex label(
      R"re(<rect x="([-0-9.]+)" y="([-0-9.]+)" width="4" height="4"[^>]*/><text x="([-0-9.]+)" y="([-0-9.]+)"( text-anchor="end")?>([^<]+)</text>)re");
  struct Box {
    double x0, y0, x1, y1;
    std::string name;
  };
  std::vector<Box> boxes;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator();
       ++it) {
    const double x = std::stod((*it)[3]), y = std::stod((*it)[4]);
    const double width = static_cast<double>((*it)[6].length()) * 6.2;
    const bool left = (*it)[5].matched;
    boxes.push_back({left ? x - width : x, y - 9, left ? x : x + width, y + 1, (*it)[6]});
  }
  std::set<std::string> names;
  for (const auto& b : boxes)
    names.insert(b.name);
  for (const char* town : {"Donetsk", "Mariupol", "Kharkiv", "Kramatorsk", "Zaporizhzhya"})
    EXPECT_TRUE(names.count(town)) << town << " is labelled";
  EXPECT_GE(boxes.size(), 20u);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_GE(boxes[i].x0, 0) << boxes[i].name;
    EXPECT_LE(boxes[i].x1, 1000) << boxes[i].name;
    EXPECT_FALSE(boxes[i].x0 < 312 && boxes[i].y0 < 140) << boxes[i].name << " under the legend";
    for (std::size_t j = 0; j < i; ++j)
      EXPECT_FALSE(boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 &&
                   boxes[i].y0 < boxes[j].y1 && boxes[j].y0 < boxes[i].y1)
          << boxes[i].name << " over " << boxes[j].name;
  }
}

}  // namespace
}  // namespace vigil::test
