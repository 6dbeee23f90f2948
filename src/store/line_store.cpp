#include "vigil/store/line_store.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "column_hash.hpp"
#include "vigil/core/hash.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {
namespace {

using nlohmann::json;

std::string digest_of(std::string_view text) {
  return to_hex(blake2b_256(text));
}

std::optional<std::string> put_geometry(Database& db, const json& geometry) {
  const std::string text = geometry.dump();
  const std::string digest = digest_of(text);
  Statement(db, "INSERT INTO geometries(digest, geojson) VALUES (?, ?) ON CONFLICT DO NOTHING")
      .bind(1, digest)
      .bind(2, text)
      .run();
  return digest;
}

std::string settlement_record_body(std::int64_t id, std::string_view name, std::string_view line,
                                   std::string_view document,
                                   const std::optional<std::string>& regions, Timestamp built_at,
                                   std::string_view by) {
  return json{{"settlement", id},
              {"name", name},
              {"line", line},
              {"document_digest", digest_of(document)},
              {"regions", regions ? json(*regions) : json()},
              {"built_at", format_rfc3339(built_at)},
              {"built_by", by}}
      .dump();
}

geo::GeometryFile get_geometry(Database& db, const std::string& digest, const std::string& what) {
  Statement st(db, "SELECT geojson FROM geometries WHERE digest = ?");
  st.bind(1, digest);
  if (!st.step()) throw LineError(fmt::format("{}: geometry {} is missing", what, digest));
  return geo::parse_geojson_geometry(std::string(st.text(0)), what);
}

LineVersion read_version(const Statement& st) {
  LineVersion v;
  v.name = std::string(st.text(0));
  v.valid_from = std::string(st.text(1));
  v.method = std::string(st.text(2));
  v.source = std::string(st.text(3));
  v.length_m = st.real(4);
  v.imported_at = st.int64(5);
  v.imported_by = std::string(st.text(6));
  return v;
}

constexpr std::string_view kVersionColumns =
    "name, valid_from, method, source, length_m, imported_at, imported_by";

}  // namespace

