#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/report/daily_report.hpp"
#include "vigil/report/workspace_coverage.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/sensor_store.hpp"

namespace vigil::report {
namespace {

constexpr Timestamp kDay = 86'400'000'000;

bool is_fire_explosion(const Incident& i) {
  const auto kind = i.attributes.value("kind", "");
  return kind == "explosion" || kind == "shelling";
}

}  // namespace

DailyReport gather_daily_report(store::Workspace& ws, const std::string& date,
                                std::shared_ptr<const ceasefire::Classifier> in_force) {
  const auto day = parse_rfc3339(date + "T00:00:00Z");
  if (!day) throw std::invalid_argument(fmt::format("--date {}: not a date (YYYY-MM-DD)", date));
  store::LineVersion version;
  if (in_force) {
    const auto settled = store::current_settlement_id(ws);
    if (!settled)
      throw std::runtime_error("no settlement: build the zones first (vigil zones build)");
    version = store::line_version(ws, settled->second, date);
  } else {
    auto settled = store::current_settlement(ws);
    if (!settled)
      throw std::runtime_error("no settlement: build the zones first (vigil zones build)");
    auto [loaded, line] = store::load_line(ws, settled->line, date);
    version = std::move(loaded);
    in_force = std::make_shared<const ceasefire::Classifier>(
        std::move(line), std::move(settled->settlement),
        settled->regions ? &*settled->regions : nullptr);
  }
  const ceasefire::ContactLine& line = in_force->line();
  const ceasefire::Settlement& settlement = in_force->settlement();

  DailyReport r;
  r.date = date;
  r.previous_date = format_rfc3339(*day - kDay).substr(0, 10);
  r.settlement = settlement.name;
  r.settlement_source = settlement.source;
  r.line = version.name;
  r.line_valid_from = version.valid_from;
  r.line_km = version.length_m / 1000;
  for (const auto& a : settlement.disengagement_areas)
    r.areas.push_back(a.name);
  if (!line.control.empty()) {
    r.control = ceasefire::control_areas(line);
    for (const auto& party : settlement.parties) {
      if (party.side == ceasefire::LineSide::inside) r.inside_party = party.id;
      if (party.side == ceasefire::LineSide::outside) r.outside_party = party.id;
    }
    std::string previous;
    for (const auto& v : store::line_versions(ws))
      if (v.name == version.name && v.valid_from < version.valid_from) previous = v.valid_from;
    if (!previous.empty()) {
      const auto older = store::load_line(ws, version.name, previous).second;
      if (!older.control.empty()) {
        r.previous_version = previous;
        r.previous_inside_km2 = ceasefire::control_areas(older).inside_km2;
      }
    }
  }
  r.classifier = std::move(in_force);
  if (const auto head = ws.head()) r.log_head = head->hash;

  // The two days' ceasefire incidents; those another incident supersedes, and those
  // dismissed on review, do not count.
  std::vector<ReportIncident> all;
  std::set<std::string> superseded;
  store::IncidentFilter filter;
  filter.from = *day - kDay;
  filter.to = *day + kDay;
  store::for_each_incident(ws, filter, [&](const store::StoredIncident& s) {
    if (s.incident.rule.rfind("ceasefire.", 0) != 0) return true;
    if (s.incident.start < *day - kDay || s.incident.start >= *day + kDay) return true;
    for (const auto& id : s.incident.attributes.value("supersedes", std::vector<std::string>{}))
      superseded.insert(id);
    all.push_back({s.incident, s.status, s.log_hash});
    return true;
  });
  for (auto& i : all) {
    const bool today = i.incident.start >= *day;
    if (superseded.count(i.incident.id)) {
      r.superseded += today ? 1 : 0;
      continue;
    }
    if (i.status == IncidentStatus::dismissed) {
      r.dismissed += today ? 1 : 0;
      continue;
    }
    if (i.incident.rule == "ceasefire.fire") {
      auto& s = r.sectors[i.incident.attributes.value("sector", "")];
      const int events = i.incident.attributes.value("count", 1);
      (today ? s.violations : s.previous_violations) += 1;
      (today ? s.events : s.previous_events) += events;
      if (is_fire_explosion(i.incident)) {
        (today ? s.explosions : s.previous_explosions) += 1;
        (today ? s.explosion_events : s.previous_explosion_events) += events;
      }
      if (today)
        r.fire_events[{i.incident.attributes.value("kind", ""),
                       i.incident.attributes.value("direction", "")}] += events;
    }
    if (today) r.incidents.push_back(std::move(i));
  }
  std::sort(r.incidents.begin(), r.incidents.end(), [](const auto& a, const auto& b) {
    return std::tie(a.incident.start, a.incident.id) < std::tie(b.incident.start, b.incident.id);
  });
  // Every sector the line runs through appears, quiet ones too.
  for (const auto& part : r.classifier->line().parts)
    for (const auto& vertex : part) {
      const auto sector = r.classifier->classify(vertex).sector;
      if (sector != ceasefire::Classification::kNoSector)
        r.sectors[r.classifier->sectors()[sector]];
    }

  store::ObservationFilter before;
  before.from = *day - kDay;
  before.to = *day;
  before.limit = 1;
  for (const auto k : observation_kind_names())
    if (is_ceasefire_kind(*parse_observation_kind(k))) before.kinds.emplace_back(k);
  store::for_each_observation(ws, before, [&](const store::StoredObservation&) {
    r.previous_day_reported = true;
    return false;
  });

  store::ObservationFilter noted;
  noted.from = *day;
  noted.to = *day + kDay;
  noted.kinds = {"restriction", "casualty", "damage", "mine", "jamming"};
  store::for_each_observation(ws, noted, [&](const store::StoredObservation& s) {
    NotedReport n;
    n.id = s.obs.id;
    n.time = s.obs.time;
    n.at = {s.obs.lat, s.obs.lon};
    n.kind = parse_observation_kind(s.obs.kind).value_or(ObservationKind::report);
    n.source = s.obs.source;
    n.attributes = s.obs.attributes;
    const auto where = r.classifier->classify(n.at);
    if (where.side >= 0)
      n.side = r.classifier->settlement().parties[static_cast<std::size_t>(where.side)].id;
    if (where.sector != ceasefire::Classification::kNoSector)
      n.sector = r.classifier->sectors()[where.sector];
    r.noted.push_back(std::move(n));
    return true;
  });

  if (const auto sensors = store::current_sensors(ws))
    r.coverage = workspace_coverage(ws, *r.classifier, sensors->sensors, *day, *day + kDay);
  return r;
}

}  // namespace vigil::report
