#include "vigil/detect/risk.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "vigil/store/incident_store.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/vessel_store.hpp"
#include "vigil/vessel/entity_id.hpp"
#include "vigil/vessel/flag.hpp"
#include "vigil/vessel/vessel_class.hpp"

namespace vigil::detect {

const std::vector<RiskSetting>& risk_settings() {
  // Points are bounded so that no one signal can be made to swamp a ranking by a typo of
  // a few orders of magnitude; the rest by what they measure.
  static const std::vector<RiskSetting> all = {
      {"listed_by_identifier", &RiskWeights::listed_by_identifier, 0, 1'000, "points",
       "a list names its IMO or MMSI"},
      {"listed_by_name", &RiskWeights::listed_by_name, 0, 1'000, "points",
       "times the name score of a name-only match"},
      {"encounter_with_listed", &RiskWeights::encounter_with_listed, 0, 1'000, "points",
       "each encounter or dark encounter with a listed vessel"},
      {"encounter", &RiskWeights::encounter, 0, 1'000, "points", "each other encounter"},
      {"dark_near_russian_terminal", &RiskWeights::dark_near_russian_terminal, 0, 1'000, "points",
       "each gap beginning near a Russian oil export terminal"},
      {"russian_terminal_call", &RiskWeights::russian_terminal_call, 0, 1'000, "points",
       "each port call at a Russian oil export terminal"},
      {"gap", &RiskWeights::gap, 0, 1'000, "points", "each other gap"},
      {"spoofing", &RiskWeights::spoofing, 0, 1'000, "points", "each spoofing incident"},
      {"identity_change", &RiskWeights::identity_change, 0, 1'000, "points",
       "each identity change"},
      {"identity_change_cap", &RiskWeights::identity_change_cap, 0, 10'000, "points",
       "most points from identity changes"},
      {"flag_contradicts_mid", &RiskWeights::flag_contradicts_mid, 0, 1'000, "points",
       "a list gives another flag than the MMSI's MID"},
      {"old_imo", &RiskWeights::old_imo, 0, 1'000, "points", "an old ship"},
      {"old_age_years", &RiskWeights::old_age_years, 0, 200, "years",
       "age from which a ship is old"},
      {"old_imo_below", &RiskWeights::old_imo_below, 1'000'000, 10'000'000, "",
       "IMO numbers below this were issued to ships built before about 2004"},
      {"near_terminal_km", &RiskWeights::near_terminal_km, 0, 20'000, "km",
       "distance from a terminal within which a gap begins near it"},
  };
  return all;
}

RiskWeights risk_weights_from_document(const nlohmann::json& document) {
  RiskWeights weights;
  if (document.is_object() && document.contains("risk"))
    apply_threshold_overrides(weights, risk_settings(), document["risk"], "risk.");
  return weights;
}

namespace {

class Scoring {
 public:
  Scoring(const VesselDossier& dossier, const RiskContext& context, const RiskWeights& weights)
      : d_(dossier), c_(context), w_(weights) {
    risk_.mmsi = dossier.vessel.mmsi;
  }

  VesselRisk run() && {
    age();
    listing();
    // A tug's, a pilot's, a ferry's or a yacht's incidents are the work of their trade: no
    // rule reports them any more, and those logged before do not raise its score.
    const auto kind = vessel::class_of_ais_type(d_.vessel.ship_type);
    const bool small_craft = kind == vessel::VesselClass::service ||
                             kind == vessel::VesselClass::pleasure ||
                             kind == vessel::VesselClass::passenger;
    if (!small_craft)
      for (const auto& incident : d_.incidents)
        behaviour(incident);
    for (const auto& reason : risk_.reasons)
      risk_.score += reason.points;
    std::stable_sort(risk_.reasons.begin(), risk_.reasons.end(),
                     [](const RiskReason& a, const RiskReason& b) { return a.points > b.points; });
    if (!d_.vessel.names.empty()) risk_.name = d_.vessel.names.back().value;
    risk_.flag = std::string(vessel::flag_of_mmsi(risk_.mmsi).value_or(""));
    return std::move(risk_);
  }

 private:
  void add(std::string signal, double points, std::string detail) {
    if (points <= 0) return;
    risk_.reasons.push_back({std::move(signal), points, std::move(detail)});
  }

  // The year the vessel was last heard of (its ages and flags are of then), else the
  // workspace's newest year.
  int heard_year() const {
    return d_.vessel.last_heard > 0 ? std::stoi(format_rfc3339(d_.vessel.last_heard).substr(0, 4))
                                    : c_.as_of_year;
  }

  // The build year a list gives for the vessel (matched by IMO or MMSI), else its IMO number,
  // issued in sequence, as a proxy. Its age is counted when it was heard, not today: a ship
  // heard in 2010 was not old then because it is now.
  void age() {
    const int year = heard_year();
    for (const auto& match : d_.matches) {
      if (match.basis == sanctions::MatchBasis::name || !match.entry->build_year) continue;
      const int built = *match.entry->build_year;
      if (year - built >= w_.old_age_years)
        add("old_ship", w_.old_imo,
            fmt::format("built {} (list {}), {} years old when last heard in {}", built,
                        match.entry->list, year - built, year));
      return;
    }
    for (const auto& imo : d_.vessel.imos) {
      const auto number = std::strtoll(imo.value.c_str(), nullptr, 10);
      // Built before about 2004: old from about 2004 + old_age_years on.
      if (vessel::valid_imo(number) && static_cast<double>(number) < w_.old_imo_below &&
          year - 2004 >= w_.old_age_years) {
        add("old_ship", w_.old_imo,
            fmt::format("IMO {} was issued before about 2004: {} years or more old when last "
                        "heard in {}",
                        imo.value, year - 2004, year));
        return;
      }
    }
  }

  void listing() {
    if (d_.matches.empty()) return;
    const auto& best = d_.matches.front();  // strongest first
    const bool by_identifier = best.basis != sanctions::MatchBasis::name;
    add("listed", by_identifier ? w_.listed_by_identifier : w_.listed_by_name * best.score,
        fmt::format("{} {} by {}: {}", best.entry->list, best.entry->entry_id,
                    to_string(best.basis), best.explanation));
    // The list's flag against the one the MMSI's MID gives: a vessel that re-flagged since
    // it was listed, or broadcasts another state's MMSI. Only of the same era: heard under
    // this MMSI within a year before the listing or after it (a list without a date is
    // taken as of the workspace's newest year). A vessel heard in 2010 under one flag and
    // listed in 2024 under another simply changed flag in between.
    const int heard = heard_year();
    for (const auto& match : d_.matches) {
      if (match.basis == sanctions::MatchBasis::name) continue;
      const auto listed_flag = vessel::flag_code_of_country(match.entry->flag);
      const auto mid_flag = vessel::flag_of_mmsi(risk_.mmsi);
      if (!listed_flag || !mid_flag || *listed_flag == *mid_flag) continue;
      const int listed_year = match.entry->listed_on.size() >= 4
                                  ? std::stoi(match.entry->listed_on.substr(0, 4))
                                  : c_.as_of_year;
      if (heard < listed_year - 1) continue;
      add("flag_contradicts_mid", w_.flag_contradicts_mid,
          fmt::format("listed by {}{} under the flag of {} ({}); its MMSI's MID, heard in {}, "
                      "is {}'s",
                      match.entry->list,
                      match.entry->listed_on.empty() ? "" : " on " + match.entry->listed_on,
                      match.entry->flag, *listed_flag, heard, *mid_flag));
      return;
    }
  }

  void behaviour(const Incident& i) {
    const std::string when = format_rfc3339(i.start).substr(0, 10);
    const std::string short_id = i.id.substr(0, 8);
    const auto& a = i.attributes;
    if (i.rule == "maritime.encounter" || i.rule == "maritime.dark_encounter") {
      std::uint32_t other = 0;
      for (const auto& e : i.entities)
        if (const auto m = vessel::mmsi_of_entity(e); m && *m != risk_.mmsi) other = *m;
      const bool with_listed = c_.listed && c_.listed->count(other) > 0;
      const char* what = i.rule == "maritime.encounter" ? "encounter" : "dark encounter";
      add(with_listed ? "encounter_with_listed" : "encounter",
          with_listed ? w_.encounter_with_listed : w_.encounter,
          fmt::format("{} with {}{} on {} (incident {})", what, other,
                      with_listed ? ", a listed vessel," : "", when, short_id));
    } else if (i.rule == "maritime.port_call") {
      if (!a.value("russian_oil_terminal", false)) return;
      add("russian_terminal_call", w_.russian_terminal_call,
          fmt::format("called at {} on {} (incident {})", a.value("place", ""), when, short_id));
    } else if (i.rule == "maritime.gap") {
      const geo::Place* terminal = nullptr;
      if (c_.places)
        for (const auto& place : c_.places->places())
          if (place.russian_oil &&
              geo::distance_m(place.at, {i.lat, i.lon}) <= w_.near_terminal_km * 1000) {
            terminal = &place;
            break;
          }
      add(terminal ? "dark_near_russian_terminal" : "gap",
          terminal ? w_.dark_near_russian_terminal : w_.gap,
          fmt::format(
              "AIS off {} h from {}{} (incident {})", a.value("hours", 0.0), when,
              terminal ? fmt::format(" within {:g} km of {}", w_.near_terminal_km, terminal->name)
                       : "",
              short_id));
    } else if (i.rule == "maritime.spoofing") {
      add("spoofing", w_.spoofing,
          fmt::format("{} on {} (incident {})", a.value("kind", "spoofing"), when, short_id));
    } else if (i.rule == "maritime.identity_change") {
      const double points = std::min(w_.identity_change, w_.identity_change_cap - identity_points_);
      identity_points_ += std::max(points, 0.0);
      add("identity_change", points,
          fmt::format("{} {} -> {} on {}", a.value("attribute", ""), a.value("from", ""),
                      a.value("to", ""), when));
    }
  }

  const VesselDossier& d_;
  const RiskContext& c_;
  const RiskWeights& w_;
  VesselRisk risk_;
  double identity_points_ = 0;
};

}  // namespace

VesselRisk score_vessel(const VesselDossier& dossier, const RiskContext& context,
                        const RiskWeights& weights) {
  return Scoring(dossier, context, weights).run();
}

std::vector<VesselRisk> assess_risk(store::Workspace& ws, const geo::PlaceIndex& places,
                                    const RiskWeights& weights) {
  // The dossiers: every vessel the workspace knows, screened, and every vessel a maritime
  // incident names (some are known only from a detector's run).
  const sanctions::Screener screener(store::current_list_entries(ws));
  std::map<std::uint32_t, VesselDossier> dossiers;
  std::set<std::uint32_t> listed;
  for (auto& vessel : store::known_vessels(ws)) {
    auto& dossier = dossiers[vessel.mmsi];
    dossier.matches = screener.screen(vessel);
    if (!dossier.matches.empty()) listed.insert(vessel.mmsi);
    dossier.vessel = std::move(vessel);
  }
  store::IncidentFilter filter;
  filter.rules = {"maritime.encounter", "maritime.dark_encounter", "maritime.gap",
                  "maritime.port_call", "maritime.spoofing",       "maritime.identity_change"};
  store::for_each_incident(ws, filter, [&](const store::StoredIncident& stored) {
    if (stored.status == IncidentStatus::dismissed) return true;
    for (const auto& entity : stored.incident.entities) {
      const auto mmsi = vessel::mmsi_of_entity(entity);
      if (!mmsi) continue;
      auto& dossier = dossiers[*mmsi];
      dossier.vessel.mmsi = *mmsi;
      // An incident that names the vessel twice counts once.
      if (dossier.incidents.empty() || dossier.incidents.back().id != stored.incident.id)
        dossier.incidents.push_back(stored.incident);
    }
    return true;
  });

  const Timestamp newest = store::newest_observation_time(ws).value_or(now());
  const RiskContext context{&listed, std::stoi(format_rfc3339(newest).substr(0, 4)), &places};
  std::vector<VesselRisk> out;
  for (const auto& [mmsi, dossier] : dossiers) {
    auto risk = score_vessel(dossier, context, weights);
    if (!risk.reasons.empty()) out.push_back(std::move(risk));
  }
  std::stable_sort(out.begin(), out.end(), [](const VesselRisk& a, const VesselRisk& b) {
    return a.score != b.score ? a.score > b.score : a.mmsi < b.mmsi;
  });
  return out;
}

}  // namespace vigil::detect
