#include "postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "vigil/core/hash.hpp"

namespace vigil::store::detail {
namespace {

// Type oids from PostgreSQL's pg_type.dat (stable across releases).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25,
              kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

std::string first_line(const char* message) {
  std::string text = message ? message : "unknown error";
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

[[noreturn]] void raise_result(const PgConnection& connection, pg_result* result,
                               std::string_view sql) {
  std::string message = first_line(PQresultErrorMessage(result));
  if (message.empty()) message = first_line(PQerrorMessage(connection.handle()));
  PQclear(result);
  std::string shown(sql.substr(0, 80));
  for (char& c : shown)
    if (c == '\n') c = ' ';
  throw DatabaseError(fmt::format("{}: {} (in \"{}\")", connection.display(), message, shown));
}

void check(const PgConnection& connection, pg_result* result, std::string_view sql) {
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    raise_result(connection, result, sql);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string redact_uri(std::string_view uri) {
  std::string out(uri);
  // postgresql://user:password@host
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=secret&...
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    const auto start = pos + std::strlen("password=");
    const auto end = out.find('&', start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
  }
  return out;
}

std::string to_postgresql_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
      ++j;
    if (j > i + 1) {
      int n = 0;
      std::from_chars(sql.data() + i + 1, sql.data() + j, n);
      next = std::max(next, n);
      out += '$';
      out.append(sql.substr(i + 1, j - i - 1));
      i = j - 1;
    } else {
      out += '$';
      out += std::to_string(++next);
    }
  }
  return out;
}

PgConnection::PgConnection(const std::string& uri) : display_(redact_uri(uri)) {
  conn_ = PQconnectdb(uri.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = conn_ ? first_line(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw DatabaseError(fmt::format("{}: cannot connect: {}", display_, message));
  }
  // Notices ("relation already exists, skipping") are not errors; vigil reports its own.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

void PgConnection::exec(std::string_view sql) {
  pg_result* result = PQexec(conn_, std::string(sql).c_str());
  check(*this, result, sql);
  const char* tuples = PQcmdTuples(result);
  changes_ = tuples && *tuples ? std::atoi(tuples) : 0;
  PQclear(result);
}

PgStatement::PgStatement(PgConnection& connection, std::string_view sql, bool batched)
    : connection_(connection), sql_(to_postgresql_parameters(sql)), batched_(batched) {
  // The parameter count is the highest $N, which the rewrite has just produced.
  int count = 0;
  for (std::size_t i = 0; i < sql_.size(); ++i)
    if (sql_[i] == '$' && i + 1 < sql_.size() && sql_[i + 1] >= '0' && sql_[i + 1] <= '9') {
      int n = 0;
      std::from_chars(sql_.data() + i + 1, sql_.data() + sql_.size(), n);
      count = std::max(count, n);
    }
  parameters_.resize(static_cast<std::size_t>(count));
}

PgStatement::~PgStatement() {
  PQclear(result_);
  if (!cursor_.empty()) PQclear(PQexec(connection_.handle(), ("CLOSE " + cursor_).c_str()));
  if (!name_.empty()) PQclear(PQexec(connection_.handle(), ("DEALLOCATE " + name_).c_str()));
}

// The parameters as libpq's parallel arrays, pointing into the parameters' strings.
struct PgStatement::Arrays {
  explicit Arrays(const std::vector<Parameter>& parameters)
      : values(parameters.size()),
        lengths(parameters.size()),
        formats(parameters.size()),
        types(parameters.size()) {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const auto& p = parameters[i];
      values[i] = p.null ? nullptr : p.value.c_str();
      lengths[i] = static_cast<int>(p.value.size());
      formats[i] = p.binary ? 1 : 0;
      types[i] = p.null ? 0 : p.type;
    }
  }
  int count() const { return static_cast<int>(values.size()); }
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  std::vector<Oid> types;
};

PgStatement::Parameter& PgStatement::parameter(int index) {
  if (index < 1 || static_cast<std::size_t>(index) > parameters_.size())
    throw DatabaseError(fmt::format("{}: bind: parameter {} is out of range (the statement has {})",
                                    connection_.display(), index, parameters_.size()));
  return parameters_[static_cast<std::size_t>(index - 1)];
}

void PgStatement::bind_int64(int index, std::int64_t value) {
  auto& p = parameter(index);
  p = {kInt8, false, false, std::to_string(value)};
}

void PgStatement::bind_double(int index, double value) {
  auto& p = parameter(index);
  p = {kFloat8, false, false, fmt::format("{}", value)};
}

void PgStatement::bind_text(int index, std::string_view value) {
  auto& p = parameter(index);
  p.type = kText;
  p.null = false;
  p.binary = false;
  p.value.assign(value);
}

void PgStatement::bind_blob(int index, std::span<const std::uint8_t> value) {
  auto& p = parameter(index);
  p.type = kBytea;
  p.null = false;
  p.binary = true;
  p.value.assign(reinterpret_cast<const char*>(value.data()), value.size());
}

void PgStatement::bind_null(int index) {
  auto& p = parameter(index);
  p.null = true;
  p.value.clear();
}

void PgStatement::execute() {
  const Arrays a(parameters_);
  const int count = a.count();
  if (executions_ == 0) {
    result_ = PQexecParams(connection_.handle(), sql_.c_str(), count, a.types.data(),
                           a.values.data(), a.lengths.data(), a.formats.data(), 0);
  } else {
    if (name_.empty()) {
      auto name = connection_.next_statement_name();
      pg_result* prepared =
          PQprepare(connection_.handle(), name.c_str(), sql_.c_str(), count, a.types.data());
      check(connection_, prepared, sql_);
      PQclear(prepared);
      name_ = std::move(name);
    }
    result_ = PQexecPrepared(connection_.handle(), name_.c_str(), count, a.values.data(),
                             a.lengths.data(), a.formats.data(), 0);
  }
  ++executions_;
  const auto status = PQresultStatus(result_);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    pg_result* failed = result_;
    result_ = nullptr;
    raise_result(connection_, failed, sql_);
  }
  const char* tuples = PQcmdTuples(result_);
  connection_.set_changes(tuples && *tuples ? std::atoi(tuples) : 0);
  rows_ = PQntuples(result_);
  row_ = -1;
  executed_ = true;
}

void PgStatement::open_cursor() {
  const Arrays a(parameters_);
  // Outside a transaction the cursor must outlive the implicit commit of its DECLARE.
  const bool in_transaction = PQtransactionStatus(connection_.handle()) != PQTRANS_IDLE;
  auto name = connection_.next_cursor_name();
  const std::string declare = fmt::format("DECLARE {} NO SCROLL CURSOR{} FOR {}", name,
                                          in_transaction ? "" : " WITH HOLD", sql_);
  pg_result* declared =
      PQexecParams(connection_.handle(), declare.c_str(), static_cast<int>(parameters_.size()),
                   a.types.data(), a.values.data(), a.lengths.data(), a.formats.data(), 0);
  check(connection_, declared, sql_);
  PQclear(declared);
  cursor_ = std::move(name);
  executed_ = true;
}

bool PgStatement::fetch() {
  PQclear(result_);
  result_ = PQexec(connection_.handle(),
                   fmt::format("FETCH FORWARD {} FROM {}", kBatchRows, cursor_).c_str());
  const auto status = PQresultStatus(result_);
  if (status != PGRES_TUPLES_OK) {
    pg_result* failed = result_;
    result_ = nullptr;
    raise_result(connection_, failed, sql_);
  }
  rows_ = PQntuples(result_);
  row_ = 0;
  return rows_ > 0;
}

void PgStatement::close_cursor() {
  if (cursor_.empty()) return;
  PQclear(PQexec(connection_.handle(), ("CLOSE " + cursor_).c_str()));
  cursor_.clear();
}

bool PgStatement::step() {
  if (batched_) {
    if (!executed_) {
      open_cursor();
      return fetch();
    }
    if (row_ + 1 < rows_) {
      ++row_;
      return true;
    }
    if (rows_ < kBatchRows) return false;  // the last batch was short: no more rows
    return fetch();
  }
  if (!executed_) execute();
  if (row_ < rows_) ++row_;
  return row_ < rows_;
}

void PgStatement::reset() {
  close_cursor();
  PQclear(result_);
  result_ = nullptr;
  executed_ = false;
  row_ = -1;
  rows_ = 0;
  for (auto& p : parameters_) {
    p.null = true;
    p.value.clear();
  }
}

bool PgStatement::is_null(int column) const {
  return !result_ || row_ < 0 || row_ >= rows_ || PQgetisnull(result_, row_, column);
}

std::string_view PgStatement::text(int column) const {
  if (is_null(column)) return {};
  return {PQgetvalue(result_, row_, column),
          static_cast<std::size_t>(PQgetlength(result_, row_, column))};
}

std::int64_t PgStatement::int64(int column) const {
  const auto value = text(column);
  if (value.empty()) return 0;
  if (value == "t") return 1;
  if (value == "f") return 0;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec == std::errc() && end == value.data() + value.size()) return n;
  return static_cast<std::int64_t>(real(column));  // numeric with a fraction, as SQLite casts
}

double PgStatement::real(int column) const {
  const auto value = text(column);
  if (value.empty()) return 0;
  double d = 0;
  std::from_chars(value.data(), value.data() + value.size(), d);
  return d;
}

std::span<const std::uint8_t> PgStatement::blob(int column) const {
  const auto value = text(column);
  blob_.clear();
  // bytea's text output is "\x" and two hex digits per byte.
  if (value.size() >= 2 && value[0] == '\\' && value[1] == 'x') {
    for (std::size_t i = 2; i + 1 < value.size(); i += 2) {
      const int hi = hex_value(value[i]), lo = hex_value(value[i + 1]);
      if (hi < 0 || lo < 0) break;
      blob_.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
  } else {
    blob_.assign(value.begin(), value.end());
  }
  return blob_;
}

int PgStatement::columns() const {
  return result_ ? PQnfields(result_) : 0;
}

std::string PgStatement::canonical(int column) const {
  if (is_null(column)) return "\x01null";
  const auto value = text(column);
  switch (PQftype(result_, column)) {
    case kBool:
      return value == "t" ? "1" : "0";
    case kInt2:
    case kInt4:
    case kInt8:
      return std::string(value);
    case kFloat4:
    case kFloat8:
      return fmt::format("{}", real(column));
    case kNumeric:
      return value.find_first_of(".eE") == std::string_view::npos ? std::string(value)
                                                                  : fmt::format("{}", real(column));
    case kBytea:
      return to_hex(blob(column));
    default:
      return std::string(value);
  }
}

}  // namespace vigil::store::detail
