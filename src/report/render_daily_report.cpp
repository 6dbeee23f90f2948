// The daily report as a document (headings, paragraphs, tables), rendered to Markdown or HTML.
#include <cmath>

#include <fmt/format.h>

#include "report_document.hpp"
#include "vigil/geo/gazetteer.hpp"
#include "vigil/io/text_escape.hpp"
#include "vigil/report/daily_report.hpp"

namespace vigil::report {

std::string km(double metres) {
  return fmt::format("{:.1f}", metres / 1000);
}

std::string hhmm(Timestamp t) {
  return format_rfc3339(t).substr(11, 5);
}

namespace {

// Square kilometres to one decimal, thousands separated by a thin space as the SI writes them:
// "110 607.9".
std::string thousands(double km2) {
  std::string digits = fmt::format("{:.1f}", km2);
  const auto point = digits.find('.');
  for (auto i = static_cast<std::ptrdiff_t>(point) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), "\u2009");
  return digits;
}

std::string change(int today, int before) {
  if (today == before) return "=";
  return fmt::format("{:+d}", today - before);
}

std::string attribute(const Incident& i, const char* key) {
  const auto it = i.attributes.find(key);
  if (it == i.attributes.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_float()) return fmt::format("{:g}", it->get<double>());
  return it->dump();
}

std::string evidence_list(const Incident& i) {
  std::string out;
  for (std::size_t k = 0; k < i.evidence.size(); ++k) {
    if (k == 4) return out + fmt::format(" and {} more", i.evidence.size() - 4);
    out += (k ? ", " : "") + i.evidence[k];
  }
  return out;
}

std::vector<Section> document(const DailyReport& r) {
  std::vector<Section> doc;
  int violations = 0, explosions = 0, previous = 0, previous_explosions = 0;
  int events = 0, explosion_events = 0, previous_events = 0, previous_explosion_events = 0;
  for (const auto& [name, s] : r.sectors) {
    violations += s.violations;
    explosions += s.explosions;
    previous += s.previous_violations;
    previous_explosions += s.previous_explosions;
    events += s.events;
    explosion_events += s.explosion_events;
    previous_events += s.previous_events;
    previous_explosion_events += s.previous_explosion_events;
  }
  // The day before's figures, or "no data" when nobody reported anything that day.
  const auto before = [&](int n) {
    return r.previous_day_reported ? std::to_string(n) : "no data";
  };
  std::map<std::string, int> by_rule;
  int weapons = 0;
  for (const auto& i : r.incidents) {
    ++by_rule[i.incident.rule];
    if (i.incident.rule == "ceasefire.weapon_in_zone")
      weapons += i.incident.attributes.value("count", 1);
  }

  Section summary;
  summary.heading = "Summary";
  summary.paragraphs.push_back(fmt::format(
      "Settlement: {}{}. Line of contact: {}, version of {} ({} km). Period: {} 00:00 to 24:00 "
      "UTC. Log head at the time of writing: {}.",
      r.settlement, r.settlement_source.empty() ? "" : " (" + r.settlement_source + ")", r.line,
      r.line_valid_from, fmt::format("{:.1f}", r.line_km), r.date,
      r.log_head.empty() ? "(empty log)" : r.log_head.substr(0, 16)));
  if (r.control) {
    const auto& c = *r.control;
    std::string held =
        fmt::format("Control of terrain on this version of the line: {} holds {} km²",
                    r.inside_party, thousands(c.inside_km2));
    if (c.territory_km2 > 0)
      held += fmt::format(" ({:.1f} % of the territory), {} {} km²",
                          100 * c.inside_km2 / c.territory_km2, r.outside_party,
                          thousands(c.outside_km2));
    if (!r.previous_version.empty())
      held += fmt::format("; {} km² {} {} since the version of {}",
                          thousands(std::abs(c.inside_km2 - r.previous_inside_km2)),
                          c.inside_km2 >= r.previous_inside_km2 ? "to" : "from", r.inside_party,
                          r.previous_version);
    summary.paragraphs.push_back(held + ".");
  }
  summary.bullets.push_back(fmt::format(
      "{} ceasefire violations in the security zones, including {} explosions ({} events, "
      "including {} explosions){}.",
      violations, explosions, events, explosion_events,
      r.previous_day_reported
          ? fmt::format(", compared with {} violations, including {} explosions ({} events, "
                        "including {} explosions) on {}",
                        previous, previous_explosions, previous_events, previous_explosion_events,
                        r.previous_date)
          : fmt::format("; no data for {}: nothing was reported that day", r.previous_date)));
  summary.bullets.push_back(
      fmt::format("{} weapons in violation of withdrawal lines ({} incidents).", weapons,
                  by_rule["ceasefire.weapon_in_zone"]));
  summary.bullets.push_back(
      fmt::format("{} incidents in disengagement areas; {} crossings of "
                  "the line.",
                  by_rule["ceasefire.disengagement_area"], by_rule["ceasefire.crossing"]));
  if (r.coverage) {
    summary.bullets.push_back(fmt::format(
        "{} of {} km of the line observed ({:.0f}%); {} stretches of 1 km or more unobserved; "
        "{} declared sensors reported nothing.",
        km(r.coverage->observed_m), km(r.coverage->line_m),
        100 * r.coverage->observed_m / std::max(r.coverage->line_m, 1.0),
        r.coverage->unobserved.size(), r.coverage->outages.size()));
  } else {
    summary.bullets.push_back("Coverage unknown: no sensors declared (vigil sensors declare).");
  }
  summary.paragraphs.push_back(
      "Each incident is counted once however many sources reported it; its confidence says "
      "how it was corroborated (technical: a camera, UAV or satellite; multi_source: several "
      "sources; single_source).");
  if (r.superseded > 0 || r.dismissed > 0)
    summary.after.push_back(fmt::format(
        "Not counted: {} incidents replaced by a later one with more evidence, {} dismissed on "
        "review.",
        r.superseded, r.dismissed));
  summary.map = true;
  doc.push_back(std::move(summary));

  Section sectors;
  sectors.heading = "Ceasefire violations per sector";
  sectors.paragraphs.push_back(
      "Violations are incidents (one however many sources reported it); events are what they "
      "counted (explosions, rounds, bursts).");
  Table t{{"sector", "violations", "explosions", "events", "explosion events",
           "violations " + r.previous_date, "events " + r.previous_date, "change"},
          {}};
  const auto changed = [&](int today, int yesterday) {
    return r.previous_day_reported ? change(today, yesterday) : std::string("no data");
  };
  for (const auto& [name, s] : r.sectors)
    t.rows.push_back({name.empty() ? "(no sector)" : name, std::to_string(s.violations),
                      std::to_string(s.explosions), std::to_string(s.events),
                      std::to_string(s.explosion_events), before(s.previous_violations),
                      before(s.previous_events), changed(s.violations, s.previous_violations)});
  t.rows.push_back({"total", std::to_string(violations), std::to_string(explosions),
                    std::to_string(events), std::to_string(explosion_events), before(previous),
                    before(previous_events), changed(violations, previous)});
  sectors.table = std::move(t);
  doc.push_back(std::move(sectors));
  doc.push_back(fire_events_section(r));

  const auto incident_rows = [&](const std::string& rule, Section& s, bool with_class) {
    Table table;
    table.header = {"time", "where", "sector", "side", "km from line"};
    if (with_class) {
      table.header.push_back("weapon");
      table.header.push_back("count");
      table.header.push_back("zone");
    } else {
      table.header.push_back("what");
    }
    table.header.push_back("confidence");
    table.header.push_back("incident");
    for (const auto& i : r.incidents) {
      if (i.incident.rule != rule) continue;
      std::vector<std::string> row = {
          hhmm(i.incident.start), geo::place_text({i.incident.lat, i.incident.lon}).value_or(""),
          attribute(i.incident, "sector"), attribute(i.incident, "side"),
          km(i.incident.attributes.value("distance_m", 0.0))};
      if (with_class) {
        row.push_back(attribute(i.incident, "weapon_class"));
        row.push_back(attribute(i.incident, "count"));
        row.push_back(attribute(i.incident, "zone"));
      } else {
        std::string what = attribute(i.incident, "kind");
        if (const auto area = attribute(i.incident, "area"); !area.empty()) what += " in " + area;
        if (const auto from = attribute(i.incident, "from_side"); !from.empty())
          what += " from " + from + " to " + attribute(i.incident, "to_side");
        row.push_back(what);
      }
      row.push_back(attribute(i.incident, "corroboration"));
      row.push_back(i.incident.id.substr(0, 8));
      table.rows.push_back(std::move(row));
    }
    if (table.rows.empty()) {
      s.paragraphs.push_back("None recorded.");
    } else {
      s.table = std::move(table);
    }
  };

  Section weapons_section;
  weapons_section.heading = "Weapons in violation of withdrawal lines";
  incident_rows("ceasefire.weapon_in_zone", weapons_section, true);
  doc.push_back(std::move(weapons_section));

  Section areas;
  areas.heading = "Disengagement areas";
  for (const auto& name : r.areas) {
    int n = 0;
    for (const auto& i : r.incidents)
      if (i.incident.rule == "ceasefire.disengagement_area" &&
          attribute(i.incident, "area").find(name) != std::string::npos)
        ++n;
    areas.bullets.push_back(n == 0 ? fmt::format("{}: no presence recorded.", name)
                                   : fmt::format("{}: {} incidents.", name, n));
  }
  incident_rows("ceasefire.disengagement_area", areas, false);
  if (areas.table) areas.paragraphs.clear();
  doc.push_back(std::move(areas));

  Section crossings;
  crossings.heading = "Crossings of the line";
  incident_rows("ceasefire.crossing", crossings, false);
  doc.push_back(std::move(crossings));
  for (auto& s : osce_sections(r))
    doc.push_back(std::move(s));

  Section coverage;
  coverage.heading = "Coverage and outages";
  if (!r.coverage) {
    coverage.paragraphs.push_back("No sensors declared.");
  } else {
    Table c{{"sector", "line km", "observed km", "%"}, {}};
    for (const auto& [name, s] : r.coverage->sectors)
      c.rows.push_back({name.empty() ? "(no sector)" : name, km(s.line_m), km(s.observed_m),
                        fmt::format("{:.0f}", 100 * s.observed_m / std::max(s.line_m, 1.0))});
    coverage.table = std::move(c);
    std::string gaps = "Longest unobserved stretches: ";
    for (std::size_t k = 0; k < r.coverage->unobserved.size() && k < 8; ++k) {
      const auto& g = r.coverage->unobserved[k];
      gaps += fmt::format("{}{} km in {} ({:.3f}, {:.3f} to {:.3f}, {:.3f})", k ? "; " : "",
                          km(g.length_m), g.sector.empty() ? "no sector" : g.sector, g.from.lat,
                          g.from.lon, g.to.lat, g.to.lon);
    }
    coverage.after.push_back(r.coverage->unobserved.empty() ? "Every stretch was observed."
                                                            : gaps + ".");
    // Outages by kind of sensor: cameras, patrols, UAV flights.
    std::string outages;
    for (const auto& [kind, label] :
         {std::pair{"camera", "cameras"}, {"patrol", "patrols"}, {"uav", "UAV flights"}}) {
      std::string names;
      for (const auto& o : r.coverage->outages)
        if (o.kind == kind) names += (names.empty() ? "" : ", ") + o.sensor;
      if (!names.empty())
        outages += fmt::format("{}{}: {}", outages.empty() ? "" : "; ", label, names);
    }
    coverage.after.push_back(r.coverage->outages.empty()
                                 ? "No outages."
                                 : "Outages (declared sensors that reported nothing): " + outages +
                                       ".");
  }
  doc.push_back(std::move(coverage));

  Section list;
  list.heading = "Incidents";
  Table l{
      {"incident", "rule", "start", "sector", "what", "confidence", "sources", "evidence", "log"},
      {}};
  for (const auto& i : r.incidents) {
    std::string what = attribute(i.incident, "kind");
    if (const auto c = attribute(i.incident, "count"); !c.empty() && c != "1") what += " ×" + c;
    if (const auto w = attribute(i.incident, "weapon_class"); !w.empty()) what += " " + w;
    std::string sources;
    for (const auto& s : i.incident.attributes.value("sources", std::vector<std::string>{}))
      sources += (sources.empty() ? "" : ", ") + s;
    l.rows.push_back({i.incident.id, i.incident.rule.substr(10), format_rfc3339(i.incident.start),
                      attribute(i.incident, "sector"), what,
                      attribute(i.incident, "corroboration") +
                          (i.status == IncidentStatus::confirmed ? " (confirmed)" : ""),
                      sources, evidence_list(i.incident), i.log_hash.substr(0, 12)});
  }
  if (l.rows.empty()) {
    list.paragraphs.push_back("No incidents.");
  } else {
    list.table = std::move(l);
  }
  doc.push_back(std::move(list));
  return doc;
}

std::string md_cell(const std::string& text) {
  std::string out;
  for (const char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string render_markdown(const DailyReport& r, const std::string& map_href) {
  std::string out = fmt::format("# Ceasefire monitoring: daily report of {}\n", r.date);
  for (const auto& s : document(r)) {
    out += "\n## " + s.heading + "\n\n";
    for (const auto& p : s.paragraphs)
      out += p + "\n\n";
    for (const auto& b : s.bullets)
      out += "- " + b + "\n";
    if (!s.bullets.empty()) out += "\n";
    if (s.table) {
      out += "|";
      for (const auto& h : s.table->header)
        out += " " + md_cell(h) + " |";
      out += "\n|";
      for (std::size_t k = 0; k < s.table->header.size(); ++k)
        out += "---|";
      out += "\n";
      for (const auto& row : s.table->rows) {
        out += "|";
        for (const auto& cell : row)
          out += " " + md_cell(cell) + " |";
        out += "\n";
      }
      out += "\n";
    }
    for (const auto& p : s.after)
      out += p + "\n\n";
    if (s.map && !map_href.empty()) out += fmt::format("![Map of the day]({})\n", map_href);
  }
  return out;
}

std::string render_html(const DailyReport& r) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Ceasefire monitoring: daily report of {0}</title>\n<style>\n"
      "body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#1b1b1b;"
      "line-height:1.4}}\ntable{{border-collapse:collapse;margin:0.5em 0 1em}}\n"
      "th,td{{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}}\n"
      "th{{background:#eee}}\nsvg{{max-width:100%;height:auto;border:1px solid #ccc}}\n"
      "</style>\n</head>\n<body>\n<h1>Ceasefire monitoring: daily report of {0}</h1>\n",
      r.date);
  for (const auto& s : document(r)) {
    out += "<h2>" + io::markup_text(s.heading) + "</h2>\n";
    for (const auto& p : s.paragraphs)
      out += "<p>" + io::markup_text(p) + "</p>\n";
    if (!s.bullets.empty()) {
      out += "<ul>\n";
      for (const auto& b : s.bullets)
        out += "<li>" + io::markup_text(b) + "</li>\n";
      out += "</ul>\n";
    }
    if (s.table) {
      out += "<table>\n<tr>";
      for (const auto& h : s.table->header)
        out += "<th>" + io::markup_text(h) + "</th>";
      out += "</tr>\n";
      for (const auto& row : s.table->rows) {
        out += "<tr>";
        for (const auto& cell : row)
          out += "<td>" + io::markup_text(cell) + "</td>";
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
    for (const auto& p : s.after)
      out += "<p>" + io::markup_text(p) + "</p>\n";
    if (s.map) out += "<figure>\n" + render_map_svg(r) + "</figure>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace vigil::report
