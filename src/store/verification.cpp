#include "vigil/store/verification.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "vigil/core/observation.hpp"
#include "vigil/store/api_key_store.hpp"
#include "vigil/store/commitment_store.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/report_store.hpp"
#include "vigil/store/schema.hpp"
#include "vigil/store/sensor_store.hpp"
#include "vigil/store/vessel_store.hpp"

namespace vigil::store {
namespace {

// One consistent view of a PostgreSQL workspace for a sequence of reads (SQLite's readers
// see one already, between writes).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db), open_(db.postgresql()) {
    if (open_) db_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ~ReadSnapshot() {
    if (!open_) return;
    try {
      db_.exec("COMMIT");
    } catch (...) {  // the connection is gone: nothing was written to keep
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
  bool open_;
};

}  // namespace

std::int64_t row_count(Database& db, std::string_view table) {
  Statement st(db, fmt::format("SELECT COUNT(*) FROM {}", table));
  st.step();
  return st.int64(0);
}

std::optional<SealProblem> check_row_count(Database& db, std::string_view table,
                                           std::int64_t sealed) {
  const auto stored = row_count(db, table);
  if (stored == sealed) return std::nullopt;
  return SealProblem{0, fmt::format("table {} holds {} rows where the log seals {}: rows were "
                                    "added behind the log's back",
                                    table, stored, sealed)};
}

std::vector<ledger::LogRecord> load_log(Workspace& ws) {
  // Every row, whatever its seq: a row slipped in below the first record must reach the chain
  // check.
  return log_records_after(ws, std::numeric_limits<std::int64_t>::min());
}

std::vector<ledger::HeadSignature> load_signatures(Workspace& ws) {
  std::vector<ledger::HeadSignature> signatures;
  Statement st(ws.db(), "SELECT seq, hash, signature, signed_at FROM log_signatures ORDER BY seq");
  while (st.step())
    signatures.push_back(
        {st.int64(0), std::string(st.text(1)), std::string(st.text(2)), std::string(st.text(3))});
  return signatures;
}

VerifyReport verify_workspace(Workspace& ws, const std::optional<ledger::PublicKey>& pinned) {
  // On PostgreSQL others may write while we read: every check reads one snapshot.
  ReadSnapshot snapshot(ws.db());
  VerifyReport report;
  report.key_fingerprint = ledger::fingerprint(ws.public_key());
  auto fail = [&](std::int64_t seq, std::string problem) {
    report.ok = false;
    report.bad_seq = seq;
    report.problem = std::move(problem);
    return report;
  };
  if (pinned && *pinned != ws.public_key())
    return fail(0, fmt::format("the workspace's public key {} is not the expected key {}",
                               report.key_fingerprint, ledger::fingerprint(*pinned)));
  if (std::filesystem::exists(ws.paths().public_key)) {
    std::ifstream in(ws.paths().public_key);
    std::string hex;
    in >> hex;
    const auto file_key = ledger::parse_public_key(hex);
    if (!file_key || *file_key != ws.public_key())
      return fail(0, fmt::format("the public key in {} differs from the workspace's",
                                 ws.paths().public_key));
  }

  // 0. The file itself: a damaged page or index can hide rows from one query and not another.
  if (!ws.db().postgresql()) {
    Statement check(ws.db(), "PRAGMA integrity_check(5)");
    std::string problems;
    while (check.step())
      if (check.text(0) != "ok")
        problems += fmt::format("{}{}", problems.empty() ? "" : "; ", check.text(0));
    if (!problems.empty())
      return fail(0, fmt::format("the database file fails SQLite's integrity check: {}", problems));
  }

  // 1. The chain and its signatures.
  const auto records = load_log(ws);
  const auto signatures = load_signatures(ws);
  const auto chain = ledger::verify_chain(ws.id(), records, signatures, ws.public_key());
  report.records = chain.records;
  report.signatures = chain.signatures;
  report.untimed_signatures = chain.untimed_signatures;
  if (!chain.ok) return fail(chain.bad_seq, chain.message);

  // 2. What each store seals, checked by the store: the tables derived from the log, each
  // batch's observations and vessel identities, list loads, line versions, sensor
  // declarations, published reports, commitments tables, settlements and the keys of vigil serve;
  // then the tallies kept for listing, recomputed from the observations just verified.
  BatchSealCounts batches;
  std::optional<SealProblem> problem;
  if (!problem) problem = check_incident_tables(ws, records, report.incidents, report.reviews);
  if (!problem) problem = check_observation_batches(ws, records, batches);
  report.batches = batches.batches;
  report.observations = batches.observations;
  report.identity_runs = batches.identity_runs;
  if (!problem) problem = check_list_loads(ws, records, report.list_loads);
  if (!problem) problem = check_line_versions(ws, records, report.line_versions);
  if (!problem) problem = check_sensor_declarations(ws, records, report.sensor_declarations);
  if (!problem) problem = check_published_reports(ws, records, report.published_reports);
  if (!problem) problem = check_commitments_loads(ws, records, report.commitments_loads);
  if (!problem) problem = check_settlements(ws, records);
  if (!problem) problem = check_api_keys(ws, records);
  if (!problem) problem = check_observation_tallies(ws);
  if (problem) return fail(problem->seq, std::move(problem->message));
  return report;
}

}  // namespace vigil::store
