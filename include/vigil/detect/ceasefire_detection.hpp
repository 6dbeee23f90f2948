#pragma once

// The ceasefire rule pack over a workspace: its ceasefire observations and party positions,
// classified against the line version in force at their time and the settlement built with
// `vigil zones build`, corroborated, judged, and logged as incidents with their evidence.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "vigil/ceasefire/reports.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::detect {

struct CeasefireRun {
  std::optional<Timestamp> from;  // observations at or after
  std::optional<Timestamp> to;    // observations before
  ceasefire::RuleConfig config;
  std::string by = "vigil detect";
};

struct CeasefireRunResult {
  bool has_settlement = false;                   // false: zones were never built, nothing was run
  std::uint64_t reports = 0;                     // ceasefire observations read
  std::uint64_t positions = 0;                   // positions of parties' entities read
  std::uint64_t unplaced = 0;                    // before any line version: not judged
  std::uint64_t clusters = 0;                    // incidents they describe, after corroboration
  std::uint64_t classified = 0;                  // classifications stored or refreshed
  std::map<std::string, std::uint64_t> created;  // new incidents per rule
  std::map<std::string, std::uint64_t> known;    // already logged
  std::map<std::string, std::uint64_t> superseding;  // new ones that replace an earlier one
};

// Incidents whose evidence grew (a later report corroborates them) are logged anew with the
// whole evidence and `supersedes` naming the incidents they replace; the log never changes.
// Incident ids derive from content, so a second run over the same data logs nothing.
CeasefireRunResult run_ceasefire_detection(store::Workspace& ws, const CeasefireRun& run);

// Classifies the ceasefire observations that have no classification against the line
// version and settlement in force (or an outdated one), and stores it. Returns how many;
// 0 without a settlement. Ingest passes the first batch it added, so that only what it added
// is read; a new line version or settlement (from_batch 0) refreshes them all.
std::uint64_t classify_stored_observations(store::Workspace& ws, std::int64_t from_batch = 0);

}  // namespace vigil::detect
