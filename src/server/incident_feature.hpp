#pragma once

#include <string>

#include "vigil/store/incident_store.hpp"

namespace vigil::server::detail {

// A GeoJSON Feature spliced from a stored incident's text: the record's own geometry when it
// has one, else its point; the log body (a JSON object, which holds lat and lon too) becomes
// the properties, with status, log seq and hash added before its closing brace. Listings and
// live events both send this form, so a client handles one shape. For observers the record
// loses `recorded_by` (the analyst's name and key id: observers learn neither).
void append_incident_feature(std::string& out, const store::IncidentRow& row, bool for_observer);

}  // namespace vigil::server::detail
