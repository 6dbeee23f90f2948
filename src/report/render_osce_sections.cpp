// The daily report's sections beside violations, as the OSCE SMM's daily reports had them.
#include <fmt/format.h>

#include "report_document.hpp"

namespace vigil::report {
namespace {

std::string text(const nlohmann::json& attributes, const char* key) {
  const auto it = attributes.find(key);
  if (it == attributes.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string place(const NotedReport& n) {
  return fmt::format("{:.4f}, {:.4f}", n.at.lat, n.at.lon);
}

std::string side_of(const NotedReport& n) {
  return n.side.empty() ? "on the line" : n.side + "'s side";
}

// The table, or "None reported." when it has no rows.
void table_or_none(Section& s, Table table) {
  if (table.rows.empty())
    s.paragraphs.push_back("None reported.");
  else
    s.table = std::move(table);
}

template <typename Row>
void rows_of(const DailyReport& r, ObservationKind kind, Table& table, Row row) {
  for (const auto& n : r.noted)
    if (n.kind == kind) table.rows.push_back(row(n));
}

}  // namespace

Section fire_events_section(const DailyReport& r) {
  Section s;
  s.heading = "Fire by type and direction";
  s.paragraphs.push_back(
      "Events are what the reports counted: explosions, rounds, bursts (each incident's count, "
      "the largest any of its sources gave). Direction is the monitors' assessment where they "
      "gave one.");
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"explosion", "explosions"},
      {"shelling", "shelling (rounds)"},
      {"small_arms", "small-arms fire (bursts)"}};
  const std::vector<std::pair<std::string, std::string>> directions = {
      {"outgoing", "outgoing"},
      {"incoming", "incoming (impacts)"},
      {"undetermined", "undetermined"},
      {"", "not assessed"}};
  Table t;
  t.header = {"type"};
  for (const auto& d : directions)
    t.header.push_back(d.second);
  t.header.push_back("total");
  int all = 0;
  for (const auto& [kind, label] : kinds) {
    std::vector<std::string> row = {label};
    int total = 0;
    for (const auto& d : directions) {
      const auto it = r.fire_events.find({kind, d.first});
      const int n = it == r.fire_events.end() ? 0 : it->second;
      total += n;
      row.push_back(std::to_string(n));
    }
    row.push_back(std::to_string(total));
    all += total;
    t.rows.push_back(std::move(row));
  }
  if (all == 0)
    s.paragraphs = {"No fire recorded in the security zones."};
  else
    s.table = std::move(t);
  return s;
}

std::vector<Section> osce_sections(const DailyReport& r) {
  std::vector<Section> out;

  Section restrictions;
  restrictions.heading = "Restrictions of freedom of movement";
  Table rt{{"time", "sector", "where", "side", "by", "denied", "reported by", "report"}, {}};
  rows_of(r, ObservationKind::restriction, rt, [](const NotedReport& n) {
    const auto party = text(n.attributes, "party");
    return std::vector<std::string>{hhmm(n.time),
                                    n.sector,
                                    place(n),
                                    side_of(n),
                                    party.empty() ? "not stated" : party,
                                    text(n.attributes, "denied"),
                                    n.source,
                                    n.id};
  });
  table_or_none(restrictions, std::move(rt));
  out.push_back(std::move(restrictions));

  Section civilians;
  civilians.heading = "Civilian casualties and damage";
  int killed = 0, injured = 0;
  for (const auto& n : r.noted)
    if (n.kind == ObservationKind::casualty)
      (text(n.attributes, "outcome") == "killed" ? killed : injured) +=
          n.attributes.value("count", 1);
  Table ct{{"time", "sector", "where", "side", "what", "reported by", "report"}, {}};
  for (const auto& n : r.noted) {
    std::string what;
    if (n.kind == ObservationKind::casualty) {
      const int count = n.attributes.value("count", 1);
      what = fmt::format("{} civilian{} {}", count, count == 1 ? "" : "s",
                         text(n.attributes, "outcome"));
    } else if (n.kind == ObservationKind::damage) {
      const auto object = text(n.attributes, "what");
      what = "damage" + (object.empty() ? std::string() : " to " + object);
    } else {
      continue;
    }
    ct.rows.push_back({hhmm(n.time), n.sector, place(n), side_of(n), what, n.source, n.id});
  }
  if (ct.rows.empty()) {
    civilians.paragraphs.push_back("None reported.");
  } else {
    civilians.paragraphs.push_back(fmt::format(
        "{} civilians reported killed and {} injured; each report as given (reports of one "
        "casualty by several sources are not merged).",
        killed, injured));
    civilians.table = std::move(ct);
  }
  out.push_back(std::move(civilians));

  Section mines;
  mines.heading = "Mines and unexploded ordnance";
  Table mt{{"time", "sector", "where", "side", "what", "reported by", "report"}, {}};
  rows_of(r, ObservationKind::mine, mt, [](const NotedReport& n) {
    const auto object = text(n.attributes, "what");
    return std::vector<std::string>{
        hhmm(n.time), n.sector, place(n), side_of(n), object.empty() ? "not described" : object,
        n.source,     n.id};
  });
  table_or_none(mines, std::move(mt));
  out.push_back(std::move(mines));

  Section uav;
  uav.heading = "UAV outages and jamming";
  if (r.coverage) {
    std::string flights;
    for (const auto& o : r.coverage->outages)
      if (o.kind == "uav") flights += (flights.empty() ? "" : ", ") + o.sensor;
    uav.paragraphs.push_back(flights.empty()
                                 ? "Every declared UAV flight reported."
                                 : "Declared UAV flights that reported nothing: " + flights + ".");
  }
  Table jt{{"time", "sector", "where", "side", "sensor", "effect", "report"}, {}};
  rows_of(r, ObservationKind::jamming, jt, [](const NotedReport& n) {
    const auto effect = text(n.attributes, "effect");
    return std::vector<std::string>{hhmm(n.time), n.sector,
                                    place(n),     side_of(n),
                                    n.source,     effect.empty() ? "interference" : effect,
                                    n.id};
  });
  if (jt.rows.empty()) {
    uav.paragraphs.push_back("No jamming or interference reported.");
  } else {
    uav.paragraphs.push_back(fmt::format(
        "{} instance{} of jamming or signal interference reported by the mission's sensors.",
        jt.rows.size(), jt.rows.size() == 1 ? "" : "s"));
    uav.table = std::move(jt);
  }
  out.push_back(std::move(uav));
  return out;
}

}  // namespace vigil::report
