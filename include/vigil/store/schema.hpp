#pragma once

#include <string_view>

#include "vigil/store/database.hpp"

namespace vigil::store {

// The condition of the partial indexes over observations that are not vessels' AIS reports
// (migration 8). SQLite uses such an index only for a query whose WHERE clause holds this
// term as written.
inline constexpr std::string_view kNotVesselObservation =
    "(entity IS NULL OR substr(entity, 1, 5) <> 'mmsi:')";

// The schema version this build of vigil writes. Older workspaces are migrated forward on
// open, each step in its own transaction; newer ones are refused rather than misread.
int current_schema_version();

// Reads the workspace's schema version (PRAGMA user_version; on PostgreSQL the meta table)
// and applies the missing migrations. Throws when the workspace was written by a newer vigil.
// A PostgreSQL database without vigil's tables gets them only when `create` (vigil init):
// opening the wrong database must not litter it.
void migrate(Database& db, bool create = false);

}  // namespace vigil::store
