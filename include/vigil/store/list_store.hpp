#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vigil/core/time.hpp"
#include "vigil/sanctions/list_entry.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct ListLoadReport {
  std::int64_t load = 0;
  std::vector<std::string> lists;  // the lists the file holds entries of
  std::size_t entries = 0;
  std::vector<std::int64_t> replaced;  // earlier loads of the same format and lists
};

// Stores a list file's entries in one transaction with a 'lists' log record that seals
// them (BLAKE2b-256 over every entry in storage order); earlier loads of the same format
// covering the same lists stop being current but are kept.
ListLoadReport store_list(Workspace& ws, const std::string& file, const sanctions::LoadedList& list,
                          const std::string& by);

// The current entries of every list (those of loads not replaced), in list, entry order.
std::vector<sanctions::ListEntry> current_list_entries(Workspace& ws);

struct ListSummary {
  std::string list;
  std::string format;
  std::string file;
  Timestamp loaded_at = 0;
  std::int64_t entries = 0, with_imo = 0, with_mmsi = 0;
};
std::vector<ListSummary> list_summaries(Workspace& ws);

// The seal of one load's entries, as stored: `vigil verify` recomputes it.
std::string list_load_digest(Database& db, std::int64_t load);

// Each load's entries against the digest sealed in its 'lists' record; counts the loads.
std::optional<SealProblem> check_list_loads(Workspace& ws, const LogRecords& records,
                                            std::int64_t& loads);

}  // namespace vigil::store
