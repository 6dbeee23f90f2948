#pragma once

// A vessel's sanctions-evasion risk: a pure function of what is known of it (its dossier)
// and the weights, so that each score can be read back from its reasons and tested without
// a workspace. assess_risk() gathers the dossiers from the store and ranks the vessels.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "vigil/core/incident.hpp"
#include "vigil/core/threshold_settings.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/sanctions/screening.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::detect {

// Points per signal; every score is their sum. Defaults are vigil's; docs/maritime.md says
// why each weighs what it does.
struct RiskWeights {
  double listed_by_identifier = 50;  // IMO or MMSI on a list
  double listed_by_name = 25;        // times the name score
  double encounter_with_listed = 25;
  double encounter = 5;
  double dark_near_russian_terminal = 20;
  double russian_terminal_call = 15;
  double gap = 3;
  double spoofing = 15;
  double identity_change = 10;  // per name, call sign, IMO, MMSI or flag change
  double identity_change_cap = 30;
  double flag_contradicts_mid = 15;  // listed under another flag than its MMSI's MID
  double old_imo = 10;  // built old_age_years ago or more, by a list's build year, else an
                        // IMO below old_imo_below (a ship built before about 2004)
  double old_age_years = 15;
  double old_imo_below = 9'300'000;
  double near_terminal_km = 100;
};

// The weights as named, bounded settings: the config file's "risk" section is read through
// them like the detectors' thresholds (typed, range-checked, all or nothing).
using RiskSetting = ThresholdSetting<RiskWeights>;
const std::vector<RiskSetting>& risk_settings();

// The weights of a config document: the defaults with its "risk" section applied, if any.
// Throws std::invalid_argument naming "risk.KEY" when a key is unknown, not a number or out
// of range; nothing of a bad section is applied.
RiskWeights risk_weights_from_document(const nlohmann::json& document);

// Everything a vessel's score is computed from.
struct VesselDossier {
  sanctions::KnownVessel vessel;          // what it broadcast (no names when only positions)
  std::vector<sanctions::Match> matches;  // its list matches, strongest first
  std::vector<Incident> incidents;        // maritime incidents naming it, none dismissed
};

// What scoring needs beyond the vessel itself.
struct RiskContext {
  const std::set<std::uint32_t>* listed = nullptr;  // vessels with a list match
  int as_of_year = 0;                               // ages count to this year
  const geo::PlaceIndex* places = nullptr;          // for terminals near gaps
};

struct RiskReason {
  std::string signal;
  double points = 0;
  std::string detail;
};

struct VesselRisk {
  std::uint32_t mmsi = 0;
  std::string name;
  std::string flag;
  double score = 0;
  std::vector<RiskReason> reasons;  // most points first
};

// The vessel's score and its reasons (none when no signal applies).
VesselRisk score_vessel(const VesselDossier& dossier, const RiskContext& context,
                        const RiskWeights& weights);

// Every vessel with at least one signal, highest score first (then by MMSI): screened
// against the workspace's current lists, with the maritime incidents in its log, ages
// counted to the year of the newest observation (so a workspace scores the same whenever it
// is assessed).
std::vector<VesselRisk> assess_risk(store::Workspace& ws, const geo::PlaceIndex& places,
                                    const RiskWeights& weights);

}  // namespace vigil::detect
