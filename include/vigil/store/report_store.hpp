#pragma once

// Daily reports as published: an analyst freezes the day's report (Markdown, HTML, map) as
// it stands; observers read what was published. Each publication is a 'report' log record
// sealing the digests of the three texts, so a published report cannot change unseen.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/core/time.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct ReportTexts {
  std::string markdown, html, svg;
};

struct PublishedReport {
  std::int64_t id = 0;
  std::string date;      // the report's day, YYYY-MM-DD
  std::string note;      // the publisher's words, may be empty
  std::string log_head;  // hash of the log's last record the report was made from
  Timestamp published_at = 0;
  std::string published_by;
  std::int64_t log_seq = 0;  // the 'report' record
  std::string log_hash;
};

PublishedReport publish_report(Workspace& ws, const std::string& date, const ReportTexts& texts,
                               const std::string& log_head, const std::string& note,
                               const std::string& by);

// Newest first; `date` keeps one day's publications.
std::vector<PublishedReport> published_reports(Workspace& ws,
                                               const std::optional<std::string>& date = {});
std::optional<PublishedReport> find_published_report(Workspace& ws, std::int64_t id);
// `format`: "md", "html" or "svg".
std::optional<std::string> published_report_text(Workspace& ws, std::int64_t id,
                                                 std::string_view format);

// The body of the 'report' record that seals published report `id`, recomputed from its row
// as stored (date, note, log head, the three texts' digests, when and by whom), and the log
// seq the row names: `vigil verify` compares both with the record. Nothing when there is no
// such row.
struct PublishedReportSeal {
  std::string body;
  std::int64_t log_seq = 0;
};
std::optional<PublishedReportSeal> published_report_seal(Workspace& ws, std::int64_t id);

// Each published report's 'report' record body, recomputed from its row as stored, against
// the record's; and no row without a record. Counts the reports.
std::optional<SealProblem> check_published_reports(Workspace& ws, const LogRecords& records,
                                                   std::int64_t& reports);

}  // namespace vigil::store
