#include <array>
#include <string_view>

#include <fmt/format.h>

#include "schema_postgresql.hpp"
#include "vigil/store/schema.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {
namespace {

// The SQLite schema's tables, columns and indexes (schema.cpp) in PostgreSQL's types, so the
// store's SQL runs unchanged on both. Where PostgreSQL does better it differs: incidents
// carry a PostGIS geometry (a line from start to end in longitude, latitude and hours)
// with an n-dimensional GiST index in place of SQLite's R*Tree table. Text compares byte by
// byte (COLLATE "C") as in SQLite, whatever the database's locale: orders, keyset cursors and
// the digests sealed over ordered rows must not depend on it.
//
// Each step brings a workspace to version `to`; the first creates all of SQLite's ten
// versions at once. Append a step with every SQLite migration.
struct Step {
  int to;
  std::string_view sql;
};

constexpr std::array<Step, 4> kPostgresqlSteps = {{
    {10, R"sql(
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE meta (
  key   TEXT COLLATE "C" PRIMARY KEY,
  value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE batches (
  id          BIGINT PRIMARY KEY,
  file        TEXT COLLATE "C" NOT NULL,
  format      TEXT COLLATE "C" NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  added       BIGINT NOT NULL,
  duplicates  BIGINT NOT NULL,
  rejected    BIGINT NOT NULL,
  recorded_by TEXT COLLATE "C" NOT NULL
);

CREATE TABLE observations (
  time_us        BIGINT NOT NULL,
  id             TEXT COLLATE "C" NOT NULL,
  lat            DOUBLE PRECISION NOT NULL,
  lon            DOUBLE PRECISION NOT NULL,
  kind           TEXT COLLATE "C" NOT NULL,
  source         TEXT COLLATE "C" NOT NULL,
  entity         TEXT COLLATE "C",
  uncertainty_m  DOUBLE PRECISION,
  attributes     TEXT COLLATE "C" NOT NULL,
  content_digest BYTEA NOT NULL,
  batch          BIGINT NOT NULL REFERENCES batches(id),
  PRIMARY KEY (time_us, id)
);
CREATE INDEX observations_not_vessel_time ON observations(time_us)
  WHERE (entity IS NULL OR substr(entity, 1, 5) <> 'mmsi:');
CREATE INDEX observations_not_vessel_batch ON observations(batch)
  WHERE (entity IS NULL OR substr(entity, 1, 5) <> 'mmsi:');

CREATE TABLE given_ids (
  id      TEXT COLLATE "C" PRIMARY KEY,
  time_us BIGINT NOT NULL
);

CREATE TABLE entities (
  id           TEXT COLLATE "C" PRIMARY KEY,
  namespace    TEXT COLLATE "C" NOT NULL,
  first_time   BIGINT NOT NULL,
  last_time    BIGINT NOT NULL,
  observations BIGINT NOT NULL
);
CREATE TABLE sources (
  id           TEXT COLLATE "C" PRIMARY KEY,
  first_time   BIGINT NOT NULL,
  last_time    BIGINT NOT NULL,
  observations BIGINT NOT NULL
);

CREATE TABLE log_records (
  seq       BIGINT PRIMARY KEY,
  kind      TEXT COLLATE "C" NOT NULL,
  subject   TEXT COLLATE "C" NOT NULL,
  body      TEXT COLLATE "C" NOT NULL,
  prev_hash TEXT COLLATE "C" NOT NULL,
  hash      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX log_records_subject ON log_records(subject);
CREATE TABLE log_signatures (
  seq       BIGINT PRIMARY KEY,
  hash      TEXT COLLATE "C" NOT NULL,
  signature TEXT COLLATE "C" NOT NULL,
  signed_at TEXT COLLATE "C" NOT NULL
);
CREATE FUNCTION vigil_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'the incident log is append-only'; END $$;
CREATE TRIGGER log_records_append_only BEFORE UPDATE OR DELETE ON log_records
  FOR EACH ROW EXECUTE FUNCTION vigil_log_is_append_only();
CREATE TRIGGER log_records_append_only_truncate BEFORE TRUNCATE ON log_records
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_log_is_append_only();

CREATE TABLE incidents (
  id          TEXT COLLATE "C" PRIMARY KEY,
  rule        TEXT COLLATE "C" NOT NULL,
  severity    TEXT COLLATE "C" NOT NULL,
  confidence  DOUBLE PRECISION NOT NULL,
  start_us    BIGINT NOT NULL,
  end_us      BIGINT NOT NULL,
  lat         DOUBLE PRECISION NOT NULL,
  lon         DOUBLE PRECISION NOT NULL,
  status      TEXT COLLATE "C" NOT NULL,
  log_seq     BIGINT NOT NULL,
  body        TEXT COLLATE "C" NOT NULL,
  -- Where and when, for queries by box and time: derived by the database from the row.
  space       geometry GENERATED ALWAYS AS (ST_MakeLine(
                ST_MakePoint(lon, lat, start_us / 3600000000.0),
                ST_MakePoint(lon, lat, end_us / 3600000000.0))) STORED
);
CREATE INDEX incidents_time ON incidents(start_us);
CREATE INDEX incidents_rule ON incidents(rule, start_us);
CREATE UNIQUE INDEX incidents_log_seq ON incidents(log_seq);
CREATE INDEX incidents_space ON incidents USING gist (space gist_geometry_ops_nd);
CREATE TABLE incident_evidence (
  incident_id    TEXT COLLATE "C" NOT NULL,
  observation_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (incident_id, observation_id)
);
CREATE INDEX incident_evidence_observation ON incident_evidence(observation_id);
CREATE TABLE incident_entities (
  incident_id TEXT COLLATE "C" NOT NULL,
  entity      TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (entity, incident_id)
);
CREATE TABLE reviews (
  log_seq     BIGINT PRIMARY KEY,
  incident_id TEXT COLLATE "C" NOT NULL,
  status      TEXT COLLATE "C" NOT NULL,
  "by"        TEXT COLLATE "C" NOT NULL,
  note        TEXT COLLATE "C" NOT NULL,
  time_us     BIGINT NOT NULL
);
CREATE INDEX reviews_incident ON reviews(incident_id, log_seq);

CREATE TABLE vessel_identity (
  mmsi      BIGINT NOT NULL,
  attribute TEXT COLLATE "C" NOT NULL,
  value     TEXT COLLATE "C" NOT NULL,
  first_us  BIGINT NOT NULL,
  last_us   BIGINT NOT NULL,
  reports   BIGINT NOT NULL,
  batch     BIGINT NOT NULL REFERENCES batches(id),
  PRIMARY KEY (mmsi, attribute, first_us, value)
);
CREATE INDEX vessel_identity_value ON vessel_identity(attribute, value);
CREATE INDEX vessel_identity_batch ON vessel_identity(batch);

CREATE TABLE list_loads (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  file        TEXT COLLATE "C" NOT NULL,
  format      TEXT COLLATE "C" NOT NULL,
  lists       TEXT COLLATE "C" NOT NULL,
  loaded_at   BIGINT NOT NULL,
  loaded_by   TEXT COLLATE "C" NOT NULL,
  entries     BIGINT NOT NULL,
  warnings    BIGINT NOT NULL,
  replaced_by BIGINT
);
CREATE TABLE list_entries (
  load         BIGINT NOT NULL REFERENCES list_loads(id),
  list         TEXT COLLATE "C" NOT NULL,
  entry_id     TEXT COLLATE "C" NOT NULL,
  line         BIGINT NOT NULL,
  name         TEXT COLLATE "C" NOT NULL,
  former_names TEXT COLLATE "C" NOT NULL,
  imo          BIGINT,
  mmsis        TEXT COLLATE "C" NOT NULL,
  flag         TEXT COLLATE "C" NOT NULL,
  callsign     TEXT COLLATE "C" NOT NULL,
  vessel_type  TEXT COLLATE "C" NOT NULL,
  programs     TEXT COLLATE "C" NOT NULL,
  listed_on    TEXT COLLATE "C" NOT NULL,
  build_year   BIGINT,
  PRIMARY KEY (load, list, entry_id, line)
);
CREATE INDEX list_entries_imo ON list_entries(imo);

CREATE TABLE geometries (
  digest  TEXT COLLATE "C" PRIMARY KEY,
  geojson TEXT COLLATE "C" NOT NULL
);
CREATE TABLE lines (
  name        TEXT COLLATE "C" NOT NULL,
  valid_from  TEXT COLLATE "C" NOT NULL,
  method      TEXT COLLATE "C" NOT NULL,
  source      TEXT COLLATE "C" NOT NULL,
  parts       TEXT COLLATE "C" NOT NULL REFERENCES geometries(digest),
  control     TEXT COLLATE "C" REFERENCES geometries(digest),
  territory   TEXT COLLATE "C" REFERENCES geometries(digest),
  length_m    DOUBLE PRECISION NOT NULL,
  imported_at BIGINT NOT NULL,
  imported_by TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (name, valid_from)
);
CREATE TABLE settlements (
  id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name      TEXT COLLATE "C" NOT NULL,
  document  TEXT COLLATE "C" NOT NULL,
  regions   TEXT COLLATE "C" REFERENCES geometries(digest),
  line      TEXT COLLATE "C" NOT NULL,
  built_at  BIGINT NOT NULL,
  built_by  TEXT COLLATE "C" NOT NULL
);
CREATE TABLE observation_classes (
  observation_id  TEXT COLLATE "C" PRIMARY KEY,
  time_us         BIGINT NOT NULL,
  line            TEXT COLLATE "C" NOT NULL,
  line_valid_from TEXT COLLATE "C" NOT NULL,
  settlement      BIGINT NOT NULL REFERENCES settlements(id),
  side            TEXT COLLATE "C",
  distance_m      DOUBLE PRECISION NOT NULL,
  zones           TEXT COLLATE "C" NOT NULL,
  sector          TEXT COLLATE "C"
);
CREATE TABLE sensor_declarations (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  document    TEXT COLLATE "C" NOT NULL,
  source      TEXT COLLATE "C" NOT NULL,
  declared_at BIGINT NOT NULL,
  declared_by TEXT COLLATE "C" NOT NULL
);
CREATE TABLE api_keys (
  id          TEXT COLLATE "C" PRIMARY KEY,
  name        TEXT COLLATE "C" NOT NULL,
  role        TEXT COLLATE "C" NOT NULL,
  secret_hash BYTEA NOT NULL,
  created_us  BIGINT NOT NULL,
  created_by  TEXT COLLATE "C" NOT NULL,
  revoked_us  BIGINT,
  revoked_by  TEXT COLLATE "C"
);
)sql"},
    {11, R"sql(
CREATE TABLE published_reports (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  date         TEXT COLLATE "C" NOT NULL,
  note         TEXT COLLATE "C" NOT NULL,
  log_head     TEXT COLLATE "C" NOT NULL,
  markdown     TEXT COLLATE "C" NOT NULL,
  html         TEXT COLLATE "C" NOT NULL,
  svg          TEXT COLLATE "C" NOT NULL,
  published_at BIGINT NOT NULL,
  published_by TEXT COLLATE "C" NOT NULL,
  log_seq      BIGINT
);
CREATE INDEX published_reports_date ON published_reports(date);
)sql"},
    {12, R"sql(
ALTER TABLE incidents ADD COLUMN log_hash TEXT COLLATE "C";
UPDATE incidents i SET log_hash = l.hash FROM log_records l WHERE l.seq = i.log_seq;
ALTER TABLE incidents ALTER COLUMN log_hash SET NOT NULL;
)sql"},
    {13, R"sql(
CREATE TABLE commitment_loads (
  id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  kind      TEXT COLLATE "C" NOT NULL,
  file      TEXT COLLATE "C" NOT NULL,
  rows      BIGINT NOT NULL,
  warnings  BIGINT NOT NULL,
  loaded_at BIGINT NOT NULL,
  loaded_by TEXT COLLATE "C" NOT NULL,
  content   TEXT COLLATE "C" NOT NULL,
  log_seq   BIGINT
);
)sql"},
}};

// A workspace in a schema of its own (search_path in the URI's options) gets that schema.
void create_first_schema_on_path(Database& db) {
  Statement path(db, "SELECT trim(split_part(current_setting('search_path'), ',', 1))");
  path.step();
  std::string name(path.text(0));
  if (name.empty() || name == "\"$user\"") return;
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  Statement exists(db, "SELECT 1 FROM pg_namespace WHERE nspname = ?");
  exists.bind(1, name);
  if (exists.step()) return;
  std::string quoted = "\"";
  for (const char c : name)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  db.exec("CREATE SCHEMA " + quoted + "\"");
}

int postgresql_version(Database& db) {
  Statement exists(db, "SELECT to_regclass('meta') IS NOT NULL");
  exists.step();
  if (!exists.int64(0)) return 0;
  const auto version = read_meta(db, "schema_version");
  return version ? std::stoi(*version) : 0;
}

}  // namespace

void migrate_postgresql(Database& db, bool create) {
  int version = postgresql_version(db);
  if (version == 0 && !create)
    throw DatabaseError(
        fmt::format("{}: not a vigil workspace (vigil init creates one)", db.path()));
  if (version > current_schema_version())
    throw DatabaseError(fmt::format(
        "{}: workspace schema version {} is newer than this vigil understands ({}); upgrade vigil",
        db.path(), version, current_schema_version()));
  if (version == current_schema_version()) return;
  Transaction tx(db);
  version = postgresql_version(db);  // another vigil may have migrated while we waited
  if (version == 0) create_first_schema_on_path(db);
  for (const auto& step : kPostgresqlSteps) {
    if (step.to <= version) continue;
    db.exec(step.sql);
    version = step.to;
  }
  if (version != current_schema_version())
    throw DatabaseError(fmt::format("{}: no PostgreSQL migration to schema version {}", db.path(),
                                    current_schema_version()));
  Statement(db,
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, std::to_string(version))
      .run();
  tx.commit();
}

}  // namespace vigil::store
