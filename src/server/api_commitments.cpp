// /api/v1/commitments: defence spending against NATO's targets and support to Ukraine, for
// every role: the governments a mission reports to are those asked to pay.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "handlers.hpp"
#include "vigil/report/commitments_report.hpp"

namespace vigil::server::detail {

ApiResponse get_commitments(Call& call) {
  call.query.allow({"year", "format"});
  const auto format_text = call.query.text("format").value_or("json");
  const auto format = report::parse_commitments_format(format_text);
  if (!format || *format == report::CommitmentsFormat::table)
    throw ApiError(400, "parameter 'format': must be json, jsonl, csv, md, html or svg", "format");
  std::optional<int> year;
  if (call.query.text("year")) year = static_cast<int>(call.query.integer("year", 0, 1949, 2100));
  report::CommitmentsReport gathered;
  try {
    gathered = report::gather_commitments_report(call.ws, year);
  } catch (const commitments::CommitmentsError& e) {
    throw ApiError(404, e.what());
  }
  // Observers learn where the figures come from, not which analyst loaded them.
  if (is_observer(call))
    for (auto& source : gathered.sources)
      source.loaded_by.clear();
  if (*format == report::CommitmentsFormat::json)
    return json_response(200, report::commitments_json(gathered));
  auto text = report::render_commitments(gathered, *format);
  switch (*format) {
    case report::CommitmentsFormat::svg:
      return {200, "image/svg+xml", std::move(text), {}};
    case report::CommitmentsFormat::md:
      return {200, "text/markdown; charset=utf-8", std::move(text), {}};
    case report::CommitmentsFormat::html:
      return {200, "text/html; charset=utf-8", std::move(text), {}};
    case report::CommitmentsFormat::csv:
      return {200, "text/csv; charset=utf-8", std::move(text), {}};
    default:
      return {200, "application/x-ndjson", std::move(text), {}};
  }
}

}  // namespace vigil::server::detail
