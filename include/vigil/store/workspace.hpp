#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vigil/ledger/log_record.hpp"
#include "vigil/ledger/signing.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {

// Where a workspace keeps its files: the SQLite database, and beside it the secret signing
// key (mode 0600) and the public key.
struct WorkspacePaths {
  std::string database;
  std::string secret_key;
  std::string public_key;

  // The key defaults to DATABASE.key; `key_override` (--key or $VIGIL_KEY) replaces it.
  static WorkspacePaths of(const std::string& database,
                           const std::optional<std::string>& key_override = std::nullopt);
};

// One vigil workspace: observations, the incident log and its derived tables, in one SQLite
// file in WAL mode. Every write happens inside a Transaction; writes that append to the log
// call seal() before committing, so each commit leaves a signed chain head.
class Workspace {
 public:
  struct Created {
    std::string workspace_id;
    ledger::PublicKey public_key;
  };
  // Creates the database and a new key pair; refuses to overwrite any of the three files.
  static Created create(const WorkspacePaths& paths);

  explicit Workspace(const WorkspacePaths& paths);

  Database& db() { return db_; }
  const WorkspacePaths& paths() const { return paths_; }
  const std::string& id() const { return id_; }
  const ledger::PublicKey& public_key() const { return public_key_; }

  // The last log record, if any.
  std::optional<ledger::LogRecord> head();
  // Appends a record after the current head. Call within a transaction.
  ledger::LogRecord append(std::string kind, std::string subject, std::string body);
  // Signs the current head if records were appended since the last signature. Call within
  // the transaction that appended them, just before commit. Loads the secret key on first use.
  void seal();
  // The secret key, loaded from its file on first use: for seal() and for signing what is
  // exported from the workspace (a bundle's manifest). Throws when the key file is absent.
  const ledger::SigningKey& signing_key();

 private:
  WorkspacePaths paths_;
  Database db_;
  std::string id_;
  ledger::PublicKey public_key_{};
  std::unique_ptr<ledger::SigningKey> key_;
};

// For one of many connections that read a workspace at once (vigil serve's readers): on SQLite,
// the file is mapped rather than copied page by page into a cache of each connection's own.
void tune_for_many_readers(Workspace& ws);

// The log records after `seq`, oldest first; at most `limit` of them when given.
std::vector<ledger::LogRecord> log_records_after(Workspace& ws, std::int64_t seq,
                                                 std::optional<std::int64_t> limit = std::nullopt);

// Reads one value of the meta table, or nothing.
std::optional<std::string> read_meta(Database& db, std::string_view key);

}  // namespace vigil::store
