#include "vigil/store/schema.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "schema_postgresql.hpp"

namespace vigil::store {
namespace {

// Migration i takes a workspace from version i to i + 1. Never edit a released migration:
// append a new one.
constexpr std::array<std::string_view, 13> kMigrations = {
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per ingest that added observations; sealed by a 'batch' log record.
CREATE TABLE batches (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  duplicates  INTEGER NOT NULL,
  rejected    INTEGER NOT NULL,
  recorded_by TEXT NOT NULL
);

-- Clustered by time: ingest appends, time windows are ranges, and a content id (which
-- starts with its time) finds its row without an index of its own.
CREATE TABLE observations (
  time_us        INTEGER NOT NULL,
  id             TEXT NOT NULL,
  lat            REAL NOT NULL,
  lon            REAL NOT NULL,
  kind           TEXT NOT NULL,
  source         TEXT NOT NULL,
  entity         TEXT,
  uncertainty_m  REAL,
  attributes     TEXT NOT NULL,
  content_digest BLOB NOT NULL,
  batch          INTEGER NOT NULL REFERENCES batches(id),
  PRIMARY KEY (time_us, id)
) WITHOUT ROWID;

-- Ids given by sources (not derived from content): where each lies, and the guard that one
-- id never names two different observations.
CREATE TABLE given_ids (
  id      TEXT PRIMARY KEY,
  time_us INTEGER NOT NULL
) WITHOUT ROWID;

-- Who and what was observed, maintained per batch for quick listing.
CREATE TABLE entities (
  id           TEXT PRIMARY KEY,
  namespace    TEXT NOT NULL,
  first_time   INTEGER NOT NULL,
  last_time    INTEGER NOT NULL,
  observations INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sources (
  id           TEXT PRIMARY KEY,
  first_time   INTEGER NOT NULL,
  last_time    INTEGER NOT NULL,
  observations INTEGER NOT NULL
) WITHOUT ROWID;

-- The append-only, hash-chained log (incidents, reviews, batches) and its head signatures.
CREATE TABLE log_records (
  seq       INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  subject   TEXT NOT NULL,
  body      TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX log_records_subject ON log_records(subject);
CREATE TABLE log_signatures (
  seq       INTEGER PRIMARY KEY,
  hash      TEXT NOT NULL,
  signature TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE TRIGGER log_records_append_only_update BEFORE UPDATE ON log_records
  BEGIN SELECT RAISE(ABORT, 'the incident log is append-only'); END;
CREATE TRIGGER log_records_append_only_delete BEFORE DELETE ON log_records
  BEGIN SELECT RAISE(ABORT, 'the incident log is append-only'); END;

-- Query tables derived from the log; `vigil verify` checks them against it.
CREATE TABLE incidents (
  id          TEXT PRIMARY KEY,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  confidence  REAL NOT NULL,
  start_us    INTEGER NOT NULL,
  end_us      INTEGER NOT NULL,
  lat         REAL NOT NULL,
  lon         REAL NOT NULL,
  status      TEXT NOT NULL,
  log_seq     INTEGER NOT NULL,
  body        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX incidents_time ON incidents(start_us);
CREATE INDEX incidents_rule ON incidents(rule, start_us);
CREATE TABLE incident_evidence (
  incident_id    TEXT NOT NULL,
  observation_id TEXT NOT NULL,
  PRIMARY KEY (incident_id, observation_id)
) WITHOUT ROWID;
CREATE INDEX incident_evidence_observation ON incident_evidence(observation_id);
CREATE TABLE incident_entities (
  incident_id TEXT NOT NULL,
  entity      TEXT NOT NULL,
  PRIMARY KEY (entity, incident_id)
) WITHOUT ROWID;
CREATE TABLE reviews (
  log_seq     INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL,
  status      TEXT NOT NULL,
  by          TEXT NOT NULL,
  note        TEXT NOT NULL,
  time_us     INTEGER NOT NULL
);
CREATE INDEX reviews_incident ON reviews(incident_id, log_seq);
)sql",
    R"sql(
-- What vessels broadcast about themselves (AIS static and voyage data, identity columns
-- of AIS exports), as runs of one value from first to last report. Rows belong to the
-- batch that added them and are sealed with it; a history is the runs of all batches in
-- time order (vigil vessels history).
CREATE TABLE vessel_identity (
  mmsi      INTEGER NOT NULL,
  attribute TEXT NOT NULL,
  value     TEXT NOT NULL,
  first_us  INTEGER NOT NULL,
  last_us   INTEGER NOT NULL,
  reports   INTEGER NOT NULL,
  batch     INTEGER NOT NULL REFERENCES batches(id),
  PRIMARY KEY (mmsi, attribute, first_us, value)
) WITHOUT ROWID;
CREATE INDEX vessel_identity_value ON vessel_identity(attribute, value);
CREATE INDEX vessel_identity_batch ON vessel_identity(batch);
)sql",
    R"sql(
-- Sanctions list files as loaded (vigil lists load), each sealed by a 'lists' log record.
-- A newer load of the same format and lists replaces an older one, which is kept.
CREATE TABLE list_loads (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  lists       TEXT NOT NULL,
  loaded_at   INTEGER NOT NULL,
  loaded_by   TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  warnings    INTEGER NOT NULL,
  replaced_by INTEGER
);
CREATE TABLE list_entries (
  load         INTEGER NOT NULL REFERENCES list_loads(id),
  list         TEXT NOT NULL,
  entry_id     TEXT NOT NULL,
  line         INTEGER NOT NULL,
  name         TEXT NOT NULL,
  former_names TEXT NOT NULL,
  imo          INTEGER,
  mmsis        TEXT NOT NULL,
  flag         TEXT NOT NULL,
  callsign     TEXT NOT NULL,
  vessel_type  TEXT NOT NULL,
  programs     TEXT NOT NULL,
  listed_on    TEXT NOT NULL,
  PRIMARY KEY (load, list, entry_id, line)
) WITHOUT ROWID;
CREATE INDEX list_entries_imo ON list_entries(imo);
)sql",
    R"sql(
-- The year a listed vessel was built, where its list says (GUR, OpenSanctions).
ALTER TABLE list_entries ADD COLUMN build_year INTEGER;
)sql",
    R"sql(
-- Geometry, content-addressed (BLAKE2b-256 of the GeoJSON text): line versions share the
-- territory they run through.
CREATE TABLE geometries (
  digest  TEXT PRIMARY KEY,
  geojson TEXT NOT NULL
) WITHOUT ROWID;
-- Lines of contact, one row per version (vigil line import), each sealed by a 'line' log
-- record. A version never changes; a new date makes a new version.
CREATE TABLE lines (
  name        TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  method      TEXT NOT NULL,
  source      TEXT NOT NULL,
  parts       TEXT NOT NULL REFERENCES geometries(digest),
  control     TEXT REFERENCES geometries(digest),
  territory   TEXT REFERENCES geometries(digest),
  length_m    REAL NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (name, valid_from)
) WITHOUT ROWID;
-- Settlements as built (vigil zones build), each sealed by a 'settlement' log record; the
-- latest build is in force.
CREATE TABLE settlements (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  document  TEXT NOT NULL,
  regions   TEXT REFERENCES geometries(digest),
  line      TEXT NOT NULL,
  built_at  INTEGER NOT NULL,
  built_by  TEXT NOT NULL
);
)sql",
    R"sql(
-- Where each ceasefire observation stands against the line version and settlement in force
-- at its time (vigil detect, vigil ingest): derived data, recomputed when either changes.
CREATE TABLE observation_classes (
  observation_id  TEXT PRIMARY KEY,
  time_us         INTEGER NOT NULL,
  line            TEXT NOT NULL,
  line_valid_from TEXT NOT NULL,
  settlement      INTEGER NOT NULL REFERENCES settlements(id),
  side            TEXT,
  distance_m      REAL NOT NULL,
  zones           TEXT NOT NULL,
  sector          TEXT
) WITHOUT ROWID;
)sql",
    R"sql(
-- The mission's declared sensors (vigil sensors declare): cameras, patrols, UAV flights,
-- each declaration sealed by a 'sensors' log record; the latest is in force.
CREATE TABLE sensor_declarations (
  id          INTEGER PRIMARY KEY,
  document    TEXT NOT NULL,
  source      TEXT NOT NULL,
  declared_at INTEGER NOT NULL,
  declared_by TEXT NOT NULL
);
)sql",
    R"sql(
