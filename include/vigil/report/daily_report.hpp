#pragma once

// The daily report of a ceasefire monitoring mission, in the manner of the OSCE Special
// Monitoring Mission's: ceasefire violations per sector "including N explosions" against
// the previous day, weapons in violation of withdrawal lines, the disengagement areas,
// crossings, coverage and outages, the incident list with its evidence, and a map.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/control_area.hpp"
#include "vigil/ceasefire/coverage.hpp"
#include "vigil/core/incident.hpp"
#include "vigil/store/report_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::report {

struct ReportIncident {
  Incident incident;
  IncidentStatus status = IncidentStatus::open;
  std::string log_hash;
};

// Violations are counted twice, as the OSCE SMM's readers need both: as incidents (one
// however many sources reported it) and as events (explosions, bursts: the incidents' counts).
struct SectorDay {
  int violations = 0;  // fire incidents in the security zones
  int explosions = 0;  // of which explosions and shelling
  int events = 0;      // explosions, rounds and bursts they count
  int explosion_events = 0;
  int previous_violations = 0;
  int previous_explosions = 0;
  int previous_events = 0;
  int previous_explosion_events = 0;
};

// A report of the day that no rule judges but the report records: a restriction of the
// monitors' freedom of movement, civilian casualties or damage, mines and UXO, jamming.
struct NotedReport {
  std::string id;
  Timestamp time = 0;
  geo::LatLon at;
  ObservationKind kind = ObservationKind::report;
  std::string source;
  nlohmann::json attributes;  // denied, party, outcome, count, what, effect
  std::string side;           // the party whose side it was on, "" on the line or outside
  std::string sector;
};

struct DailyReport {
  std::string date;           // YYYY-MM-DD (UTC day)
  std::string previous_date;  // the day before
  std::string settlement;     // name
  std::string settlement_source;
  std::string line;
  std::string line_valid_from;
  double line_km = 0;
  // Who holds how much, when the line was derived from a control map: the parties inside and
  // outside its control area, and the change since the line's previous version, if any.
  std::optional<ceasefire::ControlAreas> control;
  std::string inside_party, outside_party;
  std::string previous_version;  // valid_from of the version before, "" when none
  double previous_inside_km2 = 0;
  std::string log_head;  // hash of the log's last record when the report was made
  std::map<std::string, SectorDay> sectors;
  // Whether anyone reported anything of a ceasefire kind on the day before: if not, its
  // figures are "no data", not 0.
  bool previous_day_reported = false;
  // The day's fire events by kind and direction ("" where the reports did not assess one).
  std::map<std::pair<std::string, std::string>, int> fire_events;
  std::vector<NotedReport> noted;               // by time
  std::vector<ReportIncident> incidents;        // the day's ceasefire incidents in force, by time
  int superseded = 0;                           // replaced by an incident with more evidence
  int dismissed = 0;                            // dismissed on review: not counted
  std::vector<std::string> areas;               // disengagement area names
  std::optional<ceasefire::Coverage> coverage;  // when sensors are declared
  std::shared_ptr<const ceasefire::Classifier> classifier;
};

// Gathers the report for `date` from the workspace: the settlement in force, the version of
// its line in force that day, the incidents logged by vigil detect and their reviews.
// Throws with a message for the user when there is no settlement or line.
// `in_force`: a classifier over that settlement and line version that the caller keeps (a
// server keeps one per version and settlement build); built here when null.
DailyReport gather_daily_report(store::Workspace& ws, const std::string& date,
                                std::shared_ptr<const ceasefire::Classifier> in_force = nullptr);

// The map: the line, the occupied area, the security zones, the disengagement areas, the
// stretches nobody watched and the day's incidents, as SVG.
std::string render_map_svg(const DailyReport& report);

// `map_href`: where the Markdown links the map (written beside it); the HTML embeds it.
std::string render_markdown(const DailyReport& report, const std::string& map_href);
std::string render_html(const DailyReport& report);

// The report as PDF (A4), its map drawn in: the Markdown above, laid out.
std::string render_pdf(const DailyReport& report);
// A published report's PDF, drawn from its frozen Markdown and map (as the log record seals
// them), dated when it was published.
std::string render_published_pdf(const std::string& markdown, const std::string& svg,
                                 Timestamp published_at);

// Gathers the day's report as the workspace stands and publishes it for observers, frozen in
// all three formats. Its Markdown links the map as "?format=svg", the API's address of the
// same publication's map. `in_force` as for gather_daily_report.
store::PublishedReport publish_daily_report(
    store::Workspace& ws, const std::string& date, const std::string& note, const std::string& by,
    std::shared_ptr<const ceasefire::Classifier> in_force = nullptr);

}  // namespace vigil::report
