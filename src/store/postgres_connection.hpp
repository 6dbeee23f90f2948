#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/store/database.hpp"

struct pg_conn;
struct pg_result;

namespace vigil::store::detail {

// A libpq connection. Statements run in the extended protocol with typed parameters; a
// statement that runs a second time is prepared on the server, so one-off queries cost one
// round trip and loops pay the planning once.
class PgConnection {
 public:
  explicit PgConnection(const std::string& uri);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  void exec(std::string_view sql);
  pg_conn* handle() const { return conn_; }
  const std::string& display() const { return display_; }
  int changes() const { return changes_; }
  void set_changes(int n) { changes_ = n; }
  std::string next_statement_name() { return "vigil_s" + std::to_string(++statements_); }
  std::string next_cursor_name() { return "vigil_c" + std::to_string(++statements_); }

 private:
  pg_conn* conn_ = nullptr;
  std::string display_;
  int changes_ = 0;
  std::uint64_t statements_ = 0;
};

// The URI with any password replaced by "***".
std::string redact_uri(std::string_view uri);

// Rewrites ? and ?N parameters (outside quotes) as $N.
std::string to_postgresql_parameters(std::string_view sql);

class PgStatement {
 public:
  // `batched`: rows come through a cursor, kBatchRows at a time.
  PgStatement(PgConnection& connection, std::string_view sql, bool batched = false);
  static constexpr int kBatchRows = 10'000;
  ~PgStatement();
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void bind_int64(int index, std::int64_t value);
  void bind_double(int index, double value);
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::span<const std::uint8_t> value);
  void bind_null(int index);

  bool step();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string_view text(int column) const;
  std::span<const std::uint8_t> blob(int column) const;
  int columns() const;
  std::string canonical(int column) const;

 private:
  struct Parameter {
    unsigned type = 0;  // Oid; 0 lets the server infer it
    bool null = true;
    bool binary = false;
    std::string value;
  };
  struct Arrays;
  Parameter& parameter(int index);
  void execute();
  void open_cursor();
  bool fetch();
  void close_cursor();

  PgConnection& connection_;
  std::string sql_;
  std::string name_;  // set once prepared on the server
  bool batched_ = false;
  std::string cursor_;  // open cursor, when batched
  std::vector<Parameter> parameters_;
  pg_result* result_ = nullptr;
  bool executed_ = false;
  int executions_ = 0;
  int row_ = -1;
  int rows_ = 0;
  mutable std::vector<std::uint8_t> blob_;
};

}  // namespace vigil::store::detail
