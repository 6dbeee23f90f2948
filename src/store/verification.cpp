#include "vigil/store/verification.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "vigil/core/observation.hpp"
#include "vigil/store/api_key_store.hpp"
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

struct TableCheck {
  const char* name;
  const char* select;  // same columns and order in both databases
  bool keyed_by_seq;   // first column: log_seq (else an incident id)
};

struct TableMismatch {
  std::string key;  // first column of the differing row
  std::string message;
};

// The query tables derived from the log, with a stable row order for a merge comparison.
constexpr TableCheck kDerivedTables[] = {
    {"incidents",
     "SELECT id, rule, severity, confidence, start_us, end_us, lat, lon, status, log_seq, "
     "log_hash, body FROM incidents ORDER BY id",
     false},
    {"incident_evidence",
     "SELECT incident_id, observation_id FROM incident_evidence "
     "ORDER BY incident_id, observation_id",
     false},
    {"incident_entities",
     "SELECT incident_id, entity FROM incident_entities ORDER BY incident_id, entity", false},
    {"reviews",
     "SELECT log_seq, incident_id, status, \"by\", note, time_us FROM reviews ORDER BY log_seq",
     true},
    {"incidents_space",
     "SELECT seq, min_lon, max_lon, min_lat, max_lat, min_hour, max_hour FROM incidents_space "
     "ORDER BY seq",
     true},
};

std::vector<std::string> row_text(const Statement& st) {
  std::vector<std::string> row;
  const int n = st.columns();
  for (int c = 0; c < n; ++c)
    row.push_back(st.canonical(c));
  return row;
}

// Compares one table between the workspace and a database rebuilt from the log, value by
// value in a form both backends agree on.
std::optional<TableMismatch> compare_table(Database& actual, Database& expected,
                                           const TableCheck& table) {
  Statement a(actual, table.select, Statement::Rows::in_batches);
  Statement e(expected, table.select);
  for (;;) {
    const bool has_a = a.step();
    const bool has_e = e.step();
    if (!has_a && !has_e) break;
    if (has_a != has_e) {
      const auto row = row_text(has_a ? a : e);
      return TableMismatch{
          row[0],
          fmt::format("{} row ({}, {}) {}", table.name, row[0], row.size() > 1 ? row[1] : "",
                      has_a ? "is not in the log" : "recorded in the log is missing")};
    }
    const auto ra = row_text(a), re = row_text(e);
    if (ra != re) {
      const std::string& key = ra[0] < re[0] ? ra[0] : re[0];
      return TableMismatch{
          key, fmt::format("{} row {} differs from what the log records", table.name, key)};
    }
  }
  return std::nullopt;
}

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

std::int64_t row_count(Database& db, std::string_view table) {
  Statement st(db, fmt::format("SELECT COUNT(*) FROM {}", table));
  st.step();
  return st.int64(0);
}

