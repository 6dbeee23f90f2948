// /api/v1/incidents: listing (GeoJSON, filtered, paged), detail with evidence and reviews,
// manual incidents and reviews. Observers see confirmed incidents only, without the
// evidence's raw observations.
#include <map>

#include <fmt/format.h>

#include "handlers.hpp"
#include "incident_feature.hpp"
#include "vigil/geo/gazetteer.hpp"
#include "vigil/gis/feature_file.hpp"
#include "vigil/report/palette.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/view/record_views.hpp"

namespace vigil::server::detail {
namespace {

nlohmann::json incident_json(const store::StoredIncident& row) {
  return view::to_json(row.incident, row.status, row.log_seq, row.log_hash);
}

// The object's keys must all be known; the first unknown one is named.
void check_keys(const nlohmann::json& body, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : body.items()) {
    bool found = false;
    for (const auto k : known)
      found = found || k == key;
    if (!found) throw ApiError(400, fmt::format("field '{}': unknown", key.substr(0, 64)), key);
  }
}

std::string string_field(const nlohmann::json& body, std::string_view name, bool required,
                         std::size_t max_size) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw ApiError(400, fmt::format("field '{}': required", name), std::string(name));
    return {};
  }
  if (!it->is_string())
    throw ApiError(400, fmt::format("field '{}': must be a string", name), std::string(name));
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > max_size)
    throw ApiError(400, fmt::format("field '{}': longer than {} bytes", name, max_size),
                   std::string(name));
  return text;
}

double number_field(const nlohmann::json& body, std::string_view name, double fallback, double min,
                    double max, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw ApiError(400, fmt::format("field '{}': required", name), std::string(name));
    return fallback;
  }
  if (!it->is_number() || it->get<double>() < min || it->get<double>() > max)
    throw ApiError(400, fmt::format("field '{}': must be a number in [{}, {}]", name, min, max),
                   std::string(name));
  return it->get<double>();
}

Timestamp time_field(const nlohmann::json& body, std::string_view name, bool required) {
  const auto text = string_field(body, name, required, 64);
  if (text.empty()) return 0;
  const auto t = parse_rfc3339(text);
  if (!t)
    throw ApiError(400, fmt::format("field '{}': not an RFC 3339 date-time", name),
                   std::string(name));
  return *t;
}

