#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/core/observation.hpp"
#include "vigil/core/time.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::store {

// The id the next batch will get: batches are numbered in the order they were stored.
std::int64_t next_batch_id(Database& db);

// Adds the observations of one input file in one transaction. Nothing is visible to readers
// until commit(), which also appends the batch's log record and signs the chain head; if the
// process dies or the writer is destroyed first, the workspace is exactly as before.
class BatchWriter {
 public:
  enum class Outcome { added, duplicate, conflict };

  BatchWriter(Workspace& workspace, std::string file, std::string format, std::string by);
  ~BatchWriter();

  // `attributes_json` must be obs.attributes.dump() and `digest` content_digest(obs);
  // `obs.id` must be set, and `id_is_derived` says whether it is content_id(time, digest)
  // (derived ids need no entry in given_ids).
  Outcome add(const Observation& obs, std::string_view attributes_json, const Digest128& digest,
              bool id_is_derived);

  // The same for many observations, in order: outcomes[i] is items[i]'s. On PostgreSQL the
  // rows go in multi-row statements, a round trip per few hundred rather than per row.
  struct Item {
    const Observation* obs;
    std::string_view attributes_json;
    const Digest128* digest;
    bool id_is_derived;
  };
  void add_all(const std::vector<Item>& items, std::vector<Outcome>& outcomes);

  // Stores what vessels said about themselves in this input; runs already stored (the same
  // vessel, attribute, value and first report) are skipped. Returns how many were added.
  std::uint64_t add_identity_runs(const std::vector<vessel::IdentityRun>& runs);

  std::uint64_t added() const { return added_; }
  std::uint64_t duplicates() const { return duplicates_; }
  std::uint64_t identity_runs_added() const { return identity_added_; }

  // Records the batch (when it added anything), seals the log and commits.
  void commit(std::uint64_t rejected);

 private:
  struct Span {
    Timestamp first;
    Timestamp last;
    std::int64_t count;
  };
  Outcome already_stored(Timestamp time, const std::string& id, const Digest128& digest);
  void count_added(const Observation& obs);
  void insert_rows(const std::vector<Item>& items, const std::vector<std::size_t>& rows,
                   std::vector<Outcome>& outcomes);

  Workspace& ws_;
  std::string file_, format_, by_;
  Timestamp started_at_;
  Transaction tx_;
  std::int64_t batch_id_;
  Statement insert_;
  Statement find_digest_;
  Statement claim_id_;
  Statement find_given_;
  std::unique_ptr<Statement> insert_many_;  // PostgreSQL: kRowsPerInsert rows at a time
  std::uint64_t added_ = 0, duplicates_ = 0, identity_added_ = 0;
  Timestamp first_time_ = kLatestTime, last_time_ = kEarliestTime;
  std::map<std::string, Span, std::less<>> entities_, sources_;
};

// Digest of a batch: BLAKE2b-256 over each added observation's id and content digest, in
// storage order (time, then id), then over its identity rows (vessel_store.hpp). Stored in
// the batch's log record; `vigil verify` recomputes it.
void add_to_batch_digest(Blake2b& hasher, std::string_view id, const Digest128& digest);

struct BoundingBox {
  double min_lon, min_lat, max_lon, max_lat;
};

struct ObservationFilter {
  std::optional<Timestamp> from;  // inclusive
  std::optional<Timestamp> to;    // exclusive
  std::optional<BoundingBox> bbox;
  std::vector<std::string> kinds;
  std::vector<std::string> sources;
  std::vector<std::string> entities;
  std::optional<std::int64_t> limit;
  // Keyset paging: only observations after this (time, id), in listing order.
  std::optional<std::pair<Timestamp, std::string>> after;
};

struct StoredObservation {
  Observation obs;
  std::int64_t batch = 0;
};

// Calls `visit` for each matching observation in time order (then id); stops early when it
// returns false.
void for_each_observation(Workspace& ws, const ObservationFilter& filter,
                          const std::function<bool(const StoredObservation&)>& visit);

// Reads columns 0..8 of a row selected as id, time_us, lat, lon, kind, source, entity,
// uncertainty_m, attributes. Throws when the stored attributes are not JSON.
void read_observation_row(const Statement& st, Observation& o);