std::size_t store_line(Workspace& ws, const LineVersion& version,
                       const ceasefire::ContactLine& line) {
  Database& db = ws.db();
  Transaction tx(db);
  {
    Statement exists(db, "SELECT 1 FROM lines WHERE name = ? AND valid_from = ?");
    exists.bind(1, version.name).bind(2, version.valid_from);
    if (exists.step())
      throw LineError(
          fmt::format("line '{}' valid from {} exists already; a version never "
                      "changes (import it with another date)",
                      version.name, version.valid_from));
  }
  std::size_t dropped = 0;
  const auto control_rings = geo::storable_rings(line.control, dropped);
  const auto territory_rings = geo::storable_rings(line.territory, dropped);
  // Each geometry is read back as later commands will read it before anything is sealed.
  const auto stored = [&](const json& geometry, std::string_view what) {
    const auto digest = put_geometry(db, geometry);
    const std::string where =
        fmt::format("line '{}' valid from {}, {}", version.name, version.valid_from, what);
    try {
      (void)get_geometry(db, *digest, where);
    } catch (const geo::GeometryError& e) {
      throw LineError(fmt::format("{}: would not read back as stored ({}); nothing was stored",
                                  where, e.what()));
    }
    return digest;
  };
  const auto parts = stored(geo::to_geojson_lines(line.parts), "line");
  const auto control = control_rings.empty()
                           ? std::nullopt
                           : stored(geo::to_geojson_rings(control_rings), "control area");
  const auto territory = territory_rings.empty()
                             ? std::nullopt
                             : stored(geo::to_geojson_rings(territory_rings), "territory");
  Statement(db,
            "INSERT INTO lines(name, valid_from, method, source, parts, control, territory, "
            "length_m, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, version.name)
      .bind(2, version.valid_from)
      .bind(3, version.method)
      .bind(4, version.source)
      .bind(5, *parts)
      .bind(6, control)
      .bind(7, territory)
      .bind(8, version.length_m)
      .bind(9, version.imported_at)
      .bind(10, version.imported_by)
      .run();
  const json body = {{"name", version.name},
                     {"valid_from", version.valid_from},
                     {"method", version.method},
                     {"source", version.source},
                     {"length_km", std::round(version.length_m / 100) / 10},
                     {"digest", line_digest(ws, version.name, version.valid_from)},
                     {"imported_at", format_rfc3339(version.imported_at)},
                     {"imported_by", version.imported_by}};
  ws.append(std::string(ledger::kLineRecord),
            fmt::format("line:{}@{}", version.name, version.valid_from), body.dump());
  ws.seal();
  tx.commit();
  return dropped;
}

std::vector<LineVersion> line_versions(Workspace& ws) {
  Statement st(ws.db(),
               fmt::format("SELECT {} FROM lines ORDER BY name, valid_from", kVersionColumns));
  std::vector<LineVersion> out;
  while (st.step())
    out.push_back(read_version(st));
  return out;
}

namespace {

// The line a command means: `name`, or with none the only line there is.
std::string line_named(Database& db, const std::string& name) {
  if (!name.empty()) return name;
  Statement names(db, "SELECT DISTINCT name FROM lines ORDER BY name");
  std::vector<std::string> all;
  while (names.step())
    all.emplace_back(names.text(0));
  if (all.empty()) throw LineError("the workspace has no line of contact (vigil line import)");
  if (all.size() > 1)
    throw LineError(fmt::format("the workspace has several lines ({}); name one with --line",
                                fmt::join(all, ", ")));
  return all.front();
}

// The query of a line's version in force on a date (the latest valid_from not after it, the
// latest of all for an empty date): the version's columns, then `more`. Binds: name, date,
// date.
std::string version_in_force_query(std::string_view more) {
  return fmt::format(
      "SELECT {}{} FROM lines WHERE name = ? AND (? = '' OR valid_from <= ?) "
      "ORDER BY valid_from DESC LIMIT 1",
      kVersionColumns, more);
}

// Why `name` has no version in force on `date`, naming the versions it has.
[[noreturn]] void no_version_in_force(Database& db, const std::string& name,
                                      const std::string& date) {
  if (date.empty()) throw LineError(fmt::format("no line named '{}'", name));
  Statement dates(db, "SELECT valid_from FROM lines WHERE name = ? ORDER BY valid_from");
  dates.bind(1, name);
  std::vector<std::string> all;
  while (dates.step())
    all.emplace_back(dates.text(0));
  if (all.empty()) throw LineError(fmt::format("no line named '{}'", name));
  if (all.size() > 8) all.erase(all.begin() + 4, all.end() - 4), all.insert(all.begin() + 4, "...");
  throw LineError(
      fmt::format("line '{}' has no version valid on {}: its versions are valid "
                  "from {}",
                  name, date, fmt::join(all, ", ")));
}

}  // namespace

LineVersion line_version(Workspace& ws, const std::string& name, const std::string& date) {
  Database& db = ws.db();
  const std::string chosen = line_named(db, name);
  Statement st(db, version_in_force_query(""));
  st.bind(1, chosen).bind(2, date).bind(3, date);
  if (!st.step()) no_version_in_force(db, chosen, date);
  return read_version(st);
}

std::pair<LineVersion, ceasefire::ContactLine> load_line(Workspace& ws, const std::string& name,
                                                         const std::string& date) {
  Database& db = ws.db();
  const std::string chosen = line_named(db, name);
  Statement st(db, version_in_force_query(", parts, control, territory"));
  st.bind(1, chosen).bind(2, date).bind(3, date);
  if (!st.step()) no_version_in_force(db, chosen, date);
  LineVersion version = read_version(st);
  const std::string what = fmt::format("line '{}' valid from {}", version.name, version.valid_from);
  ceasefire::ContactLine line;
  line.parts = get_geometry(db, std::string(st.text(7)), what).all_lines();
  if (!st.is_null(8)) line.control = get_geometry(db, std::string(st.text(8)), what).all_rings();
  if (!st.is_null(9)) line.territory = get_geometry(db, std::string(st.text(9)), what).all_rings();
  return {std::move(version), std::move(line)};
}

std::int64_t store_settlement(Workspace& ws, const std::string& line,
                              const ceasefire::Settlement& settlement,
                              const geo::GeometryFile* regions, const std::string& by) {
  Database& db = ws.db();
  Transaction tx(db);
  std::optional<std::string> regions_digest;
  if (regions != nullptr) {
    json features = json::array();
    for (const auto& f : regions->features)
      features.push_back({{"type", "Feature"},
                          {"properties", f.properties},
                          {"geometry", geo::to_geojson_rings(f.rings)}});
    regions_digest = put_geometry(db, {{"type", "FeatureCollection"}, {"features", features}});
  }
  const Timestamp built_at = now();
  Statement insert(db,
                   "INSERT INTO settlements(name, document, regions, line, built_at, built_by) "
                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, settlement.name)
      .bind(2, settlement.canonical)
      .bind(3, regions_digest)
      .bind(4, line)
      .bind(5, built_at)
      .bind(6, by)
      .step();
  const std::int64_t id = insert.int64(0);
  insert.reset();
  ws.append(std::string(ledger::kSettlementRecord), fmt::format("settlement:{}", id),
            settlement_record_body(id, settlement.name, line, settlement.canonical, regions_digest,
                                   built_at, by));
  ws.seal();
  tx.commit();
  return id;
}

std::optional<StoredSettlement> current_settlement(Workspace& ws) {
  Database& db = ws.db();
  Statement st(db,
               "SELECT id, name, document, regions, line, built_at FROM settlements "
               "ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  StoredSettlement out;
  out.id = st.int64(0);
  const std::string what = fmt::format("settlement {} ({})", out.id, st.text(1));
  out.settlement = ceasefire::parse_settlement(std::string(st.text(2)), what, ".");
  if (!st.is_null(3)) out.regions = get_geometry(db, std::string(st.text(3)), what);
  out.line = std::string(st.text(4));
  out.built_at = st.int64(5);
  return out;
}

nlohmann::json line_geojson(const LineVersion& version, const ceasefire::ContactLine& line) {
  nlohmann::json features = nlohmann::json::array();
  const nlohmann::json properties = {{"name", version.name},
                                     {"valid_from", version.valid_from},
                                     {"method", version.method},
                                     {"length_km", std::round(version.length_m / 100) / 10},
                                     {"role", "line"}};
  features.push_back({{"type", "Feature"},
                      {"properties", properties},
                      {"geometry", geo::to_geojson_lines(line.parts)}});
  if (!line.control.empty())
    features.push_back({{"type", "Feature"},
                        {"properties", {{"name", version.name}, {"role", "control"}}},
                        {"geometry", geo::to_geojson_rings(line.control)}});
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::optional<std::pair<std::int64_t, std::string>> current_settlement_id(Workspace& ws) {
  Statement st(ws.db(), "SELECT id, line FROM settlements ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  return std::pair{st.int64(0), std::string(st.text(1))};
}

std::optional<std::string> settlement_seal(Workspace& ws, std::int64_t id) {
  Statement st(ws.db(),
               "SELECT s.name, s.line, s.document, s.regions, s.built_at, s.built_by, g.geojson "
               "FROM settlements s LEFT JOIN geometries g ON g.digest = s.regions WHERE s.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  std::optional<std::string> regions;
  if (!st.is_null(3)) {
    // The regions are named by their digest: a geometry edited in place no longer has it.
    if (st.is_null(6) || digest_of(st.text(6)) != st.text(3)) return std::string("regions");
    regions = std::string(st.text(3));
  }
  return settlement_record_body(id, st.text(0), st.text(1), st.text(2), regions, st.int64(4),
                                st.text(5));
}

std::string line_digest(Workspace& ws, const std::string& name, const std::string& valid_from) {
  Statement st(ws.db(),
               "SELECT l.method, l.source, p.geojson, c.geojson, t.geojson FROM lines l "
               "LEFT JOIN geometries p ON p.digest = l.parts "
               "LEFT JOIN geometries c ON c.digest = l.control "
               "LEFT JOIN geometries t ON t.digest = l.territory "
               "WHERE l.name = ? AND l.valid_from = ?");
  st.bind(1, name).bind(2, valid_from);
  if (!st.step()) return {};
  Blake2b hasher(32);
  for (int column = 0; column < 5; ++column)
    detail::hash_column(hasher, st, column);
  Digest256 digest{};
  hasher.finish(digest);
  return to_hex(digest);
}

std::optional<SealProblem> check_line_versions(Workspace& ws, const LogRecords& records,
                                               std::int64_t& versions) {
  for (const auto& r : records) {
    if (r.kind != ledger::kLineRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto name = body.at("name").get<std::string>();
    const auto valid_from = body.at("valid_from").get<std::string>();
    if (line_digest(ws, name, valid_from) != body.at("digest").get<std::string>())
      return SealProblem{r.seq, fmt::format("line '{}' valid from {} (log record {}) was changed",
                                            name, valid_from, r.seq)};
    ++versions;
  }
  return std::nullopt;
}

std::optional<SealProblem> check_settlements(Workspace& ws, const LogRecords& records) {
  std::int64_t settlements = 0;
  for (const auto& r : records) {
    if (r.kind != ledger::kSettlementRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at("settlement").get<std::int64_t>();
    const auto seal = settlement_seal(ws, id);
    if (!seal || *seal != body.dump())
      return SealProblem{r.seq, fmt::format("settlement {} (log record {}) was {}", id, r.seq,
                                            seal ? "changed" : "deleted")};
    ++settlements;
  }
  return check_row_count(ws.db(), "settlements", settlements);
}

}  // namespace vigil::store
