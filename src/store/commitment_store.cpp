#include "vigil/store/commitment_store.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/core/hash.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {
namespace {

using commitments::DefenceSpending;
using commitments::TableKind;
using commitments::UkraineSupport;
using nlohmann::json;

constexpr std::string_view kLoadColumns =
    "SELECT id, kind, file, rows, warnings, loaded_at, loaded_by, log_seq, content "
    "FROM commitment_loads";

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

std::optional<double> number_or_null(const json& value) {
  return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

// The rows as stored: canonical JSON, so that their digest is the same wherever it is taken.
std::string content_of(const commitments::CommitmentsTable& table) {
  json rows = json::array();
  for (const auto& s : table.spending)
    rows.push_back({{"country", s.country},
                    {"year", s.year},
                    {"pct_gdp", s.pct_gdp},
                    {"estimate", s.estimate},
                    {"line", s.line}});
  for (const auto& s : table.support)
    rows.push_back({{"donor", s.donor},
                    {"eu_member", s.eu_member},
                    {"gdp_usd_bn", optional_number(s.gdp_usd_bn)},
                    {"gdp_year", s.gdp_year},
                    {"financial", s.financial},
                    {"humanitarian", s.humanitarian},
                    {"military", s.military},
                    {"total", s.total},
                    {"eu_share", s.eu_share},
                    {"financial_allocated", optional_number(s.financial_allocated)},
                    {"humanitarian_allocated", optional_number(s.humanitarian_allocated)},
                    {"military_allocated", optional_number(s.military_allocated)},
                    {"total_allocated", optional_number(s.total_allocated)},
                    {"line", s.line}});
  return rows.dump();
}

TableKind kind_of(std::string_view text, std::int64_t id) {
  const auto kind = commitments::parse_table_kind(text);
  if (!kind)
    throw DatabaseError(fmt::format("commitments load {} has an unknown kind '{}'", id, text));
  return *kind;
}

CommitmentsLoad read_load(const Statement& st) {
  CommitmentsLoad load;
  load.id = st.int64(0);
  load.kind = kind_of(st.text(1), load.id);
  load.file = std::string(st.text(2));
  load.rows = st.int64(3);
  load.warnings = st.int64(4);
  load.loaded_at = st.int64(5);
  load.loaded_by = std::string(st.text(6));
  load.log_seq = st.is_null(7) ? 0 : st.int64(7);
  return load;
}

std::string record_body(std::int64_t id, TableKind kind, std::string_view file, std::int64_t rows,
                        std::int64_t warnings, std::string_view content, Timestamp at,
                        std::string_view by) {
  return json{{"load", id},
              {"kind", commitments::to_string(kind)},
              {"file", file},
              {"rows", rows},
              {"warnings", warnings},
              {"digest", to_hex(blake2b_256(content))},
              {"loaded_at", format_rfc3339(at)},
              {"loaded_by", by}}
      .dump();
}

void append_rows(std::string_view content, std::int64_t id, CurrentCommitments& out) {
  json rows;
  try {
    rows = json::parse(content);
  } catch (const json::exception& e) {
    throw DatabaseError(
        fmt::format("commitments load {}: its rows do not parse: {}", id, e.what()));
  }
  for (const auto& r : rows) {
    if (r.contains("country")) {
      out.spending.push_back({r.at("country").get<std::string>(), r.at("year").get<int>(),
                              r.at("pct_gdp").get<double>(), r.at("estimate").get<bool>(),
                              r.at("line").get<std::uint64_t>()});
      continue;
    }
    UkraineSupport s;
    s.donor = r.at("donor").get<std::string>();
    s.eu_member = r.at("eu_member").get<bool>();
    s.gdp_usd_bn = number_or_null(r.at("gdp_usd_bn"));
    s.gdp_year = r.at("gdp_year").get<int>();
    s.financial = r.at("financial").get<double>();
    s.humanitarian = r.at("humanitarian").get<double>();
    s.military = r.at("military").get<double>();
    s.total = r.at("total").get<double>();
    s.eu_share = r.at("eu_share").get<double>();
    s.financial_allocated = number_or_null(r.at("financial_allocated"));
    s.humanitarian_allocated = number_or_null(r.at("humanitarian_allocated"));
    s.military_allocated = number_or_null(r.at("military_allocated"));
    s.total_allocated = number_or_null(r.at("total_allocated"));
    s.line = r.at("line").get<std::uint64_t>();
    out.support.push_back(std::move(s));
  }
}

}  // namespace

CommitmentsLoad store_commitments(Workspace& ws, const std::string& file,
                                  const commitments::CommitmentsTable& table,
                                  const std::string& by) {
  Database& db = ws.db();
  Transaction tx(db);
  CommitmentsLoad load;
  load.kind = table.kind;
  load.file = file;
  load.rows = static_cast<std::int64_t>(table.spending.size() + table.support.size());
  load.warnings = static_cast<std::int64_t>(table.warnings.size());
  load.loaded_at = now();
  load.loaded_by = by;
  load.current = true;
  const std::string content = content_of(table);
  Statement insert(db,
                   "INSERT INTO commitment_loads(kind, file, rows, warnings, loaded_at, "
                   "loaded_by, content) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, std::string(commitments::to_string(load.kind)))
      .bind(2, file)
      .bind(3, load.rows)
      .bind(4, load.warnings)
      .bind(5, load.loaded_at)
      .bind(6, by)
      .bind(7, content)
      .step();
  load.id = insert.int64(0);
  insert.reset();
  const auto record = ws.append(
      std::string(ledger::kCommitmentsRecord), fmt::format("commitments:{}", load.id),
      record_body(load.id, load.kind, file, load.rows, load.warnings, content, load.loaded_at, by));
  Statement(db, "UPDATE commitment_loads SET log_seq = ? WHERE id = ?")
      .bind(1, record.seq)
      .bind(2, load.id)
      .run();
  load.log_seq = record.seq;
  ws.seal();
  tx.commit();
  return load;
}

std::vector<CommitmentsLoad> commitments_loads(Workspace& ws) {
  Statement st(ws.db(), std::string(kLoadColumns) + " ORDER BY id");
  std::vector<CommitmentsLoad> out;
  std::map<TableKind, std::size_t> newest;
  while (st.step()) {
    out.push_back(read_load(st));
    newest[out.back().kind] = out.size() - 1;
  }
  for (const auto& [kind, index] : newest)
    out[index].current = true;
  return out;
}

CurrentCommitments current_commitments(Workspace& ws) {
  CurrentCommitments out;
  Statement st(ws.db(), std::string(kLoadColumns) +
                            " WHERE id IN (SELECT max(id) FROM commitment_loads GROUP BY kind) "
                            "ORDER BY id");
  while (st.step()) {
    auto load = read_load(st);
    load.current = true;
    append_rows(st.text(8), load.id, out);
    out.loads.push_back(std::move(load));
  }
  return out;
}

std::optional<SealProblem> check_commitments_loads(Workspace& ws, const LogRecords& records,
                                                   std::int64_t& loads) {
  Statement row(ws.db(), std::string(kLoadColumns) + " WHERE id = ?");
  for (const auto& r : records) {
    if (r.kind != ledger::kCommitmentsRecord) continue;
    const auto body = json::parse(r.body);
    const auto id = body.at("load").get<std::int64_t>();
    row.reset();
    row.bind(1, id);
    std::optional<std::string> stored;
    std::int64_t seq = 0;
    if (row.step()) {
      const auto kind = commitments::parse_table_kind(row.text(1));
      if (kind)
        stored = record_body(id, *kind, row.text(2), row.int64(3), row.int64(4), row.text(8),
                             row.int64(5), row.text(6));
      seq = row.is_null(7) ? 0 : row.int64(7);
    }
    if (!stored || *stored != body.dump() || seq != r.seq)
      return SealProblem{
          r.seq, fmt::format("commitments load {} (log record {}, {}) was {}", id, r.seq,
                             body.value("file", std::string()), stored ? "changed" : "deleted")};
    ++loads;
  }
  return check_row_count(ws.db(), "commitment_loads", loads);
}

}  // namespace vigil::store