// Whether an observation with this id is stored.
bool observation_exists(Workspace& ws, std::string_view id);
std::optional<Observation> find_observation(Workspace& ws, std::string_view id);
// The entity's latest observation (by time; the smallest id among simultaneous ones), found
// through the entities table's last time rather than a scan.
std::optional<Observation> latest_observation_of(Workspace& ws, std::string_view entity);

// The time of the newest observation stored, if any.
std::optional<Timestamp> newest_observation_time(Workspace& ws);

// Where `entity` reported itself (kind "position") in [from, to), oldest first.
struct PositionFix {
  Timestamp time = 0;
  double lat = 0, lon = 0;
};
std::vector<PositionFix> positions_of(Workspace& ws, std::string_view entity, Timestamp from,
                                      Timestamp to);
// Every position a vessel ("mmsi:N") reported in [from, to), in time order (then id), with
// its speed over ground when it gave one.
struct VesselFix {
  Timestamp time = 0;
  std::uint32_t mmsi = 0;
  double lat = 0, lon = 0;
  std::optional<double> speed_kn;
};
void for_each_vessel_fix(Workspace& ws, Timestamp from, Timestamp to,
                         const std::function<void(const VesselFix&)>& visit);
// The id of the position observation `entity` reported at `time` (the smallest id among
// several), if any.
std::optional<std::string> position_observation_at(Workspace& ws, Timestamp time,
                                                   std::string_view entity);
// The observations ceasefire detection reads: those of the ceasefire kinds and, with
// `with_positions`, the positions of entities that are not vessels (whose crossings the rules
// look for); chosen by a time window, or by the batches from `from_batch` on (what an ingest
// has just added). Both go through the partial indexes over observations that are not
// vessels' AIS reports, so the cost follows the ceasefire data, not the AIS volume beside it.
struct CeasefireSelection {
  Timestamp from = kEarliestTime;
  Timestamp to = kLatestTime;
  std::int64_t from_batch = 0;  // > 0: select by batch instead of time
  bool with_positions = true;
};
// One such observation as stored, with the attributes the rules read.
struct CeasefireRow {
  std::string_view id;
  Timestamp time = 0;
  double lat = 0, lon = 0;
  std::string_view kind, source;
  std::optional<std::string_view> entity;
  std::optional<double> uncertainty_m;
  std::optional<std::string_view> weapon_class;
  std::optional<double> count;
  std::optional<std::string_view> time_precision;
  std::optional<std::string_view> direction;
};
// Visits them in time order (then id); the row's text is valid during the call only.
void for_each_ceasefire_observation(Workspace& ws, const CeasefireSelection& selection,
                                    const std::function<void(const CeasefireRow&)>& visit);

// Whether `source` reported anything in [from, to).
bool source_reported(Workspace& ws, std::string_view source, Timestamp from, Timestamp to);

// What `source` reported in [from, to), by UTC day and kind: a patrol's, camera's or UAV's page.
// The window bounds the work (the time index, no scan of everything a source ever sent).
struct SourceDay {
  Timestamp day = 0;  // midnight UTC
  std::string kind;
  std::int64_t count = 0;
};
std::vector<SourceDay> source_activity(Workspace& ws, std::string_view source, Timestamp from,
                                       Timestamp to);

// The namespace of an entity id, as the entities table keeps it: the part before the first
// ':' ("mmsi" of "mmsi:273456000").
std::string_view entity_namespace(std::string_view entity);

// Each batch's observations and vessel identity rows, recomputed from their columns in one
// pass, against the digest and counts sealed in its 'batch' record.
struct BatchSealCounts {
  std::int64_t batches = 0;
  std::int64_t observations = 0;
  std::int64_t identity_runs = 0;
};
std::optional<SealProblem> check_observation_batches(Workspace& ws, const LogRecords& records,
                                                     BatchSealCounts& counts);
// The tallies kept for listing (entities, sources) against the same tallies recomputed from
// the observations.
std::optional<SealProblem> check_observation_tallies(Workspace& ws);

}  // namespace vigil::store
