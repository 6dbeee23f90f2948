// /api/v1/reports: the daily report as the workspace stands (analysts), and reports as
// published: analysts publish a day's report, frozen; observers read what was published.
#include <charconv>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/report/daily_report.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::server::detail {
namespace {

std::string report_format(const Call& call) {
  const auto format = call.query.text("format").value_or("html");
  if (format != "html" && format != "md" && format != "svg" && format != "pdf")
    throw ApiError(400, "parameter 'format': must be html, md, svg or pdf", "format");
  return format;
}

// The PDF is named for its day, so that a browser saves it as such.
ApiResponse pdf_response(std::string pdf, const std::string& date) {
  return {200,
          "application/pdf",
          std::move(pdf),
          {{"Content-Disposition", fmt::format("inline; filename=\"vigil-report-{}.pdf\"", date)}}};
}

ApiResponse text_response(const std::string& format, std::string text) {
  if (format == "svg") return {200, "image/svg+xml", std::move(text), {}};
  if (format == "md") return {200, "text/markdown; charset=utf-8", std::move(text), {}};
  return {200, "text/html; charset=utf-8", std::move(text), {}};
}

// Runs `make` (which gathers a day's report), turning "there is nothing to report on" into 404.
template <class Make>
auto gathered(Call& call, Make make) {
  try {
    return make();
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  } catch (const std::runtime_error& e) {
    if (!store::current_settlement(call.ws)) throw ApiError(404, e.what());
    throw;
  }
}

nlohmann::json published_json(const store::PublishedReport& p, bool observer) {
  nlohmann::json out = {{"id", p.id},
                        {"date", p.date},
                        {"note", p.note},
                        {"log_head", p.log_head},
                        {"published_at", format_rfc3339(p.published_at)},
                        {"log_seq", p.log_seq},
                        {"log_hash", p.log_hash}};
  if (!observer) out["published_by"] = p.published_by;  // as with reviews: not who, to observers
  return out;
}

std::int64_t report_id(const Call& call) {
  const auto& text = call.path.at(0);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    throw ApiError(404, "no such published report");
  return id;
}

}  // namespace

ApiResponse get_daily_report(Call& call) {
  call.query.allow({"date", "format"});
  const auto date = date_parameter(call, true);
  const auto format = report_format(call);
  const auto r = gathered(call, [&] {
    return report::gather_daily_report(call.ws, date, kept_classifier(call, date));
  });
  if (format == "svg") return text_response(format, report::render_map_svg(r));
  if (format == "pdf") return pdf_response(report::render_pdf(r), date);
  // The map is this endpoint's too: the Markdown links it relative to itself.
  if (format == "md")
    return text_response(format,
                         report::render_markdown(r, fmt::format("?date={}&format=svg", date)));
  return text_response(format, report::render_html(r));
}

ApiResponse publish_report(Call& call) {
  call.query.allow({});
  const auto body = body_object(call);
  for (const auto& [name, value] : body.items())
    if (name != "date" && name != "note")
      throw ApiError(400, fmt::format("field '{}': unknown", name.substr(0, 64)), name);
  const auto date = body.find("date");
  if (date == body.end() || !date->is_string() || !is_date(date->get<std::string>()))
    throw ApiError(400, "field 'date': required, YYYY-MM-DD", "date");
  std::string note;
  if (const auto it = body.find("note"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > 10'000)
      throw ApiError(400, "field 'note': must be a string of at most 10000 bytes", "note");
    note = it->get<std::string>();
  }
  const auto published = gathered(call, [&] {
    const auto day = date->get<std::string>();
    return report::publish_daily_report(call.ws, day, note, call.who.label(),
                                        kept_classifier(call, day));
  });
  return json_response(201, published_json(published, false));
}

ApiResponse list_published_reports(Call& call) {
  call.query.allow({"date"});
  const auto date = date_parameter(call, false);
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& p : store::published_reports(
           call.ws, date.empty() ? std::nullopt : std::optional<std::string>(date)))
    reports.push_back(published_json(p, is_observer(call)));
  return json_response(200, {{"reports", reports}});
}

ApiResponse get_published_report(Call& call) {
  call.query.allow({"format"});
  const auto format = report_format(call);
  const auto id = report_id(call);
  ApiResponse response;
  if (format == "pdf") {
    // Drawn from the frozen Markdown and map the publication's log record seals.
    const auto published = store::find_published_report(call.ws, id);
    auto markdown = store::published_report_text(call.ws, id, "md");
    auto svg = store::published_report_text(call.ws, id, "svg");
    if (!published || !markdown || !svg) throw ApiError(404, "no such published report");
    response = pdf_response(report::render_published_pdf(*markdown, *svg, published->published_at),
                            published->date);
  } else {
    auto text = store::published_report_text(call.ws, id, format);
    if (!text) throw ApiError(404, "no such published report");
    response = text_response(format, std::move(*text));
  }
  // A publication never changes.
  response.headers.emplace_back("Cache-Control", "private, max-age=86400, immutable");
  return response;
}

}  // namespace vigil::server::detail