-- Everything but vessels' AIS reports, which are most of a busy workspace: what the
-- ceasefire rules read (by time) and ingest classifies (by batch). The condition is
-- kNotVesselObservation (schema.hpp); a query uses these indexes only when it repeats it.
CREATE INDEX observations_not_vessel_time ON observations(time_us)
  WHERE (entity IS NULL OR substr(entity, 1, 5) <> 'mmsi:');
CREATE INDEX observations_not_vessel_batch ON observations(batch)
  WHERE (entity IS NULL OR substr(entity, 1, 5) <> 'mmsi:');
)sql",
    R"sql(
-- Keys for vigil serve (vigil keys): a key is shown once; only the BLAKE2b-256 of its
-- secret part is kept. A revoked key stays listed, with who revoked it and when.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  created_us  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_us  INTEGER,
  revoked_by  TEXT
);
)sql",
    R"sql(
-- Where and when each incident is, for queries by box and time (vigil serve): an R*Tree
-- keyed by the incident's log seq, over longitude, latitude and hours since 1970. The R*Tree
-- stores 32-bit floats rounded outwards, so it narrows a query and the incidents table
-- decides. Derived from the log like the other query tables; vigil verify compares it.
CREATE UNIQUE INDEX incidents_log_seq ON incidents(log_seq);
CREATE VIRTUAL TABLE incidents_space USING rtree(
  seq, min_lon, max_lon, min_lat, max_lat, min_hour, max_hour
);
INSERT INTO incidents_space(seq, min_lon, max_lon, min_lat, max_lat, min_hour, max_hour)
  SELECT log_seq, lon, lon, lat, lat, start_us / 3600000000.0, end_us / 3600000000.0
  FROM incidents;
)sql",
    R"sql(
