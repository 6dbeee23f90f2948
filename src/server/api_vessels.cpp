// /api/v1/vessels, /api/v1/vessels/{mmsi}, /api/v1/vessels/{mmsi}/track, /api/v1/risk and
// /api/v1/screening: what the sanctions analyst's vessel page and rankings show.
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/detect/risk.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/view/vessel_view.hpp"

namespace vigil::server::detail {
namespace {

using nlohmann::json;

// `field` names the MMSI's place in errors: "mmsi" for the path, else the parameter.
std::uint32_t parse_mmsi(std::string_view text, std::string_view field) {
  std::uint32_t mmsi = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), mmsi);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() != 9)
    throw ApiError(400, fmt::format("{} '{}': not an MMSI (nine digits)", field, text),
                   std::string(field));
  return mmsi;
}

// Ports and oil terminals for the risk signals, loaded once per server.
const geo::PlaceIndex& places() {
  static const maritime::Geography geography = [] {
    maritime::GeographyOptions where;
    where.no_land = true;
    return maritime::load_geography(where);
  }();
  return geography.places;
}

// Rankings depend on the whole log (incidents, lists, identities: all sealed by log
// records), so one computed at a log head holds until the next record.
std::string head_key(const Call& call, std::string_view what) {
  const auto head = call.ws.head();
  return fmt::format("{}@{}", what, head ? head->seq : 0);
}

const json& risk_ranking(Call& call, json& storage) {
  const auto key = head_key(call, "risk");
  if (const auto cached = call.cache.find(key)) {
    storage = json::parse(cached->body);
    return storage;
  }
  storage = json::array();
  for (const auto& risk : detect::assess_risk(call.ws, places(), detect::RiskWeights{}))
    storage.push_back(view::risk_json(risk));
  call.cache.store(key, {200, "application/json", storage.dump(), {}});
  return storage;
}

json screening_matches(Call& call, const std::vector<std::uint32_t>& only) {
  auto entries = store::current_list_entries(call.ws);
  json matches = json::array();
  if (entries.empty()) return matches;
  const sanctions::Screener screener(std::move(entries));
  for (const auto& vessel : store::known_vessels(call.ws)) {
    if (!only.empty() && std::find(only.begin(), only.end(), vessel.mmsi) == only.end()) continue;
    for (const auto& m : screener.screen(vessel))
      matches.push_back(view::match_json(m));
  }
  return matches;
}

// The listed vessels where they were last heard: one Point per MMSI with its matches' lists
// and bases, for the map. Vessels never heard in a position report have no feature.
ApiResponse listed_positions(Call& call, const json& matches) {
  std::map<std::uint32_t, json> by_mmsi;
  for (const auto& m : matches) {
    auto& p = by_mmsi[m["mmsi"].get<std::uint32_t>()];
    if (p.is_null())
      p = {{"mmsi", m["mmsi"]},
           {"name", m["name"]},
           {"flag", m["flag"]},
           {"lists", json::array()},
           {"bases", json::array()}};
    for (const auto& [field, value] : {std::pair{"lists", m["list"]}, {"bases", m["basis"]}})
      if (std::find(p[field].begin(), p[field].end(), value) == p[field].end())
        p[field].push_back(value);
  }
  json features = json::array();
  for (auto& [mmsi, properties] : by_mmsi) {
    const auto last = store::latest_observation_of(call.ws, fmt::format("mmsi:{}", mmsi));
    if (!last) continue;
    properties["last_seen"] = format_rfc3339(last->time);
    features.push_back({{"type", "Feature"},
                        {"id", fmt::format("{:09}", mmsi)},
                        {"geometry", {{"type", "Point"}, {"coordinates", {last->lon, last->lat}}}},
                        {"properties", std::move(properties)}});
  }
  return {200,
          "application/geo+json",
          json{{"type", "FeatureCollection"}, {"features", features}}.dump(),
          {}};
}

}  // namespace

ApiResponse list_vessels(Call& call) {
  const auto& q = call.query;
  q.allow({"changed", "name", "imo", "limit", "cursor"});
  store::VesselFilter filter;
  if (const auto changed = q.text("changed")) {
    if (*changed != "true" && *changed != "false")
      throw ApiError(400, "parameter 'changed': must be true or false", "changed");
    filter.changed_only = *changed == "true";
  }
  if (const auto name = q.text("name")) filter.name_contains = *name;
  filter.imo = q.text("imo");
  const auto limit = q.integer("limit", call.limits.default_page, 1, call.limits.max_page);
  std::optional<std::uint32_t> after;
  if (const auto cursor = q.text("cursor")) after = parse_mmsi(*cursor, "cursor");
  json vessels = json::array();
  std::optional<std::string> next;
  store::for_each_vessel(call.ws, filter, [&](const store::VesselSummary& v) {
    if (after && v.mmsi <= *after) return true;
    if (static_cast<std::int64_t>(vessels.size()) == limit) {
      next = fmt::format("{:09}", vessels.back()["mmsi"].get<std::uint32_t>());
      return false;
    }
    vessels.push_back(view::vessel_json(v));
    return true;
  });
  return json_response(200, {{"vessels", vessels},
                             {"count", vessels.size()},
                             {"next", next ? json(*next) : json(nullptr)}});
}

