#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vigil/core/time.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

// What a workspace holds, for `vigil status` and the sample run.
struct WorkspaceSummary {
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;  // largest first

  std::int64_t observations = 0;
  std::optional<Timestamp> first_time, last_time;
  std::optional<BoundingBox> extent;
  Counts by_kind, by_source, entities_by_namespace;
  std::int64_t entities = 0;
  std::int64_t incidents = 0;
  Counts incidents_by_status, incidents_by_rule;
  std::int64_t log_records = 0;
  std::string head_hash;
  std::string last_signed_at;
};

WorkspaceSummary summarise(Workspace& ws);

}  // namespace vigil::store