-- Daily reports as published for observers (vigil report publish, POST
-- /api/v1/reports/published): frozen in each format when published, each format sealed by
-- its digest in the 'report' log record that log_seq names.
CREATE TABLE published_reports (
  id           INTEGER PRIMARY KEY,
  date         TEXT NOT NULL,
  note         TEXT NOT NULL,
  log_head     TEXT NOT NULL,
  markdown     TEXT NOT NULL,
  html         TEXT NOT NULL,
  svg          TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  log_seq      INTEGER
);
CREATE INDEX published_reports_date ON published_reports(date);
)sql",
    R"sql(
-- Incidents keyed by their log seq, the R*Tree's key, so that a listing by box and time
-- reaches each row in one seek rather than through an index and then the id; and carrying
-- their log record's hash, so that it needs no join with the log. A 1°x1°, 7-day box over
-- 100,000 incidents takes half the time.
CREATE TABLE incidents_by_seq (
  log_seq     INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  confidence  REAL NOT NULL,
  start_us    INTEGER NOT NULL,
  end_us      INTEGER NOT NULL,
  lat         REAL NOT NULL,
  lon         REAL NOT NULL,
  status      TEXT NOT NULL,
  log_hash    TEXT NOT NULL,
  body        TEXT NOT NULL
);
INSERT INTO incidents_by_seq(log_seq, id, rule, severity, confidence, start_us, end_us, lat,
                             lon, status, log_hash, body)
  SELECT i.log_seq, i.id, i.rule, i.severity, i.confidence, i.start_us, i.end_us, i.lat,
         i.lon, i.status, l.hash, i.body
  FROM incidents i JOIN log_records l ON l.seq = i.log_seq ORDER BY i.log_seq;
DROP TABLE incidents;
ALTER TABLE incidents_by_seq RENAME TO incidents;
CREATE INDEX incidents_time ON incidents(start_us);
CREATE INDEX incidents_rule ON incidents(rule, start_us);
)sql",
    R"sql(
-- The commitments tables as loaded (vigil commitments load): the rows read from one file as
-- canonical JSON, sealed by the 'commitments' log record that log_seq names. The newest load
-- of a kind is the current one.
CREATE TABLE commitment_loads (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  file      TEXT NOT NULL,
  rows      INTEGER NOT NULL,
  warnings  INTEGER NOT NULL,
  loaded_at INTEGER NOT NULL,
  loaded_by TEXT NOT NULL,
  content   TEXT NOT NULL,
  log_seq   INTEGER
);
)sql",
};

int user_version(Database& db) {
  Statement st(db, "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.int64(0));
}

}  // namespace

int current_schema_version() {
  return static_cast<int>(kMigrations.size());
}

void migrate(Database& db, bool create) {
  if (db.postgresql()) return migrate_postgresql(db, create);
  int version = user_version(db);
  if (version > current_schema_version())
    throw DatabaseError(fmt::format(
        "{}: workspace schema version {} is newer than this vigil understands ({}); upgrade vigil",
        db.path(), version, current_schema_version()));
  if (version < current_schema_version() && db.read_only())
    throw ReadOnlyWorkspace(fmt::format(
        "{}: workspace schema version {} predates this vigil's ({}), and upgrading it needs "
        "write access ({}); open it once with write access",
        db.path(), version, current_schema_version(), db.read_only_reason()));
  while (version < current_schema_version()) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    ++version;
    db.exec(fmt::format("PRAGMA user_version = {}", version));
    tx.commit();
  }
}

}  // namespace vigil::store
