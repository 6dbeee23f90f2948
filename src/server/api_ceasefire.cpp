// /api/v1/lines, /api/v1/zones, /api/v1/sectors and /api/v1/coverage: the line of contact by
// date, the settlement's zones and sectors around it, and who watched which stretch.
#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/zone_geometry.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/report/workspace_coverage.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/sensor_store.hpp"

namespace vigil::server::detail {
namespace {

nlohmann::json version_json(const store::LineVersion& v) {
  return {{"name", v.name},
          {"valid_from", v.valid_from},
          {"method", v.method},
          {"length_km", std::round(v.length_m / 100) / 10},
          {"imported_at", format_rfc3339(v.imported_at)},
          {"source", v.source}};
}

// The settlement in force with the version of its line in force on `date`: which one, and
// a classifier over them. Both never change once stored, so a classifier (seconds to build
// for a long line) is kept per server for the last few asked for.
struct InForce {
  std::string key;  // settlement id, line name, version
  std::shared_ptr<const ceasefire::Classifier> classifier;
};

InForce in_force(Call& call, const std::string& date) {
  const auto settlement = store::current_settlement_id(call.ws);
  if (!settlement)
    throw ApiError(404, "no settlement: the zones were never built (vigil zones build)");
  std::string valid_from;
  try {
    valid_from = store::line_version(call.ws, settlement->second, date).valid_from;
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  }
  InForce out{fmt::format("{}:{}:{}", settlement->first, settlement->second, valid_from), nullptr};
  static std::mutex mutex;
  static std::vector<InForce> kept;
  {
    std::lock_guard lock(mutex);
    for (const auto& k : kept)
      if (k.key == out.key) return k;
  }
  auto settled = store::current_settlement(call.ws);
  try {
    auto [version, line] = store::load_line(call.ws, settled->line, valid_from);
    out.classifier = std::make_shared<const ceasefire::Classifier>(
        std::move(line), std::move(settled->settlement),
        settled->regions ? &*settled->regions : nullptr);
  } catch (const store::LineError& e) {
    throw ApiError(404, e.what());
  }
  std::lock_guard lock(mutex);
  if (kept.size() >= 4) kept.erase(kept.begin());
  kept.push_back(out);
  return out;
}

nlohmann::json line_string(const std::vector<geo::LatLon>& points) {
  nlohmann::json coordinates = nlohmann::json::array();
  for (const auto& p : points)
    coordinates.push_back({p.lon, p.lat});
  return coordinates;
}

}  // namespace

bool is_date(std::string_view text) {
  return text.size() == 10 && parse_rfc3339(std::string(text) + "T00:00:00Z");
}

std::string date_parameter(const Call& call, bool required) {
  const auto date = call.query.text("date");
  if (!date) {
    if (required) throw ApiError(400, "parameter 'date': required (YYYY-MM-DD)", "date");
    return {};
  }
  if (!is_date(*date)) throw ApiError(400, "parameter 'date': must be YYYY-MM-DD", "date");
  return *date;
}

std::shared_ptr<const ceasefire::Classifier> kept_classifier(Call& call, const std::string& date) {
  try {
    return in_force(call, date).classifier;
  } catch (const ApiError&) {
    return nullptr;
  }
}

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
  const auto settled = in_force(call, date);
  // Line versions and settlement builds never change: their zones are computed once.
  const auto key = "zones:" + settled.key;
  if (auto cached = call.cache.find(key)) return *cached;
  ApiResponse response{
      200, "application/geo+json", ceasefire::zone_features(*settled.classifier).dump(), {}};
  call.cache.store(key, response);
  return response;
}

ApiResponse get_sectors(Call& call) {
  call.query.allow({"date"});
  const auto settled = in_force(call, date_parameter(call, false));
  const auto key = "sectors:" + settled.key;
  if (auto cached = call.cache.find(key)) return *cached;
  const auto& classifier = *settled.classifier;
  nlohmann::json features = nlohmann::json::array();
  const auto lines = classifier.sector_lines();
  for (std::size_t s = 0; s < lines.size(); ++s) {
    if (lines[s].empty()) continue;  // a region the line does not run through
    nlohmann::json parts = nlohmann::json::array();
    double length_m = 0;
    for (const auto& stretch : lines[s]) {
      parts.push_back(line_string(stretch));
      for (std::size_t i = 1; i < stretch.size(); ++i)
        length_m += geo::distance_m(stretch[i - 1], stretch[i]);
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "MultiLineString"}, {"coordinates", parts}}},
                        {"properties",
                         {{"role", "sector"},
                          {"sector", classifier.sectors()[s]},
                          {"index", s},
                          {"length_km", std::round(length_m / 100) / 10}}}});
  }
  ApiResponse response{200,
                       "application/geo+json",
                       nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump(),
                       {}};
  call.cache.store(key, response);
  return response;
}

ApiResponse get_coverage(Call& call) {
  call.query.allow({"date", "hours"});
  const auto date = date_parameter(call, true);
  const double hours = call.query.number("hours", 1, 24 * 31).value_or(24);
  const auto sensors = store::current_sensors(call.ws);
  if (!sensors) throw ApiError(404, "no sensors declared (vigil sensors declare)");
  const auto settled = in_force(call, date);
  const Timestamp from = *parse_rfc3339(date + "T00:00:00Z");
  const Timestamp to = from + static_cast<Timestamp>(hours * 3.6e9);
  const auto c =
      report::workspace_coverage(call.ws, *settled.classifier, sensors->sensors, from, to);
  nlohmann::json gaps = nlohmann::json::array();
  for (const auto& g : c.unobserved)
    gaps.push_back({{"type", "Feature"},
                    {"geometry",
                     {{"type", "Point"},
                      {"coordinates", {(g.from.lon + g.to.lon) / 2, (g.from.lat + g.to.lat) / 2}}}},
                    {"properties",
                     {{"sector", g.sector},
                      {"from", {g.from.lon, g.from.lat}},
                      {"to", {g.to.lon, g.to.lat}},
                      {"length_km", g.length_m / 1000}}}});
  nlohmann::json pieces = nlohmann::json::array();
  for (const auto& [a, b] : c.unobserved_pieces)
    pieces.push_back(line_string({a, b}));
  auto out = report::coverage_summary_json(c);
  out["date"] = date;
  out["hours"] = hours;
  out["unobserved"] = {{"type", "FeatureCollection"}, {"features", gaps}};
  out["unobserved_line"] = {{"type", "Feature"},
                            {"geometry", {{"type", "MultiLineString"}, {"coordinates", pieces}}},
                            {"properties", {{"role", "unobserved"}}}};
  out["footprints"] = report::sensor_footprints(call.ws, sensors->sensors, from, to);
  return json_response(200, out);
}

}  // namespace vigil::server::detail