ApiResponse get_vessel(Call& call) {
  call.query.allow({});
  const auto mmsi = parse_mmsi(call.path.at(0), "mmsi");
  store::VesselFilter filter;
  filter.mmsis = {mmsi};
  std::optional<json> summary;
  store::for_each_vessel(call.ws, filter, [&](const store::VesselSummary& v) {
    summary = view::vessel_json(v);
    return false;
  });
  if (!summary) throw ApiError(404, fmt::format("no vessel with MMSI {:09}", mmsi));
  const auto runs = store::identity_history(call.ws, {mmsi});
  json out = {{"vessel", *summary}, {"history", view::history_timeline(runs)}};
  // Every MMSI that broadcast this vessel's IMO: a re-flagged ship under its other numbers.
  json holders = json::array();
  if (const auto imo = (*summary)["imo"]; imo.is_string()) {
    const auto mmsis = store::vessels_with(call.ws, vessel::Attribute::imo, imo.get<std::string>());
    for (const auto& row :
         view::imo_holder_rows(store::identity_history(call.ws, mmsis), imo.get<std::string>()))
      holders.push_back(row);
  }
  out["imo_holders"] = std::move(holders);
  out["matches"] = screening_matches(call, {mmsi});
  json storage;
  out["risk"] = nullptr;
  for (const auto& risk : risk_ranking(call, storage))
    if (risk["mmsi"] == mmsi) out["risk"] = risk;
  return json_response(200, out);
}

ApiResponse get_vessel_track(Call& call) {
  const auto& q = call.query;
  q.allow({"from", "to", "limit"});
  const auto mmsi = parse_mmsi(call.path.at(0), "mmsi");
  store::ObservationFilter filter;
  filter.from = q.time("from");
  filter.to = q.time("to");
  filter.kinds = {"position"};
  filter.entities = {fmt::format("mmsi:{}", mmsi)};
  const auto limit = q.integer("limit", 10'000, 1, 100'000);
  filter.limit = limit + 1;
  json coordinates = json::array(), times = json::array(), speeds = json::array();
  bool truncated = false;
  store::for_each_observation(call.ws, filter, [&](const store::StoredObservation& row) {
    if (static_cast<std::int64_t>(coordinates.size()) == limit) {
      truncated = true;
      return false;
    }
    coordinates.push_back({row.obs.lon, row.obs.lat});
    times.push_back(format_rfc3339(row.obs.time));
    const auto speed = row.obs.attributes.find("speed");
    speeds.push_back(speed != row.obs.attributes.end() ? *speed : json(nullptr));
    return true;
  });
  // A LineString needs two positions; one is a Point, none no geometry.
  json geometry = nullptr;
  if (coordinates.size() == 1) geometry = {{"type", "Point"}, {"coordinates", coordinates[0]}};
  if (coordinates.size() > 1) geometry = {{"type", "LineString"}, {"coordinates", coordinates}};
  return {200,
          "application/geo+json",
          json{{"type", "Feature"},
               {"id", fmt::format("{:09}", mmsi)},
               {"geometry", geometry},
               {"properties",
                {{"mmsi", mmsi},
                 {"positions", times.size()},
                 {"times", times},
                 {"speeds", speeds},
                 {"truncated", truncated}}}}
              .dump(),
          {}};
}

ApiResponse list_risk(Call& call) {
  const auto& q = call.query;
  q.allow({"limit", "min_score"});
  const auto limit = q.integer("limit", call.limits.default_page, 1, call.limits.max_page);
  const double min_score = q.number("min_score", 0, 1e6).value_or(0);
  json storage;
  json vessels = json::array();
  for (const auto& risk : risk_ranking(call, storage)) {
    if (static_cast<std::int64_t>(vessels.size()) == limit) break;
    if (risk["score"].get<double>() < min_score) break;  // ranked highest first
    vessels.push_back(risk);
  }
  return json_response(200, {{"vessels", vessels}, {"count", vessels.size()}});
}

ApiResponse list_screening(Call& call) {
  const auto& q = call.query;
  q.allow({"basis", "format"});
  const auto format = q.text("format").value_or("json");
  if (format != "json" && format != "geojson")
    throw ApiError(400, "parameter 'format': must be json or geojson", "format");
  const auto bases = q.list("basis");
  for (const auto& basis : bases)
    if (basis != "imo" && basis != "mmsi" && basis != "name")
      throw ApiError(400, fmt::format("parameter 'basis': '{}' is not imo, mmsi or name", basis),
                     "basis");
  const auto key = head_key(call, "screening");
  json all;
  if (const auto cached = call.cache.find(key)) {
    all = json::parse(cached->body);
  } else {
    all = screening_matches(call, {});
    call.cache.store(key, {200, "application/json", all.dump(), {}});
  }
  json matches = json::array();
  for (auto& m : all)
    if (bases.empty() ||
        std::find(bases.begin(), bases.end(), m["basis"].get<std::string>()) != bases.end())
      matches.push_back(std::move(m));
  if (format == "geojson") return listed_positions(call, matches);
  return json_response(200, {{"matches", matches}, {"count", matches.size()}});
}

}  // namespace vigil::server::detail
