#pragma once

// The API's handlers, grouped by resource, one file per group. Each gets the call's context
// and returns the response; refusals are thrown as ApiError.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "query_params.hpp"
#include "vigil/gis/feature_file.hpp"
#include "vigil/server/api.hpp"

namespace vigil::ceasefire {
class Classifier;
}

namespace vigil::server::detail {

// Answers that depend only on immutable records (a line version, a settlement build), kept
// so that a costly one (zone buffers take seconds) is computed once per server.
class ResponseCache {
 public:
  std::optional<ApiResponse> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void store(const std::string& key, const ApiResponse& response) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.emplace(key, response);
  }

 private:
  static constexpr std::size_t kMaxEntries = 32;
  std::mutex mutex_;
  std::map<std::string, ApiResponse> entries_;
};

struct Call {
  const ApiRequest& request;
  const Principal& who;
  const std::vector<std::string>& path;  // the route's {parameters}, in order
  const QueryParams& query;
  store::Workspace& ws;
  const ApiLimits& limits;
  ResponseCache& cache;
  PreparedWrite* prepared;  // what the route's preparer made, or null
};

// A write route's preparation: it reads only the request, never the workspace. It throws
// ApiError like a handler; then the handler, preparing again, throws the same.
struct PrepareCall {
  const ApiRequest& request;
  const Principal& who;
  const QueryParams& query;
};

// Observers see less: confirmed incidents only, and not who reviewed or published.
inline bool is_observer(const Call& call) {
  return call.who.role == store::Role::observer;
}

ApiResponse json_response(int status, const nlohmann::json& body);
// YYYY-MM-DD, a real day.
bool is_date(std::string_view text);
// The `date` parameter (YYYY-MM-DD), or "" for the latest; throws ApiError (400) when bad.
std::string date_parameter(const Call& call, bool required);
// The classifier over the settlement in force and its line's version in force on `date`, as
// this server keeps it (built once per version and settlement build); null when there is no
// settlement or no such version, for the caller to say so in its own words.
std::shared_ptr<const ceasefire::Classifier> kept_classifier(Call& call, const std::string& date);
// Parses the request body as one JSON object; throws ApiError (400) saying what is wrong.
nlohmann::json body_object(const Call& call);
// Paging cursors: opaque to clients, "TIME_ID" inside.
std::string make_cursor(std::int64_t time, std::string_view id);
std::pair<std::int64_t, std::string> parse_cursor(std::string_view cursor);

ApiResponse get_me(Call& call);
ApiResponse get_status(Call& call);

ApiResponse list_incidents(Call& call);
ApiResponse get_incident(Call& call);
ApiResponse export_incidents(Call& call);
// The file formats the exports write ("gpkg", "kml", "kmz", "csv"); `where` says whether the
// format came as a "field" or a "parameter" in the 400 that names any other.
gis::FileFormat export_format(const std::string& name, const char* where);
// A layer as the file a GIS tool opens, named for the layer ("incidents.gpkg").
ApiResponse export_response(gis::FileFormat format, const gis::Layer& layer);
ApiResponse get_openapi(Call& call);
ApiResponse add_incident(Call& call);
ApiResponse review_incident(Call& call);

ApiResponse list_observations(Call& call);
ApiResponse export_observations(Call& call);
ApiResponse get_source(Call& call);
ApiResponse ingest_observations(Call& call);
std::unique_ptr<PreparedWrite> prepare_ingest(const PrepareCall& call);

ApiResponse list_lines(Call& call);
ApiResponse get_line(Call& call);
ApiResponse get_zones(Call& call);
ApiResponse get_sectors(Call& call);
ApiResponse get_coverage(Call& call);
ApiResponse get_daily_report(Call& call);
ApiResponse publish_report(Call& call);
ApiResponse list_published_reports(Call& call);
ApiResponse get_commitments(Call& call);
ApiResponse get_published_report(Call& call);

ApiResponse list_vessels(Call& call);
ApiResponse get_vessel(Call& call);
ApiResponse get_vessel_track(Call& call);
ApiResponse list_risk(Call& call);
ApiResponse list_screening(Call& call);

ApiResponse get_log(Call& call);
ApiResponse verify_log(Call& call);
ApiResponse run_detection(Call& call);

ApiResponse list_keys(Call& call);
ApiResponse add_key(Call& call);
ApiResponse revoke_key(Call& call);

}  // namespace vigil::server::detail