// Who and what was observed, as the entities and sources tables keep it for listing, against
// the same tallies recomputed from the observations.
std::optional<std::string> compare_tallies(Database& db) {
  struct Tally {
    const char* table;
    const char* stored;
    const char* recomputed;
  };
  static constexpr Tally kTallies[] = {
      {"entities",
       "SELECT id, first_time, last_time, observations, namespace FROM entities "
       "ORDER BY id",
       "SELECT entity, MIN(time_us), MAX(time_us), COUNT(*) FROM observations "
       "WHERE entity IS NOT NULL GROUP BY entity ORDER BY entity"},
      {"sources", "SELECT id, first_time, last_time, observations FROM sources ORDER BY id",
       "SELECT source, MIN(time_us), MAX(time_us), COUNT(*) FROM observations "
       "GROUP BY source ORDER BY source"},
  };
  for (const auto& tally : kTallies) {
    Statement stored(db, tally.stored, Statement::Rows::in_batches);
    Statement recomputed(db, tally.recomputed, Statement::Rows::in_batches);
    for (;;) {
      const bool has_s = stored.step(), has_r = recomputed.step();
      if (!has_s && !has_r) break;
      if (has_s != has_r)
        return fmt::format("{} row {} {}", tally.table,
                           has_s ? stored.canonical(0) : recomputed.canonical(0),
                           has_s ? "has no observation behind it" : "is missing");
      bool same = stored.canonical(0) == recomputed.canonical(0);
      for (int c = 1; same && c < 4; ++c)
        same = stored.int64(c) == recomputed.int64(c);
      if (same && stored.columns() > 4) same = stored.text(4) == entity_namespace(stored.text(0));
      if (!same)
        return fmt::format("{} row {} differs from the observations it tallies", tally.table,
                           std::min(stored.canonical(0), recomputed.canonical(0)));
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<ledger::LogRecord> load_log(Workspace& ws) {
  std::vector<ledger::LogRecord> records;
  Statement st(ws.db(),
               "SELECT seq, kind, subject, body, prev_hash, hash FROM log_records ORDER BY seq");
  while (st.step())
    records.push_back({st.int64(0), std::string(st.text(1)), std::string(st.text(2)),
                       std::string(st.text(3)), std::string(st.text(4)), std::string(st.text(5))});
  return records;
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

  // 2. The query tables, rebuilt from the log in memory and compared row by row.
  Database rebuilt(":memory:", Database::Mode::create_new);
  migrate(rebuilt);
  for (const auto& r : records) {
    try {
      apply_to_tables(rebuilt, r);
    } catch (const std::exception& e) {
      return fail(r.seq, fmt::format("record {} ({} {}) cannot be read: {}", r.seq, r.kind,
                                     r.subject, e.what()));
    }
    if (r.kind == ledger::kIncidentRecord) ++report.incidents;
    if (r.kind == ledger::kReviewRecord) ++report.reviews;
  }
  for (const auto& table : kDerivedTables) {
    // PostgreSQL derives the incidents' place and time from each row (a generated column).
    if (ws.db().postgresql() && std::string_view(table.name) == "incidents_space") continue;
    if (auto mismatch = compare_table(ws.db(), rebuilt, table)) {
      // Name the log record behind the differing row.
      std::int64_t seq = 0;
      if (table.keyed_by_seq) {
        seq = std::atoll(mismatch->key.c_str());
      } else {
        for (const auto& r : records)
          if (r.kind == ledger::kIncidentRecord && r.subject == mismatch->key) seq = r.seq;
      }
      return fail(
          seq, seq ? fmt::format("log record {}: {}", seq, mismatch->message) : mismatch->message);
    }
  }

  // 3. Observations against the digests sealed in their batch records: one pass in storage
  // order, each row's digest recomputed from its columns and fed to its batch's hasher.
  struct BatchSeal {
    BatchSeal(std::int64_t s, std::int64_t a, std::int64_t ia, std::string d)
        : seq(s), added(a), identity_added(ia), digest(std::move(d)) {}
    std::int64_t seq;
    std::int64_t added;
    std::int64_t identity_added;
    std::string digest;
    Blake2b hasher{32};
    std::int64_t seen = 0;
    std::int64_t identity_seen = 0;
  };
  std::map<std::int64_t, BatchSeal> seals;
  for (const auto& r : records) {
    if (r.kind != ledger::kBatchRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    seals.try_emplace(
        body.at("batch").get<std::int64_t>(), r.seq, body.at("added").get<std::int64_t>(),
        body.value("identity_runs", std::int64_t{0}), body.at("digest").get<std::string>());
  }
  report.batches = static_cast<std::int64_t>(seals.size());
  Statement rows(ws.db(),
                 "SELECT id, time_us, lat, lon, kind, source, entity, uncertainty_m, attributes, "
                 "content_digest, batch FROM observations ORDER BY time_us, id",
                 Statement::Rows::in_batches);
  while (rows.step()) {
    Observation o;
    bool readable = true;
    try {
      read_observation_row(rows, o);
    } catch (const std::exception&) {
      readable = false;
    }
    const std::int64_t batch = rows.int64(10);
    const auto seal = seals.find(batch);
    if (seal == seals.end())
      return fail(0, fmt::format("observation {} belongs to batch {}, which is in no log record",
                                 o.id, batch));
    const Digest128 digest = content_digest(o);
    const auto stored = rows.blob(9);
    if (!readable || !std::equal(stored.begin(), stored.end(), digest.begin(), digest.end()))
      return fail(seal->second.seq,
                  fmt::format("observation {} of batch {} (log record {}) was altered", o.id, batch,
                              seal->second.seq));
    add_to_batch_digest(seal->second.hasher, o.id, digest);
    ++seal->second.seen;
    ++report.observations;
  }
  // 4. Vessel identity rows, after their batch's observations.
  Statement identity(ws.db(),
                     fmt::format("SELECT {}, batch FROM vessel_identity ORDER BY batch, {}",
                                 kIdentityColumns, kIdentitySealOrder),
                     Statement::Rows::in_batches);
  while (identity.step()) {
    const std::int64_t batch = identity.int64(6);
    const auto seal = seals.find(batch);
    if (seal == seals.end())
      return fail(0, fmt::format("identity of vessel {} belongs to batch {}, which is in no log "
                                 "record",
                                 identity.int64(0), batch));
    add_identity_row_to_digest(seal->second.hasher, identity);
    ++seal->second.identity_seen;
    ++report.identity_runs;
  }
  for (auto& [batch, seal] : seals) {
    Digest256 digest{};
    seal.hasher.finish(digest);
    if (seal.seen != seal.added || seal.identity_seen != seal.identity_added ||
        to_hex(digest) != seal.digest)
      return fail(seal.seq,
                  fmt::format("the observations of batch {} (log record {}) were changed: {} "
                              "stored where the log sealed {}, {} vessel identity rows where it "
                              "sealed {}",
                              batch, seal.seq, seal.seen, seal.added, seal.identity_seen,
                              seal.identity_added));
  }

  // 5. Sanctions list entries against the digest sealed in their load's record.
  for (const auto& r : records) {
    if (r.kind != ledger::kListsRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto load = body.at("load").get<std::int64_t>();
    if (list_load_digest(ws.db(), load) != body.at("digest").get<std::string>())
      return fail(r.seq, fmt::format("the sanctions list entries of load {} (log record {}, {}) "
                                     "were changed",
                                     load, r.seq, body.value("file", std::string())));
    ++report.list_loads;
  }

  // 6. Line versions against the digest sealed in their record.
  for (const auto& r : records) {
    if (r.kind != ledger::kLineRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto name = body.at("name").get<std::string>();
    const auto valid_from = body.at("valid_from").get<std::string>();
    if (line_digest(ws, name, valid_from) != body.at("digest").get<std::string>())
      return fail(r.seq, fmt::format("line '{}' valid from {} (log record {}) was changed", name,
                                     valid_from, r.seq));
    ++report.line_versions;
  }

  // 7. Sensor declarations against the digest sealed in their record.
  for (const auto& r : records) {
    if (r.kind != ledger::kSensorsRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at("sensors").get<std::int64_t>();
    if (sensors_digest(ws, id) != body.at("digest").get<std::string>())
      return fail(r.seq,
                  fmt::format("sensor declaration {} (log record {}) was changed", id, r.seq));
    ++report.sensor_declarations;
  }

  // 8. Published reports and settlements: each row's record body, recomputed from the row as
  // stored, must be the record's; and no row may lack a record.
  std::int64_t settlements = 0, reports = 0;
  for (const auto& r : records) {
    if (r.kind != ledger::kReportRecord && r.kind != ledger::kSettlementRecord) continue;
    const bool is_report = r.kind == ledger::kReportRecord;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at(is_report ? "report" : "settlement").get<std::int64_t>();
    const auto sealed = body.dump();
    if (is_report) {
      const auto seal = published_report_seal(ws, id);
      if (!seal || seal->body != sealed || seal->log_seq != r.seq)
        return fail(r.seq, fmt::format("published report {} (log record {}) was {}", id, r.seq,
                                       seal ? "changed" : "deleted"));
      ++reports;
    } else {
      const auto seal = settlement_seal(ws, id);
      if (!seal || *seal != sealed)
        return fail(r.seq, fmt::format("settlement {} (log record {}) was {}", id, r.seq,
                                       seal ? "changed" : "deleted"));
      ++settlements;
    }
  }
  report.published_reports = reports;
  for (const auto& [table, sealed] :
       {std::pair{"published_reports", reports}, std::pair{"settlements", settlements}}) {
    const auto stored = row_count(ws.db(), table);
    if (stored != sealed)
      return fail(0, fmt::format("table {} holds {} rows where the log seals {}: rows were added "
                                 "behind the log's back",
                                 table, stored, sealed));
  }

  // 9. The keys of vigil serve against the records of their making and revocation.
  if (auto problem = check_api_keys(ws, records)) return fail(problem->seq, problem->message);

  // 9. The tallies kept for listing (entities, sources), recomputed from the observations
  // just verified.
  if (auto mismatch = compare_tallies(ws.db())) return fail(0, *mismatch);
  return report;
}

}  // namespace vigil::store