std::vector<std::string> strings_field(const nlohmann::json& body, std::string_view name) {
  std::vector<std::string> out;
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 10'000)
    throw ApiError(400, fmt::format("field '{}': must be an array of strings", name),
                   std::string(name));
  for (const auto& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > 256)
      throw ApiError(400, fmt::format("field '{}': must be an array of strings", name),
                     std::string(name));
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

ApiResponse list_incidents(Call& call) {
  const auto& q = call.query;
  q.allow({"bbox", "from", "to", "rule", "status", "entity", "min_confidence", "limit", "cursor"});
  store::IncidentFilter filter;
  filter.bbox = q.bbox("bbox");
  filter.from = q.time("from");
  filter.to = q.time("to");
  filter.rules = q.list("rule");
  filter.statuses = q.list("status");
  for (const auto& status : filter.statuses)
    if (!parse_status(status))
      throw ApiError(400, "parameter 'status': must be open, confirmed or dismissed", "status");
  filter.entities = q.list("entity");
  filter.min_confidence = q.number("min_confidence", 0, 1);
  if (const auto cursor = q.text("cursor")) filter.after = parse_cursor(*cursor);
  const auto limit = q.integer("limit", call.limits.default_page, 1, call.limits.max_page);
  if (is_observer(call)) {
    const bool asked_other =
        !filter.statuses.empty() && std::find(filter.statuses.begin(), filter.statuses.end(),
                                              "confirmed") == filter.statuses.end();
    filter.statuses = {"confirmed"};
    if (asked_other) filter.limit = 0;
  }
  if (!filter.limit) filter.limit = limit + 1;

  std::string body = R"({"type":"FeatureCollection","features":[)";
  std::int64_t count = 0;
  std::optional<std::string> next;
  std::pair<Timestamp, std::string> last;
  // Each feature is spliced from the stored record's text: its properties are the record as
  // listed (the log body, which holds lat, lon and geometry too) with status and log position.
  store::for_each_incident_row(call.ws, filter, [&](const store::IncidentRow& row) {
    if (count == limit) {
      next = make_cursor(last.first, last.second);
      return false;
    }
    if (count > 0) body += ',';
    append_incident_feature(body, row, is_observer(call));
    last = {row.start, std::string(row.id)};
    ++count;
    return true;
  });
  body += fmt::format(R"(],"count":{},"next":{}}})", count,
                      next ? nlohmann::json(*next).dump() : "null");
  return {200, "application/geo+json", std::move(body), {}};
}

ApiResponse get_incident(Call& call) {
  call.query.allow({});
  const auto row = store::find_incident(call.ws, call.path.at(0));
  if (!row || (is_observer(call) && row->status != IncidentStatus::confirmed))
    throw ApiError(404, "no such incident");
  nlohmann::json out = incident_json(*row);
  if (is_observer(call)) out.erase("recorded_by");
  nlohmann::json reviews = nlohmann::json::array();
  for (const auto& review : store::reviews_of(call.ws, row->incident.id)) {
    nlohmann::json r = to_log_body(review);
    if (is_observer(call)) r.erase("by");
    reviews.push_back(std::move(r));
  }
  out["reviews"] = std::move(reviews);
  if (!is_observer(call)) {
    nlohmann::json evidence = nlohmann::json::array();
    for (const auto& id : row->incident.evidence)
      if (const auto obs = store::find_observation(call.ws, id)) {
        auto report = view::to_json(*obs);
        // Where the report put it, in words (the gazetteer); a view, not part of the record.
        if (const auto place = geo::place_text({obs->lat, obs->lon})) report["place"] = *place;
        evidence.push_back(std::move(report));
      }
    out["evidence_observations"] = std::move(evidence);
  }
  return json_response(200, out);
}

// The incidents a reader has in view (the dashboard's filtered list), as a file for GIS
// tools: {"format": "gpkg" | "kml" | "kmz" | "csv", "ids": [...]}. Every id must be one the
// caller may see (observers: confirmed incidents); the file holds them in the order given.
gis::FileFormat export_format(const std::string& name, const char* where) {
  static const std::map<std::string, gis::FileFormat> formats = {
      {"gpkg", gis::FileFormat::geopackage},
      {"kml", gis::FileFormat::kml},
      {"kmz", gis::FileFormat::kmz},
      {"csv", gis::FileFormat::csv}};
  const auto format = formats.find(name);
  if (format == formats.end())
    throw ApiError(400, fmt::format("{} 'format': must be gpkg, kml, kmz or csv", where), "format");
  return format->second;
}

ApiResponse export_response(gis::FileFormat format, const gis::Layer& layer) {
  ApiResponse response;
  response.content_type = gis::media_type(format);
  response.body = gis::feature_file_bytes(format, layer);
  response.headers.emplace_back(
      "Content-Disposition",
      fmt::format("attachment; filename=\"{}.{}\"", layer.name, gis::extension(format)));
  return response;
}

ApiResponse export_incidents(Call& call) {
  call.query.allow({});
  const auto body = body_object(call);
  check_keys(body, {"format", "ids"});
  const auto format = export_format(string_field(body, "format", true, 8), "field");
  const auto ids = strings_field(body, "ids");  // at most 10,000
  if (ids.empty()) throw ApiError(400, "field 'ids': name at least one incident", "ids");
  gis::Layer layer{"incidents", {}, {}};
  for (const auto& id : ids) {
    const auto row = store::find_incident(call.ws, id);
    if (!row || (is_observer(call) && row->status != IncidentStatus::confirmed))
      throw ApiError(404, fmt::format("no such incident: {}", id.substr(0, 64)), "ids");
    auto record = incident_json(*row);
    if (is_observer(call)) record.erase("recorded_by");
    const auto& place = record["place"];
    layer.titles.push_back(report::rule_label(row->incident.rule) +
                           (place.is_string() ? ", " + place.get<std::string>() : ""));
    layer.records.push_back(std::move(record));
  }
  return export_response(format, layer);
}

ApiResponse add_incident(Call& call) {
  call.query.allow({});
  const auto body = body_object(call);
  check_keys(body, {"rule", "start", "end", "lat", "lon", "severity", "confidence", "entities",
                    "evidence", "note", "attributes"});
  Incident incident;
  incident.rule = string_field(body, "rule", false, 128);
  if (incident.rule.empty()) incident.rule = "manual";
  incident.start = time_field(body, "start", true);
  incident.end = body.contains("end") ? time_field(body, "end", true) : incident.start;
  incident.lat = number_field(body, "lat", 0, -90, 90, true);
  incident.lon = number_field(body, "lon", 0, -180, 180, true);
  const auto severity = string_field(body, "severity", false, 16);
  if (!severity.empty()) {
    const auto parsed = parse_severity(severity);
    if (!parsed)
      throw ApiError(400, "field 'severity': must be info, low, medium, high or critical",
                     "severity");
    incident.severity = *parsed;
  }
  incident.confidence = number_field(body, "confidence", 1.0, 0, 1, false);
  incident.entities = strings_field(body, "entities");
  incident.evidence = strings_field(body, "evidence");
  if (const auto it = body.find("attributes"); it != body.end()) {
    if (!it->is_object())
      throw ApiError(400, "field 'attributes': must be an object", "attributes");
    incident.attributes = *it;
  }
  incident.attributes["note"] = string_field(body, "note", true, 10'000);
  incident.recorded_by = call.who.label();
  incident.recorded_at = now();
  normalise(incident);
  incident.id = derive_recorded_incident_id(incident);
  store::IncidentWriter writer(call.ws);
  const auto logged = writer.add(std::move(incident));
  writer.commit();
  const auto row = store::find_incident(call.ws, logged.id);
  return json_response(logged.created ? 201 : 200, incident_json(*row));
}

ApiResponse review_incident(Call& call) {
  call.query.allow({});
  const auto body = body_object(call);
  check_keys(body, {"status", "note"});
  Review review;
  review.incident_id = call.path.at(0);
  const auto status = parse_status(string_field(body, "status", true, 16));
  if (!status || *status == IncidentStatus::open)
    throw ApiError(400, "field 'status': must be confirmed or dismissed", "status");
  review.status = *status;
  review.note = string_field(body, "note", true, 10'000);
  review.by = call.who.label();
  review.time = now();
  if (!store::find_incident(call.ws, review.incident_id)) throw ApiError(404, "no such incident");
  store::IncidentWriter writer(call.ws);
  const auto seq = writer.review(review);
  writer.commit();
  nlohmann::json out = to_log_body(review);
  out["log_seq"] = seq;
  return json_response(201, out);
}

}  // namespace vigil::server::detail
