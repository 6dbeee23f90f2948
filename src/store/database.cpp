#include "vigil/store/database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "postgres_connection.hpp"
#include "vigil/core/hash.hpp"

namespace vigil::store {
namespace {

bool damaged(sqlite3* db) {
  const int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_OK;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

[[noreturn]] void raise(sqlite3* db, std::string_view what) {
  if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_READONLY)
    throw ReadOnlyWorkspace(fmt::format("{}: the workspace is read-only to this process: {}", what,
                                        sqlite3_errmsg(db)));
  throw DatabaseError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"),
                      damaged(db));
}

// A path as an SQLite URI ("file:" + the path with ?, # and % escaped).
std::string file_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '?' || c == '#' || c == '%' || static_cast<unsigned char>(c) < 0x20)
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      uri += c;
  }
  return uri;
}

bool readable(sqlite3* db) {
  return sqlite3_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 1", nullptr, nullptr, nullptr) ==
         SQLITE_OK;
}

}  // namespace

bool is_postgresql_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redacted_location(std::string_view location) {
  return is_postgresql_location(location) ? detail::redact_uri(location) : std::string(location);
}

Database::Database(const std::string& path, Mode mode) : path_(path) {
  if (is_postgresql_location(path)) {
    pg_ = std::make_unique<detail::PgConnection>(path);
    path_ = pg_->display();
    return;
  }
  // Allocation statistics take a global mutex on every malloc; vigil never reads them.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (mode == Mode::create_new ? SQLITE_OPEN_CREATE : 0);
  // The commonest first mistake: a workspace path that names nothing yet.
  std::error_code missing;
  if (mode == Mode::open_existing && !std::filesystem::exists(path, missing))
    throw DatabaseError(
        fmt::format("{}: no workspace there (`vigil init -w {}` creates one)", path, path), false);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    const bool broken = damaged(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError(fmt::format("{}: cannot open workspace: {}", path, message), broken);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10'000);
  if (mode == Mode::open_existing && sqlite3_db_readonly(db_, "main") == 1) open_read_only();
}

// SQLite opens a file it may not write (permissions, a read-only mount) for reading. In WAL
// mode a reader shares the writers' index file (-shm) and would create it when absent, owned
// by this process and read-only, which would leave a later writer unable to write. So the
// index is used only where a writer left one; where there is none and the write-ahead log
// holds no commits, no writer has the workspace open and the file alone is all of it: it is
// opened immutable (no locks, no files made), as it is at this moment.
void Database::open_read_only() {
  read_only_ = true;
  read_only_reason_ = "this process may not write its file";
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto wal_size = fs::file_size(path_ + "-wal", ec);
  const bool wal_has_commits = !ec && wal_size > 0;
  if (fs::exists(path_ + "-shm", ec) || wal_has_commits) {
    if (readable(db_)) return;
    if (wal_has_commits) {
      const std::string message = sqlite3_errmsg(db_);
      throw DatabaseError(fmt::format(
          "{}: cannot read it: its write-ahead log {}-wal holds commits, and this process may "
          "not use the index that reading them needs ({}); open it once with write access",
          path_, path_, message));
    }
  }
  sqlite3_close_v2(db_);
  db_ = nullptr;
  const std::string uri = file_uri(path_) + "?immutable=1";
  if (sqlite3_open_v2(uri.c_str(), &db_,
                      SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK ||
      !readable(db_)) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    throw DatabaseError(fmt::format("{}: cannot open workspace for reading: {}", path_, message),
                        damaged(db_));
  }
  sqlite3_extended_result_codes(db_, 1);
  read_only_reason_ =
      "this process may not write its file; it is read as it was when opened, without a writer";
}

Database::~Database() {
  for (const auto& [sql, stmt] : prepared_)
    sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

sqlite3_stmt* Database::take_prepared(std::string_view sql) {
  if (const auto it = prepared_.find(std::string(sql)); it != prepared_.end()) {
    sqlite3_stmt* stmt = it->second;
    prepared_.erase(it);
    return stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK)
    raise(db_, fmt::format("{}: preparing \"{}\"", path_, sql.substr(0, 60)));
  return stmt;
}

void Database::keep_prepared(sqlite3_stmt* stmt) {
  // Statements built with literal values (a LIMIT) vary without end: keep a bounded few.
  constexpr std::size_t kMaxKept = 64;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (prepared_.size() < kMaxKept && prepared_.emplace(sqlite3_sql(stmt), stmt).second) return;
  sqlite3_finalize(stmt);
}

void Database::exec(std::string_view sql) {
  if (pg_) return pg_->exec(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw DatabaseError(fmt::format("{}: {}", path_, text), damaged(db_));
  }
}

std::string Database::json_field(std::string_view column, std::string_view key) const {
  if (pg_) return fmt::format("({}::jsonb ->> '{}')", column, key);
  return fmt::format("json_extract({}, '$.{}')", column, key);
}

std::string Database::indexed_by(std::string_view index) const {
  return pg_ ? std::string() : fmt::format(" INDEXED BY {}", index);
}

std::string Database::position_of(std::string_view haystack, std::string_view needle) const {
  return fmt::format("{}({}, {})", pg_ ? "strpos" : "instr", haystack, needle);
}

int Database::changes() const {
  if (pg_) return pg_->changes();
  return sqlite3_changes(db_);
}

Statement::Statement(Database& db, std::string_view sql, Rows rows) : db_(db) {
  if (db.pg()) {
    pg_ = std::make_unique<detail::PgStatement>(*db.pg(), sql, rows == Rows::in_batches);
    return;
  }
  stmt_ = db.take_prepared(sql);
}

Statement::~Statement() {
  if (stmt_) db_.keep_prepared(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (pg_) {
    pg_->bind_int64(index, value);
    return *this;
  }
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) raise(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (pg_) {
    pg_->bind_double(index, value);
    return *this;
  }
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) raise(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (pg_) {
    pg_->bind_text(index, value);
    return *this;
  }
  if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK)
    raise(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view value) {
  if (pg_) {
    pg_->bind_text(index, value);
    return *this;
  }
  if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8) !=
      SQLITE_OK)
    raise(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::span<const std::uint8_t> blob) {
  if (pg_) {
    pg_->bind_blob(index, blob);
    return *this;
  }
  if (sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    raise(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (pg_) {
    pg_->bind_null(index);
    return *this;
  }
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) raise(db_.handle(), "bind");
  return *this;
}

bool Statement::step() {
  if (pg_) return pg_->step();
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  raise(db_.handle(), db_.path());
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  if (pg_) return pg_->reset();
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  if (pg_) return pg_->is_null(column);
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::int64(int column) const {
  if (pg_) return pg_->int64(column);
  return sqlite3_column_int64(stmt_, column);
}
double Statement::real(int column) const {
  if (pg_) return pg_->real(column);
  return sqlite3_column_double(stmt_, column);
}

std::string_view Statement::text(int column) const {
  if (pg_) return pg_->text(column);
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string_view();
}

std::span<const std::uint8_t> Statement::blob(int column) const {
  if (pg_) return pg_->blob(column);
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

int Statement::columns() const {
  if (pg_) return pg_->columns();
  return sqlite3_column_count(stmt_);
}

std::string Statement::canonical(int column) const {
  if (pg_) return pg_->canonical(column);
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return "\x01null";
    case SQLITE_INTEGER:
      return std::to_string(int64(column));
    case SQLITE_FLOAT:
      return fmt::format("{}", real(column));
    case SQLITE_BLOB:
      return to_hex(blob(column));
    default:
      return std::string(text(column));
  }
}

// Any constant works as the lock's key, so long as every vigil uses the same one.
constexpr std::int64_t kWorkspaceWriteLock = 0x76696769'6c000001;

Transaction::Transaction(Database& db) : db_(db), depth_(db.transactions_open_) {
  if (db_.read_only())
    throw ReadOnlyWorkspace(fmt::format("{}: the workspace is read-only ({}); nothing was changed",
                                        db_.path(), db_.read_only_reason()));
  if (depth_ > 0) {
    db_.exec(fmt::format("SAVEPOINT vigil_{}", depth_));
  } else if (db_.postgresql()) {
    db_.exec(fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", kWorkspaceWriteLock));
  } else {
    db_.exec("BEGIN IMMEDIATE");
  }
  ++db_.transactions_open_;
}

Transaction::~Transaction() {
  if (!open_) return;
  --db_.transactions_open_;
  try {
    if (depth_ > 0)
      db_.exec(fmt::format("ROLLBACK TO SAVEPOINT vigil_{0}; RELEASE SAVEPOINT vigil_{0}", depth_));
    else
      db_.exec("ROLLBACK");
  } catch (...) {  // a failed rollback leaves SQLite to recover from its journal
  }
}

void Transaction::commit() {
  db_.exec(depth_ > 0 ? fmt::format("RELEASE SAVEPOINT vigil_{}", depth_) : "COMMIT");
  open_ = false;
  --db_.transactions_open_;
}

}  // namespace vigil::store
