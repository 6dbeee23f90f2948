#pragma once

#include "vigil/store/database.hpp"

namespace vigil::store {

// Brings a PostgreSQL workspace to the current schema version (kept in meta), creating the
// tables on first use. Migrations run under the workspace's write lock.
void migrate_postgresql(Database& db, bool create);

}  // namespace vigil::store
