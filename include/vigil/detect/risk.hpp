#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/geo/place_index.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::detect {

// Points per signal; every score is their sum, so each can be read back from its reasons.
// Defaults are vigil's; docs/maritime.md says why each weighs what it does.
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

// Reads {"risk": {"listed_by_identifier": 60, ...}} from a config file's JSON; throws
// std::invalid_argument naming an unknown key or a value that is not a number.
void apply_risk_overrides(RiskWeights& weights, const nlohmann::json& config);

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
  std::vector<RiskReason> reasons;
};

// Every vessel with at least one signal, highest score first: list matches (screened
// against the workspace's current lists), the maritime incidents in its log, and its
// identity history.
std::vector<VesselRisk> assess_risk(store::Workspace& ws, const geo::PlaceIndex& places,
                                    const RiskWeights& weights);

}  // namespace vigil::detect
