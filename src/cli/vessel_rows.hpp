#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/io/record_output.hpp"
#include "vigil/store/vessel_store.hpp"

namespace vigil::cli {

// A vessel as `vigil vessels` lists it.
nlohmann::json vessel_row(const store::VesselSummary& vessel);
std::vector<io::Column> vessel_columns();

// One run of a vessel's identity history as `vigil vessels history` lists it; `change`
// says whether it replaced an earlier value of its attribute.
nlohmann::json history_row(const vessel::IdentityRun& run, bool change);
std::vector<io::Column> history_columns();

// The periods over which the MMSIs in `runs` broadcast the IMO `imo`, as history rows of
// attribute "mmsi" and "flag": one IMO under several MMSIs is how a re-flagged ship shows.
std::vector<nlohmann::json> imo_holder_rows(const std::vector<vessel::IdentityRun>& runs,
                                            std::string_view imo);

}  // namespace vigil::cli
