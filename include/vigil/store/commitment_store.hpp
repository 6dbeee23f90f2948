#pragma once
// The commitments tables as loaded (vigil commitments load): each load keeps the rows read from
// one file, sealed by a 'commitments' log record (the rows' digest, the file, who and when). The
// newest load of each kind is the current one; older loads are kept.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/commitments/commitment_tables.hpp"
#include "vigil/core/time.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct CommitmentsLoad {
  std::int64_t id = 0;
  commitments::TableKind kind = commitments::TableKind::nato_defence_expenditure;
  std::string file;
  std::int64_t rows = 0, warnings = 0;
  Timestamp loaded_at = 0;
  std::string loaded_by;
  std::int64_t log_seq = 0;
  bool current = false;  // the newest load of its kind
};

CommitmentsLoad store_commitments(Workspace& ws, const std::string& file,
                                  const commitments::CommitmentsTable& table,
                                  const std::string& by);

// Every load, oldest first.
std::vector<CommitmentsLoad> commitments_loads(Workspace& ws);

// The rows of the current load of each kind (empty where none is loaded).
struct CurrentCommitments {
  std::vector<commitments::DefenceSpending> spending;
  std::vector<commitments::UkraineSupport> support;
  std::vector<CommitmentsLoad> loads;  // the loads they come from
};
CurrentCommitments current_commitments(Workspace& ws);

// Each load's row against its 'commitments' record, recomputed from the row as stored; and no
// row without a record. Counts the loads.
std::optional<SealProblem> check_commitments_loads(Workspace& ws, const LogRecords& records,
                                                   std::int64_t& loads);

}  // namespace vigil::store
