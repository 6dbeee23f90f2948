#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace vigil::store {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A thin RAII layer over the SQLite C API: errors become SqliteError with the message.
class Database {
 public:
  enum class Mode { open_existing, create_new };
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
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

 private:
  sqlite3_stmt* stmt_ = nullptr;
  Database& db_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed: a batch either
// lands whole or not at all, whatever kills the process in between.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace vigil::store
