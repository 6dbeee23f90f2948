#pragma once
// What `vigil verify` asks of each store: that the rows it keeps still say what the log sealed
// of them. Each store checks its own tables (check_observation_batches, check_list_loads,
// check_line_versions, ...); verification.cpp runs the checks in order after the chain.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {

// A problem found in what a store seals: the log record at fault (0 when the problem is a row
// with no record) and what is wrong.
struct SealProblem {
  std::int64_t seq = 0;
  std::string message;
};

using LogRecords = std::vector<ledger::LogRecord>;

// How many rows `table` holds.
std::int64_t row_count(Database& db, std::string_view table);
// For a table whose rows must each have a log record: a problem when it holds other than the
// `sealed` rows the records were found for (rows added behind the log's back).
std::optional<SealProblem> check_row_count(Database& db, std::string_view table,
                                           std::int64_t sealed);

}  // namespace vigil::store
