#include "vigil/store/workspace.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "vigil/core/hash.hpp"
#include "vigil/core/time.hpp"
#include "vigil/store/schema.hpp"

#include <sodium.h>

namespace vigil::store {
namespace {

void configure(Database& db) {
  if (db.postgresql()) return;  // the server's own settings hold
  // The journal mode is written into the file: a reader that may not write leaves it be.
  if (!db.read_only()) {
    db.exec("PRAGMA journal_mode = WAL");
    // FULL: a committed batch survives power loss, not only a killed process.
    db.exec("PRAGMA synchronous = FULL");
  }
  db.exec("PRAGMA foreign_keys = ON");
  // 256 MiB of page cache: a million-row batch then fits without spilling to the WAL twice.
  db.exec("PRAGMA cache_size = -262144");
  db.exec("PRAGMA temp_store = MEMORY");
}

std::string no_key_file_message(const std::string& database) {
  return fmt::format(
      "{}: a workspace on PostgreSQL keeps its signing key in a file you name: give --key FILE "
      "or set VIGIL_KEY",
      database);
}

void write_meta(Database& db, std::string_view key, std::string_view value) {
  Statement st(db,
               "INSERT INTO meta(key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value).run();
}

}  // namespace

std::optional<std::string> read_meta(Database& db, std::string_view key) {
  Statement st(db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return std::string(st.text(0));
}

WorkspacePaths WorkspacePaths::of(const std::string& database,
                                  const std::optional<std::string>& key_override) {
  const bool server = is_postgresql_location(database);
  // A database server has no directory to keep the key beside: its key file is named.
  WorkspacePaths p{database, server ? "" : database + ".key", server ? "" : database + ".pub"};
  if (key_override && !key_override->empty()) {
    p.secret_key = *key_override;
  } else if (const char* env = std::getenv("VIGIL_KEY"); env && *env) {
    p.secret_key = env;
  }
  if (server && !p.secret_key.empty()) p.public_key = p.secret_key + ".pub";
  return p;
}

Workspace::Created Workspace::create(const WorkspacePaths& paths) {
  namespace fs = std::filesystem;
  const bool server = is_postgresql_location(paths.database);
  if (server && paths.secret_key.empty())
    throw std::runtime_error(no_key_file_message(redacted_location(paths.database)));
  for (const std::string& f : {paths.database, paths.secret_key, paths.public_key})
    if (!(server && f == paths.database) && fs::exists(f))
      throw std::runtime_error(fmt::format("{}: already exists; vigil init never overwrites", f));
  // On a server, the tables come first: an existing workspace there must stop us before any
  // key file is written.
  std::unique_ptr<Database> db;
  if (server) {
    db = std::make_unique<Database>(paths.database, Database::Mode::open_existing);
    migrate(*db, true);
    if (read_meta(*db, "workspace_id"))
      throw std::runtime_error(fmt::format(
          "{}: already holds a vigil workspace; vigil init never overwrites", db->path()));
  }
  ensure_sodium();
  std::array<std::uint8_t, 16> random_id{};
  randombytes_buf(random_id.data(), random_id.size());
  Created created{to_hex(random_id), {}};
  const auto key = ledger::SigningKey::generate();
  created.public_key = key.public_key();
  key.write_secret(paths.secret_key);
  {
    std::ofstream pub(paths.public_key);
    pub << to_hex(key.public_key()) << "\n";
    if (!pub)
      throw std::runtime_error(fmt::format("{}: cannot write public key", paths.public_key));
  }
  if (!db) {
    db = std::make_unique<Database>(paths.database, Database::Mode::create_new);
    configure(*db);
    migrate(*db);
  }
  Transaction tx(*db);
  if (read_meta(*db, "workspace_id"))  // another vigil init won the race
    throw std::runtime_error(fmt::format(
        "{}: already holds a vigil workspace; vigil init never overwrites", db->path()));
  write_meta(*db, "workspace_id", created.workspace_id);
  write_meta(*db, "public_key", to_hex(key.public_key()));
  write_meta(*db, "created_at", format_rfc3339(now()));
  tx.commit();
  return created;
}

Workspace::Workspace(const WorkspacePaths& paths)
    : paths_(paths), db_(paths.database, Database::Mode::open_existing) {
  configure(db_);
  migrate(db_);
  const auto id = read_meta(db_, "workspace_id");
  const auto pk = read_meta(db_, "public_key");
  if (!id || !pk) throw DatabaseError(fmt::format("{}: not a vigil workspace", db_.path()));
  const auto key = ledger::parse_public_key(*pk);
  if (!key) throw DatabaseError(fmt::format("{}: malformed public key in meta", db_.path()));
  id_ = *id;
  public_key_ = *key;
}

namespace {

// A macro so that each statement below is one literal, prepared once and reused.
#define VIGIL_SELECT_LOG "SELECT seq, kind, subject, body, prev_hash, hash FROM log_records "

ledger::LogRecord log_record_of(const Statement& st) {
  return ledger::LogRecord{st.int64(0),
                           std::string(st.text(1)),
                           std::string(st.text(2)),
                           std::string(st.text(3)),
                           std::string(st.text(4)),
                           std::string(st.text(5))};
}

}  // namespace

void tune_for_many_readers(Workspace& ws) {
  if (ws.db().postgresql()) return;
  ws.db().exec("PRAGMA mmap_size = 4294967296");
  ws.db().exec("PRAGMA cache_size = -16384");
}

std::vector<ledger::LogRecord> log_records_after(Workspace& ws, std::int64_t seq,
                                                 std::optional<std::int64_t> limit) {
  Statement st(ws.db(), limit ? VIGIL_SELECT_LOG "WHERE seq > ? ORDER BY seq LIMIT ?"
                              : VIGIL_SELECT_LOG "WHERE seq > ? ORDER BY seq");
  st.bind(1, seq);
  if (limit) st.bind(2, *limit);
  std::vector<ledger::LogRecord> records;
  while (st.step())
    records.push_back(log_record_of(st));
  return records;
}

std::optional<ledger::LogRecord> Workspace::head() {
  // On every append: one constant statement, kept prepared by the connection.
  Statement st(db_, VIGIL_SELECT_LOG "ORDER BY seq DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  return log_record_of(st);
}

#undef VIGIL_SELECT_LOG

ledger::LogRecord Workspace::append(std::string kind, std::string subject, std::string body) {
  auto record =
      ledger::make_record(id_, head(), std::move(kind), std::move(subject), std::move(body));
  Statement st(db_,
               "INSERT INTO log_records(seq, kind, subject, body, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, record.seq)
      .bind(2, record.kind)
      .bind(3, record.subject)
      .bind(4, record.body)
      .bind(5, record.prev_hash)
      .bind(6, record.hash)
      .run();
  return record;
}

void Workspace::seal() {
  const auto current = head();
  if (!current) return;
  Statement last(db_, "SELECT COALESCE(MAX(seq), 0) FROM log_signatures");
  last.step();
  if (last.int64(0) >= current->seq) return;
  const auto signed_head =
      ledger::sign_head(id_, current->seq, current->hash, format_rfc3339(now()), signing_key());
  Statement st(db_,
               "INSERT INTO log_signatures(seq, hash, signature, signed_at) VALUES (?, ?, ?, ?)");
  st.bind(1, signed_head.seq)
      .bind(2, signed_head.hash)
      .bind(3, signed_head.signature)
      .bind(4, signed_head.signed_at)
      .run();
}

const ledger::SigningKey& Workspace::signing_key() {
  if (!key_) {
    if (paths_.secret_key.empty()) throw std::runtime_error(no_key_file_message(db_.path()));
    key_ = std::make_unique<ledger::SigningKey>(ledger::SigningKey::read_secret(paths_.secret_key));
    if (key_->public_key() != public_key_)
      throw std::runtime_error(fmt::format(
          "{}: this key does not belong to workspace {} (its public key is {}, the workspace's "
          "is {})",
          paths_.secret_key, db_.path(), ledger::fingerprint(key_->public_key()),
          ledger::fingerprint(public_key_)));
  }
  return *key_;
}

}  // namespace vigil::store
