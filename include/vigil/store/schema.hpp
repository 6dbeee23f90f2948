#pragma once

#include "vigil/store/sqlite.hpp"

namespace vigil::store {

// The schema version this build of vigil writes. Older workspaces are migrated forward on
// open, each step in its own transaction; newer ones are refused rather than misread.
int current_schema_version();

// Reads PRAGMA user_version and applies the missing migrations. Throws when the workspace
// was written by a newer vigil.
void migrate(Database& db);

}  // namespace vigil::store
