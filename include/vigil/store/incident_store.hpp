#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vigil/core/incident.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

// Appends incidents and reviews to the log in one transaction and keeps the query tables
// (incidents, incident_evidence, incident_entities, reviews) in step with it.
class IncidentWriter {
 public:
  explicit IncidentWriter(Workspace& workspace);

  struct Logged {
    std::string id;
    bool created = false;  // false: an identical incident was already logged
    std::int64_t seq = 0;  // its log record
  };
  // Validates the incident (rule, times, position, confidence, evidence that exists), fills
  // a derived id when none is set, and logs it unless that id is already logged.
  // Throws std::invalid_argument naming the field.
  Logged add(Incident incident);

  // Logs a review of a logged incident; throws std::invalid_argument when it is unknown.
  std::int64_t review(const Review& review);

  void commit();  // seals the chain head and commits

 private:
  Workspace& ws_;
  Transaction tx_;
};

// Applies one log record to the query tables (shared by the writer and by verification).
void apply_to_tables(Database& db, const ledger::LogRecord& record);

struct IncidentFilter {
  std::optional<Timestamp> from;  // incidents that end at or after
  std::optional<Timestamp> to;    // incidents that start before
  std::optional<BoundingBox> bbox;
  std::vector<std::string> rules;
  std::vector<std::string> statuses;
  std::vector<std::string> entities;
  std::vector<std::string> ids;
  std::optional<double> min_confidence;
  std::optional<std::int64_t> limit;
  // Keyset paging: only incidents after this (start, id), in listing order.
  std::optional<std::pair<Timestamp, std::string>> after;
};

struct StoredIncident {
  Incident incident;
  IncidentStatus status = IncidentStatus::open;
  std::int64_t log_seq = 0;
  std::string log_hash;
};

void for_each_incident(Workspace& ws, const IncidentFilter& filter,
                       const std::function<bool(const StoredIncident&)>& visit);

// The same listing as stored text, without parsing the log body: for answers that pass the
// body on as it is (vigil serve's listings). Views are valid during the call only.
struct IncidentRow {
  std::string_view body;  // the log record's canonical JSON
  std::string_view status;
  std::int64_t log_seq;
  std::string_view log_hash;
  std::string_view id;
  double lat, lon;
  Timestamp start;
};
void for_each_incident_row(Workspace& ws, const IncidentFilter& filter,
                           const std::function<bool(const IncidentRow&)>& visit);

std::optional<StoredIncident> find_incident(Workspace& ws, std::string_view id);
// The logged incidents of `rule` whose evidence includes any of these observations, sorted,
// each once.
std::vector<std::string> incidents_sharing_evidence(Workspace& ws, std::string_view rule,
                                                    const std::vector<std::string>& evidence);
std::vector<Review> reviews_of(Workspace& ws, std::string_view incident_id);
// The incident's status as its reviews left it before log record `seq` (open before any).
IncidentStatus status_before(Workspace& ws, std::string_view incident_id, std::int64_t seq);

// The tables derived from the log (incidents, their evidence and entities, reviews, the
// spatial index) against the same tables rebuilt in memory from `records`, row by row; counts
// the incident and review records.
std::optional<SealProblem> check_incident_tables(Workspace& ws, const LogRecords& records,
                                                 std::int64_t& incidents, std::int64_t& reviews);

}  // namespace vigil::store
