#include "vigil/store/incident_store.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/store/schema.hpp"
#include "vigil/store/sql_where.hpp"

namespace vigil::store {
namespace {

constexpr double kMicrosPerHour = 3'600'000'000.0;

void check_incident(Incident& i, Workspace& ws) {
  auto bad = [](std::string_view field, std::string message) {
    throw std::invalid_argument(fmt::format("incident field '{}': {}", field, message));
  };
  if (i.rule.empty() || i.rule.size() > 128) bad("rule", "must be 1 to 128 characters");
  if (!std::isfinite(i.lat) || i.lat < -90 || i.lat > 90) bad("lat", "outside [-90, 90]");
  if (!std::isfinite(i.lon) || i.lon < -180 || i.lon > 180) bad("lon", "outside [-180, 180]");
  if (!std::isfinite(i.confidence) || i.confidence < 0 || i.confidence > 1)
    bad("confidence", "outside [0, 1]");
  if (i.end < i.start) bad("end", "before start");
  if (i.start < kEarliestTime || i.end >= kLatestTime) bad("start", "outside 1900..2200");
  if (!i.attributes.is_object()) bad("attributes", "must be an object");
  if (!i.geometry.is_null() && !i.geometry.is_object()) bad("geometry", "must be GeoJSON");
  for (const auto& e : i.entities)
    if (!is_valid_entity(e)) bad("entities", fmt::format("'{}' is not namespace:identifier", e));
  for (const auto& id : i.evidence)
    if (!observation_exists(ws, id))
      bad("evidence", fmt::format("no observation with id '{}' in this workspace", id));
}

std::optional<std::int64_t> logged_seq(Database& db, std::string_view id) {
  Statement st(db, "SELECT log_seq FROM incidents WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

constexpr std::string_view kIncidentColumns =
    "SELECT i.body, i.status, i.log_seq, i.log_hash FROM incidents i";

StoredIncident read_incident_row(const Statement& st) {
  StoredIncident row;
  row.incident = incident_from_log_body(nlohmann::json::parse(st.text(0)));
  row.status = parse_status(st.text(1)).value_or(IncidentStatus::open);
  row.log_seq = st.int64(2);
  row.log_hash = st.text(3);
  return row;
}

}  // namespace

IncidentWriter::IncidentWriter(Workspace& workspace) : ws_(workspace), tx_(workspace.db()) {}

IncidentWriter::Logged IncidentWriter::add(Incident incident) {
  normalise(incident);
  check_incident(incident, ws_);
  if (incident.id.empty()) incident.id = derive_incident_id(incident);
  if (auto seq = logged_seq(ws_.db(), incident.id)) return {incident.id, false, *seq};
  if (incident.recorded_at == 0) incident.recorded_at = now();
  const auto record =
      ws_.append(std::string(ledger::kIncidentRecord), incident.id, to_log_body(incident).dump());
  apply_to_tables(ws_.db(), record);
  return {incident.id, true, record.seq};
}

std::int64_t IncidentWriter::review(const Review& review) {
  if (!logged_seq(ws_.db(), review.incident_id))
    throw std::invalid_argument(fmt::format("no incident with id '{}'", review.incident_id));
  if (review.by.empty()) throw std::invalid_argument("review field 'by': must not be empty");
  if (review.status == IncidentStatus::open)
    throw std::invalid_argument("review field 'status': must be confirmed or dismissed");
  const auto record = ws_.append(std::string(ledger::kReviewRecord), review.incident_id,
                                 to_log_body(review).dump());
  apply_to_tables(ws_.db(), record);
  return record.seq;
}

void IncidentWriter::commit() {
  ws_.seal();
  tx_.commit();
}

void apply_to_tables(Database& db, const ledger::LogRecord& record) {
  if (record.kind == ledger::kIncidentRecord) {
    const Incident i = incident_from_log_body(nlohmann::json::parse(record.body));
    Statement st(db,
                 "INSERT INTO incidents(id, rule, severity, confidence, start_us, end_us, lat, "
                 "lon, status, log_seq, log_hash, body) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)");
    st.bind(1, i.id)
        .bind(2, i.rule)
        .bind(3, to_string(i.severity))
        .bind(4, i.confidence)
        .bind(5, i.start)
        .bind(6, i.end)
        .bind(7, i.lat)
        .bind(8, i.lon)
        .bind(9, record.seq)
        .bind(10, record.hash)
        .bind(11, record.body)
        .run();
    // On PostgreSQL the incident row's generated geometry column does this.
    if (!db.postgresql()) {
      Statement space(db,
                      "INSERT INTO incidents_space(seq, min_lon, max_lon, min_lat, max_lat, "
                      "min_hour, max_hour) VALUES (?, ?, ?, ?, ?, ?, ?)");
      space.bind(1, record.seq)
          .bind(2, i.lon)
          .bind(3, i.lon)
          .bind(4, i.lat)
          .bind(5, i.lat)
          .bind(6, static_cast<double>(i.start) / kMicrosPerHour)
          .bind(7, static_cast<double>(i.end) / kMicrosPerHour)
          .run();
    }
    Statement evidence(db,
                       "INSERT INTO incident_evidence(incident_id, observation_id) VALUES (?, ?)");
    for (const auto& o : i.evidence)
      evidence.bind(1, i.id).bind(2, o).run();
    Statement entities(db, "INSERT INTO incident_entities(incident_id, entity) VALUES (?, ?)");
    for (const auto& e : i.entities)
      entities.bind(1, i.id).bind(2, e).run();
  } else if (record.kind == ledger::kReviewRecord) {
    const Review r = review_from_log_body(nlohmann::json::parse(record.body));
    Statement st(db,
                 "INSERT INTO reviews(log_seq, incident_id, status, \"by\", note, time_us) "
                 "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, record.seq)
        .bind(2, r.incident_id)
        .bind(3, to_string(r.status))
        .bind(4, r.by)
        .bind(5, r.note)
        .bind(6, r.time)
        .run();
    Statement update(db, "UPDATE incidents SET status = ? WHERE id = ?");
    update.bind(1, to_string(r.status)).bind(2, r.incident_id).run();
  }
}

namespace {

// Runs the listing query of `f` and calls `visit` with each row's statement, columns as
// kIncidentColumns, then i.id, i.lat, i.lon, i.start_us.
void select_incidents(Workspace& ws, const IncidentFilter& f,
                      const std::function<bool(const Statement&)>& visit) {
  SqlWhere where;
  // A box (not across the antimeridian) goes through the R*Tree, with the time range; the
  // exact conditions below then decide on the few incidents it yields.
  const bool spatial = f.bbox && f.bbox->min_lon <= f.bbox->max_lon;
  if (spatial && ws.db().postgresql()) {
    // PostGIS: the incident's line through (lon, lat, hours) meets the query's box, by the
    // n-dimensional GiST index.
    constexpr double kNoLimit = 1e9;
    where.add_many(
        "i.space &&& ST_MakeLine(ST_MakePoint(?, ?, ?), ST_MakePoint(?, ?, ?))",
        {f.bbox->min_lon, f.bbox->min_lat,
         f.from ? static_cast<double>(*f.from) / kMicrosPerHour : -kNoLimit, f.bbox->max_lon,
         f.bbox->max_lat, f.to ? static_cast<double>(*f.to) / kMicrosPerHour : kNoLimit});
  } else if (spatial) {
    std::string condition =
        "i.log_seq IN (SELECT seq FROM incidents_space WHERE min_lon <= ? AND max_lon >= ? "
        "AND min_lat <= ? AND max_lat >= ?";
    SqlWhere::Value values[6] = {
        f.bbox->max_lon, f.bbox->min_lon, f.bbox->max_lat, f.bbox->min_lat, 0.0, 0.0};
    int count = 4;
    if (f.to) {
      condition += " AND min_hour <= ?";
      values[count++] = static_cast<double>(*f.to) / kMicrosPerHour;
    }
    if (f.from) {
      condition += " AND max_hour >= ?";
      values[count++] = static_cast<double>(*f.from) / kMicrosPerHour;
    }
    where.add_many(condition + ")", {values, values + count});
  }
  if (f.from) where.add("i.end_us >= ?", *f.from);
  if (f.to) where.add("i.start_us < ?", *f.to);
  if (f.bbox) where.add_bbox("i.lat", "i.lon", *f.bbox);
  where.add_in("i.rule", f.rules);
  where.add_in("i.status", f.statuses);
  where.add_in("i.id", f.ids);
  if (f.min_confidence) where.add("i.confidence >= ?", *f.min_confidence);
  if (f.after) where.add("(i.start_us, i.id) > (?, ?)", f.after->first, f.after->second);
  std::string sql(kIncidentColumns);
  sql.insert(sql.find(" FROM "), ", i.id, i.lat, i.lon, i.start_us");
  if (!f.entities.empty()) {
    std::string in = "(";
    for (std::size_t k = 0; k < f.entities.size(); ++k)
      in += k ? ",?" : "?";
    sql += " JOIN (SELECT DISTINCT incident_id FROM incident_entities WHERE entity IN " + in +
           ")) e ON e.incident_id = i.id";
  }
  sql += where.sql() + " ORDER BY i.start_us, i.id";
  if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);
  Statement st(ws.db(), sql);
  int index = 1;
  for (const auto& e : f.entities)
    st.bind(index++, e);
  where.bind(st, index);
  while (st.step())
    if (!visit(st)) break;
}

}  // namespace

void for_each_incident(Workspace& ws, const IncidentFilter& filter,
                       const std::function<bool(const StoredIncident&)>& visit) {
  select_incidents(ws, filter, [&](const Statement& st) { return visit(read_incident_row(st)); });
}

void for_each_incident_row(Workspace& ws, const IncidentFilter& filter,
                           const std::function<bool(const IncidentRow&)>& visit) {
  select_incidents(ws, filter, [&](const Statement& st) {
    const IncidentRow row{st.text(0), st.text(1), st.int64(2), st.text(3),
                          st.text(4), st.real(5), st.real(6),  st.int64(7)};
    return visit(row);
  });
}

std::optional<StoredIncident> find_incident(Workspace& ws, std::string_view id) {
  Statement st(ws.db(), std::string(kIncidentColumns) + " WHERE i.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_incident_row(st);
}

std::vector<Review> reviews_of(Workspace& ws, std::string_view incident_id) {
  Statement st(ws.db(),
               "SELECT status, \"by\", note, time_us FROM reviews WHERE incident_id = ? "
               "ORDER BY log_seq");
  st.bind(1, incident_id);
  std::vector<Review> out;
  while (st.step())
    out.push_back({std::string(incident_id),
                   parse_status(st.text(0)).value_or(IncidentStatus::open), std::string(st.text(1)),
                   std::string(st.text(2)), st.int64(3)});
  return out;
}

IncidentStatus status_before(Workspace& ws, std::string_view incident_id, std::int64_t seq) {
  Statement st(ws.db(),
               "SELECT status FROM reviews WHERE incident_id = ? AND log_seq < ? "
               "ORDER BY log_seq DESC LIMIT 1");
  st.bind(1, incident_id).bind(2, seq);
  if (!st.step()) return IncidentStatus::open;
  return parse_status(st.text(0)).value_or(IncidentStatus::open);
}

std::vector<std::string> incidents_sharing_evidence(Workspace& ws, std::string_view rule,
                                                    const std::vector<std::string>& evidence) {
  Statement st(ws.db(),
               "SELECT e.incident_id FROM incident_evidence e JOIN incidents i ON i.id = "
               "e.incident_id WHERE e.observation_id = ? AND i.rule = ?");
  std::vector<std::string> ids;
  for (const auto& id : evidence) {
    st.reset();
    st.bind(1, id).bind(2, rule);
    while (st.step())
      ids.emplace_back(st.text(0));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

namespace {

struct TableCheck {
  const char* name;
  const char* select;  // same columns and order in both databases
  bool keyed_by_seq;   // first column: log_seq (else an incident id)
};

struct TableMismatch {
  std::string key;  // first column of the differing row
  std::string message;
};

// The query tables derived from the log, with a stable row order for a merge comparison.
constexpr TableCheck kDerivedTables[] = {
    {"incidents",
     "SELECT id, rule, severity, confidence, start_us, end_us, lat, lon, status, log_seq, "
     "log_hash, body FROM incidents ORDER BY id",
     false},
    {"incident_evidence",
     "SELECT incident_id, observation_id FROM incident_evidence "
     "ORDER BY incident_id, observation_id",
     false},
    {"incident_entities",
     "SELECT incident_id, entity FROM incident_entities ORDER BY incident_id, entity", false},
    {"reviews",
     "SELECT log_seq, incident_id, status, \"by\", note, time_us FROM reviews ORDER BY log_seq",
     true},
    {"incidents_space",
     "SELECT seq, min_lon, max_lon, min_lat, max_lat, min_hour, max_hour FROM incidents_space "
     "ORDER BY seq",
     true},
};

std::vector<std::string> row_text(const Statement& st) {
  std::vector<std::string> row;
  const int n = st.columns();
  for (int c = 0; c < n; ++c)
    row.push_back(st.canonical(c));
  return row;
}

// Compares one table between the workspace and a database rebuilt from the log, value by
// value in a form both backends agree on.
std::optional<TableMismatch> compare_table(Database& actual, Database& expected,
                                           const TableCheck& table) {
  Statement a(actual, table.select, Statement::Rows::in_batches);
  Statement e(expected, table.select);
  for (;;) {
    const bool has_a = a.step();
    const bool has_e = e.step();
    if (!has_a && !has_e) break;
    if (has_a != has_e) {
      const auto row = row_text(has_a ? a : e);
      return TableMismatch{
          row[0],
          fmt::format("{} row ({}, {}) {}", table.name, row[0], row.size() > 1 ? row[1] : "",
                      has_a ? "is not in the log" : "recorded in the log is missing")};
    }
    const auto ra = row_text(a), re = row_text(e);
    if (ra != re) {
      const std::string& key = ra[0] < re[0] ? ra[0] : re[0];
      return TableMismatch{
          key, fmt::format("{} row {} differs from what the log records", table.name, key)};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<SealProblem> check_incident_tables(Workspace& ws, const LogRecords& records,
                                                 std::int64_t& incidents, std::int64_t& reviews) {
  Database rebuilt(":memory:", Database::Mode::create_new);
  migrate(rebuilt);
  for (const auto& r : records) {
    try {
      apply_to_tables(rebuilt, r);
    } catch (const std::exception& e) {
      return SealProblem{r.seq, fmt::format("record {} ({} {}) cannot be read: {}", r.seq, r.kind,
                                            r.subject, e.what())};
    }
    if (r.kind == ledger::kIncidentRecord) ++incidents;
    if (r.kind == ledger::kReviewRecord) ++reviews;
  }
  for (const auto& table : kDerivedTables) {
    // PostgreSQL derives the incidents' place and time from each row (a generated column).
    if (ws.db().postgresql() && std::string_view(table.name) == "incidents_space") continue;
    if (auto mismatch = compare_table(ws.db(), rebuilt, table)) {
      // Name the log record behind the differing row.
      std::int64_t seq = 0;
      if (table.keyed_by_seq) {
        seq = std::atoll(mismatch->key.c_str());
      } else {
        for (const auto& r : records)
          if (r.kind == ledger::kIncidentRecord && r.subject == mismatch->key) seq = r.seq;
      }
      return SealProblem{
          seq, seq ? fmt::format("log record {}: {}", seq, mismatch->message) : mismatch->message};
    }
  }
  return std::nullopt;
}

}  // namespace vigil::store
