#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace vigil::store {

class DatabaseError : public std::runtime_error {
 public:
  explicit DatabaseError(const std::string& message, bool damaged = false)
      : std::runtime_error(message), damaged_(damaged) {}
  // The file is not a database, or its pages are malformed: altered or broken, not misused.
  bool damaged() const { return damaged_; }

 private:
  bool damaged_;
};

// A write refused because the workspace is open read-only (Database::read_only()): the
// message says why; nothing was changed.
class ReadOnlyWorkspace : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

namespace detail {
class PgConnection;
class PgStatement;
}  // namespace detail

// Where a workspace lives: a SQLite file, or a PostgreSQL database named by a
// postgresql:// (or postgres://) connection URI.
bool is_postgresql_location(std::string_view location);
// The location fit for messages: a URI's password becomes "***".
std::string redacted_location(std::string_view location);

// One connection to a workspace's database, SQLite or PostgreSQL: the store writes its SQL
// once, in the dialect both accept (ON CONFLICT, RETURNING, ? parameters), and asks
// postgresql() where the two differ. Errors become DatabaseError with the message.
class Database {
 public:
  enum class Mode { open_existing, create_new };
  Database(const std::string& location, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  // Rows changed by the last statement run.
  int changes() const;
  bool postgresql() const { return pg_ != nullptr; }
  // SQLite only (nullptr on PostgreSQL).
  sqlite3* handle() const { return db_; }
  detail::PgConnection* pg() const { return pg_.get(); }
  // SQL that differs between the backends: a JSON attribute of a text column as a value,
  // and SQLite's INDEXED BY hint (nothing on PostgreSQL, whose planner takes no hints).
  std::string json_field(std::string_view column, std::string_view key) const;
  std::string indexed_by(std::string_view index) const;
  // Where `needle` first occurs in `haystack`, from 1; 0 when it does not.
  std::string position_of(std::string_view haystack, std::string_view needle) const;
  // The file, or the URI without its password: fit for messages.
  const std::string& path() const { return path_; }
  // This process may read the workspace but not write it (a file without write permission,
  // a read-only mount): a Transaction is refused with a DatabaseError that says so.
  bool read_only() const { return read_only_; }
  // Why, for messages: "a file this process may not write", ...
  const std::string& read_only_reason() const { return read_only_reason_; }

 private:
  friend class Statement;
  friend class Transaction;
  // SQLite: prepared statements kept for reuse, one idle statement per SQL text, so that a
  // connection that runs the same queries again (vigil serve's readers) prepares each once.
  sqlite3_stmt* take_prepared(std::string_view sql);
  void keep_prepared(sqlite3_stmt* stmt);
  void open_read_only();

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> prepared_;
  std::unique_ptr<detail::PgConnection> pg_;
  std::string path_;
  bool read_only_ = false;
  std::string read_only_reason_;
  int transactions_open_ = 0;  // nested Transactions: the outer one begins and commits
};

class Statement {
 public:
  // How a query's rows reach the client: all at once (fine for what fits in memory), or,
  // for scans that may not, in batches through a cursor on PostgreSQL (SQLite always steps
  // row by row). A batched statement runs inside a transaction; outside one it opens a
  // cursor that holds its rows past the implicit commit.
  enum class Rows { all_at_once, in_batches };
  Statement(Database& db, std::string_view sql, Rows rows = Rows::all_at_once);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  // Binds without copying: `value` must stay valid until the statement is reset.
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_static_or_null(int index, const std::optional<std::string>& value) {
    return value ? bind_static(index, *value) : bind_null(index);
  }
  Statement& bind(int index, std::span<const std::uint8_t> blob);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Returns true while a row is available.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string_view text(int column) const;
  std::span<const std::uint8_t> blob(int column) const;

  // For comparisons across backends: the number of columns, and a column's value as text
  // that is equal on both for equal values (integers in decimal, reals in shortest
  // round-trip form, "\x01null" for NULL).
  int columns() const;
  std::string canonical(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  std::unique_ptr<detail::PgStatement> pg_;
  Database& db_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed: a batch either
// lands whole or not at all, whatever kills the process in between. On PostgreSQL the
// transaction first takes the workspace's write lock, so writers take turns as on SQLite
// (the log is a chain: two writers must not append after the same head).
// A transaction on one connection; nested inside another it is a savepoint, so that a caller
// can make several writers' work one transaction (POST /detect: maritime and ceasefire
// rules, all or nothing). Destroyed uncommitted, it rolls back what it wrote.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  int depth_;  // 0: the outer transaction
  bool open_ = true;
};

}  // namespace vigil::store
