// /api/v1/lines, /api/v1/zones and /api/v1/reports/daily: the line of contact by date, the
// settlement's zones around it, and the daily report.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/zone_geometry.hpp"
#include "vigil/report/daily_report.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::server::detail {
namespace {

// A date parameter (YYYY-MM-DD), or "" for the latest.
std::string date_parameter(const Call& call, bool required) {
  const auto date = call.query.text("date");
  if (!date) {
    if (required) throw ApiError(400, "parameter 'date': required (YYYY-MM-DD)", "date");
    return {};
  }
  if (date->size() != 10 || !parse_rfc3339(*date + "T00:00:00Z"))
    throw ApiError(400, "parameter 'date': must be YYYY-MM-DD", "date");
  return *date;
}

nlohmann::json version_json(const store::LineVersion& v) {
  return {{"name", v.name},
          {"valid_from", v.valid_from},
          {"method", v.method},
          {"length_km", std::round(v.length_m / 100) / 10},
          {"imported_at", format_rfc3339(v.imported_at)},
          {"source", v.source}};
}

}  // namespace

ApiResponse list_lines(Call& call) {
  call.query.allow({});
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : store::line_versions(call.ws))
    versions.push_back(version_json(v));
  return json_response(200, {{"versions", versions}});
}

ApiResponse get_line(Call& call) {
  call.query.allow({"date"});
  const auto date = date_parameter(call, false);
  try {
    const auto [version, line] = store::load_line(call.ws, call.path.at(0), date);
    return {200, "application/geo+json", store::line_geojson(version, line).dump(), {}};
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  }
}

ApiResponse get_zones(Call& call) {
  call.query.allow({"date"});
  const auto date = date_parameter(call, false);
  const auto in_force = store::current_settlement_id(call.ws);
  if (!in_force)
    throw ApiError(404, "no settlement: the zones were never built (vigil zones build)");
  // Line versions and settlement builds never change: their zones are computed once.
  std::string valid_from;
  for (const auto& v : store::line_versions(call.ws))
    if (v.name == in_force->second && (date.empty() || v.valid_from <= date))
      valid_from = std::max(valid_from, v.valid_from);
  if (valid_from.empty())
    throw ApiError(404, fmt::format("line '{}' has no version valid on {}", in_force->second,
                                    date.empty() ? "any date" : date));
  const auto key = fmt::format("zones:{}:{}:{}", in_force->first, in_force->second, valid_from);
  if (auto cached = call.cache.find(key)) return *cached;
  auto settled = store::current_settlement(call.ws);
  try {
    auto [version, line] = store::load_line(call.ws, settled->line, valid_from);
    const ceasefire::Classifier classifier(std::move(line), std::move(settled->settlement),
                                           settled->regions ? &*settled->regions : nullptr);
    ApiResponse response{
        200, "application/geo+json", ceasefire::zone_features(classifier).dump(), {}};
    call.cache.store(key, response);
    return response;
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  }
}

ApiResponse get_daily_report(Call& call) {
  call.query.allow({"date", "format"});
  const auto date = date_parameter(call, true);
  const auto format = call.query.text("format").value_or("html");
  if (format != "html" && format != "md" && format != "svg")
    throw ApiError(400, "parameter 'format': must be html, md or svg", "format");
  report::DailyReport r;
  try {
    r = report::gather_daily_report(call.ws, date);
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  } catch (const std::runtime_error& e) {
    if (!store::current_settlement(call.ws)) throw ApiError(404, e.what());
    throw;
  }
  if (format == "svg") return {200, "image/svg+xml", report::render_map_svg(r), {}};
  if (format == "md")
    return {200, "text/markdown; charset=utf-8", report::render_markdown(r, ""), {}};
  return {200, "text/html; charset=utf-8", report::render_html(r), {}};
}

}  // namespace vigil::server::detail
