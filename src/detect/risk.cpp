#include "vigil/detect/risk.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/sanctions/screening.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/vessel_store.hpp"
#include "vigil/vessel/entity_id.hpp"
#include "vigil/vessel/flag.hpp"

namespace vigil::detect {
namespace {

struct Field {
  const char* key;
  double RiskWeights::*member;
};
constexpr Field kFields[] = {
    {"listed_by_identifier", &RiskWeights::listed_by_identifier},
    {"listed_by_name", &RiskWeights::listed_by_name},
    {"encounter_with_listed", &RiskWeights::encounter_with_listed},
    {"encounter", &RiskWeights::encounter},
    {"dark_near_russian_terminal", &RiskWeights::dark_near_russian_terminal},
    {"russian_terminal_call", &RiskWeights::russian_terminal_call},
    {"gap", &RiskWeights::gap},
    {"spoofing", &RiskWeights::spoofing},
    {"identity_change", &RiskWeights::identity_change},
    {"identity_change_cap", &RiskWeights::identity_change_cap},
    {"flag_contradicts_mid", &RiskWeights::flag_contradicts_mid},
    {"old_imo", &RiskWeights::old_imo},
    {"old_imo_below", &RiskWeights::old_imo_below},
    {"old_age_years", &RiskWeights::old_age_years},
    {"near_terminal_km", &RiskWeights::near_terminal_km},
};

int newest_observation_year(store::Workspace& ws) {
  const Timestamp newest = store::newest_observation_time(ws).value_or(now());
  return std::stoi(format_rfc3339(newest).substr(0, 4));
}

}  // namespace

void apply_risk_overrides(RiskWeights& weights, const nlohmann::json& config) {
  if (!config.is_object() || !config.contains("risk")) return;
  const auto& risk = config["risk"];
  if (!risk.is_object()) throw std::invalid_argument("risk: not an object");
  for (const auto& item : risk.items()) {
    const std::string& key = item.key();
    const auto& value = item.value();
    const auto* field = std::find_if(std::begin(kFields), std::end(kFields),
                                     [&](const Field& f) { return key == f.key; });
    if (field == std::end(kFields)) throw std::invalid_argument("risk." + key + ": no such weight");
    if (!value.is_number() || value.get<double>() < 0)
      throw std::invalid_argument("risk." + key + ": not a number of at least 0");
    weights.*(field->member) = value.get<double>();
  }
}

std::vector<VesselRisk> assess_risk(store::Workspace& ws, const geo::PlaceIndex& places,
                                    const RiskWeights& w) {
  std::map<std::uint32_t, VesselRisk> risks;
  const auto add = [&](std::uint32_t mmsi, std::string signal, double points, std::string detail) {
    if (points <= 0) return;
    auto& risk = risks[mmsi];
    risk.mmsi = mmsi;
    risk.reasons.push_back({std::move(signal), points, std::move(detail)});
  };

  // Age: the build year a list gives for the vessel (matched by IMO or MMSI), else its IMO
  // number, issued in sequence, as a proxy. Ages count to the year of the newest observation,
  // so that a workspace scores the same whenever it is assessed.
  const int as_of_year = newest_observation_year(ws);
  const auto assess_age = [&](const sanctions::KnownVessel& vessel,
                              const std::vector<sanctions::Match>& matches) {
    for (const auto& match : matches) {
      if (match.basis == sanctions::MatchBasis::name || !match.entry->build_year) continue;
      const int built = *match.entry->build_year;
      if (as_of_year - built >= w.old_age_years)
        add(vessel.mmsi, "old_ship", w.old_imo,
            fmt::format("built {} (list {}), {} years old in {}", built, match.entry->list,
                        as_of_year - built, as_of_year));
      return;
    }
    for (const auto& imo : vessel.imos) {
      const auto number = std::strtoll(imo.value.c_str(), nullptr, 10);
      if (vessel::valid_imo(number) && static_cast<double>(number) < w.old_imo_below) {
        add(vessel.mmsi, "old_ship", w.old_imo,
            fmt::format("IMO {} was issued before about 2004", imo.value));
        return;
      }
    }
  };

  // Lists.
  std::set<std::uint32_t> listed;
  const sanctions::Screener screener(store::current_list_entries(ws));
  std::map<std::uint32_t, std::string> names;
  for (const auto& vessel : store::known_vessels(ws)) {
    if (!vessel.names.empty()) names[vessel.mmsi] = vessel.names.back().value;
    const auto matches = screener.screen(vessel);
    assess_age(vessel, matches);
    if (matches.empty()) continue;
    const auto& best = matches.front();  // strongest first
    listed.insert(vessel.mmsi);
    const bool by_identifier = best.basis != sanctions::MatchBasis::name;
    add(vessel.mmsi, "listed",
        by_identifier ? w.listed_by_identifier : w.listed_by_name * best.score,
        fmt::format("{} {} by {}: {}", best.entry->list, best.entry->entry_id,
                    to_string(best.basis), best.explanation));
    // The list's flag against the one the MMSI's MID gives: a vessel that re-flagged since
    // it was listed, or broadcasts another state's MMSI.
    for (const auto& match : matches) {
      if (match.basis == sanctions::MatchBasis::name) continue;
      const auto listed_flag = vessel::flag_code_of_country(match.entry->flag);
      const auto mid_flag = vessel::flag_of_mmsi(vessel.mmsi);
      if (!listed_flag || !mid_flag || *listed_flag == *mid_flag) continue;
      add(vessel.mmsi, "flag_contradicts_mid", w.flag_contradicts_mid,
          fmt::format("listed by {} under the flag of {} ({}); its MMSI's MID is {}'s",
                      match.entry->list, match.entry->flag, *listed_flag, *mid_flag));
      break;
    }
  }

  // Incidents.
  std::map<std::uint32_t, double> identity_points;
  store::IncidentFilter filter;
  filter.rules = {"maritime.encounter", "maritime.dark_encounter", "maritime.gap",
                  "maritime.port_call", "maritime.spoofing",       "maritime.identity_change"};
  store::for_each_incident(ws, filter, [&](const store::StoredIncident& stored) {
    if (stored.status == IncidentStatus::dismissed) return true;
    const Incident& i = stored.incident;
    std::vector<std::uint32_t> mmsis;
    for (const auto& e : i.entities)
      if (const auto m = vessel::mmsi_of_entity(e)) mmsis.push_back(*m);
    const std::string when = format_rfc3339(i.start).substr(0, 10);
    const auto& a = i.attributes;
    for (const auto mmsi : mmsis) {
      if (i.rule == "maritime.encounter" || i.rule == "maritime.dark_encounter") {
        std::uint32_t other = 0;
        for (const auto m : mmsis)
          if (m != mmsi) other = m;
        const bool with_listed = listed.count(other) > 0;
        const char* what = i.rule == "maritime.encounter" ? "encounter" : "dark encounter";
        add(mmsi, with_listed ? "encounter_with_listed" : "encounter",
            with_listed ? w.encounter_with_listed : w.encounter,
            fmt::format("{} with {}{} on {} (incident {})", what, other,
                        with_listed ? ", a listed vessel," : "", when, i.id.substr(0, 8)));
      } else if (i.rule == "maritime.port_call") {
        if (!a.value("russian_oil_terminal", false)) continue;
        add(mmsi, "russian_terminal_call", w.russian_terminal_call,
            fmt::format("called at {} on {} (incident {})", a.value("place", ""), when,
                        i.id.substr(0, 8)));
      } else if (i.rule == "maritime.gap") {
        bool near_terminal = false;
        std::string terminal;
        for (const auto& place : places.places()) {
          if (!place.russian_oil) continue;
          if (geo::distance_m(place.at, {i.lat, i.lon}) <= w.near_terminal_km * 1000) {
            near_terminal = true;
            terminal = place.name;
            break;
          }
        }
        add(mmsi, near_terminal ? "dark_near_russian_terminal" : "gap",
            near_terminal ? w.dark_near_russian_terminal : w.gap,
            fmt::format("AIS off {} h from {}{} (incident {})", a.value("hours", 0.0), when,
                        near_terminal ? " within " + fmt::format("{:g}", w.near_terminal_km) +
                                            " km of " + terminal
                                      : "",
                        i.id.substr(0, 8)));
      } else if (i.rule == "maritime.spoofing") {
        add(mmsi, "spoofing", w.spoofing,
            fmt::format("{} on {} (incident {})", a.value("kind", "spoofing"), when,
                        i.id.substr(0, 8)));
      } else if (i.rule == "maritime.identity_change") {
        double& so_far = identity_points[mmsi];
        const double points = std::min(w.identity_change, w.identity_change_cap - so_far);
        so_far += std::max(points, 0.0);
        add(mmsi, "identity_change", points,
            fmt::format("{} {} -> {} on {}", a.value("attribute", ""), a.value("from", ""),
                        a.value("to", ""), when));
      }
    }
    return true;
  });

  std::vector<VesselRisk> out;
  for (auto& [mmsi, risk] : risks) {
    for (const auto& reason : risk.reasons)
      risk.score += reason.points;
    std::stable_sort(risk.reasons.begin(), risk.reasons.end(),
                     [](const RiskReason& a, const RiskReason& b) { return a.points > b.points; });
    if (const auto it = names.find(mmsi); it != names.end()) risk.name = it->second;
    risk.flag = std::string(vessel::flag_of_mmsi(mmsi).value_or(""));
    out.push_back(std::move(risk));
  }
  std::stable_sort(out.begin(), out.end(), [](const VesselRisk& a, const VesselRisk& b) {
    return a.score != b.score ? a.score > b.score : a.mmsi < b.mmsi;
  });
  return out;
}

}  // namespace vigil::detect
