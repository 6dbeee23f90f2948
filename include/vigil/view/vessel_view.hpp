#pragma once

// Vessels, their identity histories, list matches and risk as the CLI and the API show them.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/detect/risk.hpp"
#include "vigil/sanctions/screening.hpp"
#include "vigil/store/vessel_store.hpp"

namespace vigil::view {

// A vessel as `vigil vessels` and GET /api/v1/vessels list it: its latest identity, when it
// was heard, how many positions, how often each attribute changed.
nlohmann::json vessel_json(const store::VesselSummary& vessel);

// One run of a vessel's identity history; `change` says whether it replaced an earlier
// value of its attribute.
nlohmann::json history_json(const vessel::IdentityRun& run, bool change);

// A history (runs as store::identity_history orders them) as rows with their change flags,
// in time order across attributes: one timeline of what changed when.
std::vector<nlohmann::json> history_timeline(const std::vector<vessel::IdentityRun>& runs);

// The periods over which the MMSIs in `runs` broadcast the IMO `imo`, as history rows of
// attribute "mmsi" and "flag": one IMO under several MMSIs is how a re-flagged ship shows.
std::vector<nlohmann::json> imo_holder_rows(const std::vector<vessel::IdentityRun>& runs,
                                            std::string_view imo);

// A sanctions list match with its explanation (vigil screen, the vessel page).
nlohmann::json match_json(const sanctions::Match& match);

// A vessel's risk score with each reason's points (vigil vessels --risk, the vessel page).
nlohmann::json risk_json(const detect::VesselRisk& risk);

}  // namespace vigil::view
