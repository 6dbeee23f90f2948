#pragma once

// The daily report as a document of sections (headings, paragraphs, bullets, one table),
// before it is rendered to Markdown or HTML. Private to the report module.

#include <optional>
#include <string>
#include <vector>

#include "vigil/report/daily_report.hpp"

namespace vigil::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::string> bullets;
  std::optional<Table> table;
  std::vector<std::string> after;  // paragraphs after the table
  bool map = false;
};

std::string km(double metres);
std::string hhmm(Timestamp t);

// The day's fire events (explosions, rounds, bursts: the incidents' counts) by kind and the
// direction the reports assessed.
Section fire_events_section(const DailyReport& r);
// The sections the OSCE Special Monitoring Mission's daily reports had beside violations:
// restrictions of freedom of movement, civilian casualties and damage, mines and unexploded
// ordnance, UAV outages and jamming.
std::vector<Section> osce_sections(const DailyReport& r);

}  // namespace vigil::report
