#include "vigil/store/report_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/core/hash.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {
namespace {

constexpr std::string_view kReportColumns =
    "SELECT p.id, p.date, p.note, p.log_head, p.published_at, p.published_by, p.log_seq, l.hash "
    "FROM published_reports p JOIN log_records l ON l.seq = p.log_seq";

PublishedReport read_report(const Statement& st) {
  return {st.int64(0),
          std::string(st.text(1)),
          std::string(st.text(2)),
          std::string(st.text(3)),
          st.int64(4),
          std::string(st.text(5)),
          st.int64(6),
          std::string(st.text(7))};
}

nlohmann::json digests_of(std::string_view markdown, std::string_view html, std::string_view svg) {
  return {{"markdown", to_hex(blake2b_256(markdown))},
          {"html", to_hex(blake2b_256(html))},
          {"svg", to_hex(blake2b_256(svg))}};
}

std::string report_record_body(std::int64_t id, std::string_view date, std::string_view note,
                               std::string_view log_head, const ReportTexts& texts, Timestamp at,
                               std::string_view by) {
  return nlohmann::json{{"report", id},
                        {"date", date},
                        {"note", note},
                        {"log_head", log_head},
                        {"digests", digests_of(texts.markdown, texts.html, texts.svg)},
                        {"published_at", format_rfc3339(at)},
                        {"published_by", by}}
      .dump();
}

}  // namespace

PublishedReport publish_report(Workspace& ws, const std::string& date, const ReportTexts& texts,
                               const std::string& log_head, const std::string& note,
                               const std::string& by) {
  Database& db = ws.db();
  Transaction tx(db);
  const Timestamp at = now();
  Statement insert(db,
                   "INSERT INTO published_reports(date, note, log_head, markdown, html, svg, "
                   "published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, date)
      .bind(2, note)
      .bind(3, log_head)
      .bind(4, texts.markdown)
      .bind(5, texts.html)
      .bind(6, texts.svg)
      .bind(7, at)
      .bind(8, by)
      .step();
  const std::int64_t id = insert.int64(0);
  insert.reset();
  const auto record = ws.append(std::string(ledger::kReportRecord), fmt::format("report:{}", id),
                                report_record_body(id, date, note, log_head, texts, at, by));
  Statement(db, "UPDATE published_reports SET log_seq = ? WHERE id = ?")
      .bind(1, record.seq)
      .bind(2, id)
      .run();
  ws.seal();
  tx.commit();
  return {id, date, note, log_head, at, by, record.seq, record.hash};
}

std::vector<PublishedReport> published_reports(Workspace& ws,
                                               const std::optional<std::string>& date) {
  Statement st(ws.db(), std::string(kReportColumns) + (date ? " WHERE p.date = ?" : "") +
                            " ORDER BY p.id DESC");
  if (date) st.bind(1, *date);
  std::vector<PublishedReport> out;
  while (st.step())
    out.push_back(read_report(st));
  return out;
}

std::optional<PublishedReport> find_published_report(Workspace& ws, std::int64_t id) {
  Statement st(ws.db(), std::string(kReportColumns) + " WHERE p.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_report(st);
}

std::optional<std::string> published_report_text(Workspace& ws, std::int64_t id,
                                                 std::string_view format) {
  const std::string_view column = format == "md"     ? "markdown"
                                  : format == "html" ? "html"
                                  : format == "svg"  ? "svg"
                                                     : "";
  if (column.empty()) return std::nullopt;
  Statement st(ws.db(), fmt::format("SELECT {} FROM published_reports WHERE id = ?", column));
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return std::string(st.text(0));
}

std::optional<PublishedReportSeal> published_report_seal(Workspace& ws, std::int64_t id) {
  Statement st(ws.db(),
               "SELECT date, note, log_head, markdown, html, svg, published_at, published_by, "
               "log_seq FROM published_reports WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  const ReportTexts texts{std::string(st.text(3)), std::string(st.text(4)),
                          std::string(st.text(5))};
  return PublishedReportSeal{
      report_record_body(id, st.text(0), st.text(1), st.text(2), texts, st.int64(6), st.text(7)),
      st.is_null(8) ? 0 : st.int64(8)};
}

std::optional<SealProblem> check_published_reports(Workspace& ws, const LogRecords& records,
                                                   std::int64_t& reports) {
  for (const auto& r : records) {
    if (r.kind != ledger::kReportRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at("report").get<std::int64_t>();
    const auto seal = published_report_seal(ws, id);
    if (!seal || seal->body != body.dump() || seal->log_seq != r.seq)
      return SealProblem{r.seq, fmt::format("published report {} (log record {}) was {}", id, r.seq,
                                            seal ? "changed" : "deleted")};
    ++reports;
  }
  return check_row_count(ws.db(), "published_reports", reports);
}

}  // namespace vigil::store
