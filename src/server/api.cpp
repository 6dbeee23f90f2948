#include "vigil/server/api.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/core/hash.hpp"

namespace vigil::server {
namespace detail {
namespace {

using Handler = ApiResponse (*)(Call&);

constexpr unsigned role_bit(store::Role role) {
  return 1U << static_cast<unsigned>(role);
}
constexpr unsigned kMonitor = role_bit(store::Role::monitor);
constexpr unsigned kAnalyst = role_bit(store::Role::analyst);
constexpr unsigned kObserver = role_bit(store::Role::observer);
constexpr unsigned kAdmin = role_bit(store::Role::admin);
constexpr unsigned kEveryone = kMonitor | kAnalyst | kObserver | kAdmin;
constexpr unsigned kReaders = kAnalyst | kObserver | kAdmin;  // observers see less (handlers)
constexpr unsigned kSubmitters = kMonitor | kAnalyst | kAdmin;
constexpr unsigned kReviewers = kAnalyst | kAdmin;

struct Route {
  std::string_view method;
  std::string_view pattern;  // "{}" matches one path segment
  Access access;
  unsigned roles;
  Handler handler;
};

ApiResponse no_stream(Call&) {
  throw ApiError(400, "the event stream needs vigil serve's streaming connection");
}

// The whole API; docs/api.md documents each route with its roles.
constexpr Route kRoutes[] = {
    {"GET", "/api/v1/me", Access::read, kEveryone, get_me},
    {"GET", "/api/v1/status", Access::read, kEveryone, get_status},
    {"GET", "/api/v1/incidents", Access::read, kReaders, list_incidents},
    {"POST", "/api/v1/incidents", Access::write, kReviewers, add_incident},
    {"POST", "/api/v1/incidents/export", Access::read, kReaders, export_incidents},
    {"GET", "/api/v1/incidents/{}", Access::read, kReaders, get_incident},
    {"POST", "/api/v1/incidents/{}/reviews", Access::write, kReviewers, review_incident},
    {"GET", "/api/v1/events", Access::events, kReaders, no_stream},
    {"GET", "/api/v1/observations", Access::read, kReviewers, list_observations},
    {"GET", "/api/v1/observations/export", Access::read, kReviewers, export_observations},
    {"GET", "/api/v1/sources/{}", Access::read, kReviewers, get_source},
    {"POST", "/api/v1/observations", Access::write, kSubmitters, ingest_observations},
    {"GET", "/api/v1/lines", Access::read, kReaders, list_lines},
    {"GET", "/api/v1/lines/{}", Access::read, kReaders, get_line},
    {"GET", "/api/v1/zones", Access::read, kReaders, get_zones},
    {"GET", "/api/v1/sectors", Access::read, kReaders, get_sectors},
    {"GET", "/api/v1/coverage", Access::read, kReviewers, get_coverage},
    {"GET", "/api/v1/reports/daily", Access::read, kReviewers, get_daily_report},
    {"GET", "/api/v1/reports/published", Access::read, kReaders, list_published_reports},
    {"POST", "/api/v1/reports/published", Access::write, kReviewers, publish_report},
    {"GET", "/api/v1/reports/published/{}", Access::read, kReaders, get_published_report},
    {"GET", "/api/v1/vessels", Access::read, kReviewers, list_vessels},
    {"GET", "/api/v1/vessels/{}", Access::read, kReviewers, get_vessel},
    {"GET", "/api/v1/vessels/{}/track", Access::read, kReviewers, get_vessel_track},
    {"GET", "/api/v1/risk", Access::read, kReviewers, list_risk},
    {"GET", "/api/v1/screening", Access::read, kReviewers, list_screening},
    {"GET", "/api/v1/commitments", Access::read, kEveryone, get_commitments},
    {"GET", "/api/v1/log", Access::read, kReviewers, get_log},
    {"GET", "/api/v1/log/verify", Access::read, kReaders, verify_log},
    {"POST", "/api/v1/detect", Access::write, kReviewers, run_detection},
    {"GET", "/api/v1/keys", Access::read, kAdmin, list_keys},
    {"POST", "/api/v1/keys", Access::write, kAdmin, add_key},
    {"DELETE", "/api/v1/keys/{}", Access::write, kAdmin, revoke_key},
    {"GET", "/api/v1/openapi.json", Access::read, kEveryone, get_openapi},
};

// Writes with work to do before their turn on the writer (handlers.hpp, PrepareCall).
using Preparer = std::unique_ptr<PreparedWrite> (*)(const PrepareCall&);
struct Preparation {
  Handler handler;
  Preparer prepare;
};
constexpr Preparation kPreparations[] = {{ingest_observations, prepare_ingest}};

// At most this many prepared writes wait for their turn: each holds a reading thread and up
// to a few tens of thousands of validated records.
constexpr int kMaxWritesPrepared = 4;

// Matches `path` against `pattern`, collecting the segments that "{}" stands for.
bool match(std::string_view pattern, std::string_view path, std::vector<std::string>& out) {
  out.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto p_end = pattern.find('/'), s_end = path.find('/');
    const auto p = pattern.substr(0, p_end), s = path.substr(0, s_end);
    if (p == "{}") {
      if (s.empty()) return false;
      out.emplace_back(s);
    } else if (p != s) {
      return false;
    }
    pattern = p_end == std::string_view::npos ? std::string_view() : pattern.substr(p_end);
    path = s_end == std::string_view::npos ? std::string_view() : path.substr(s_end);
  }
  return true;
}

}  // namespace

ApiResponse json_response(int status, const nlohmann::json& body) {
  return {status,
          "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          {}};
}

nlohmann::json body_object(const Call& call) {
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(call.request.body);
  } catch (const nlohmann::json::exception& e) {
    throw ApiError(400, fmt::format("the body is not JSON: {}", e.what()));
  }
  if (!body.is_object()) throw ApiError(400, "the body must be a JSON object");
  return body;
}

std::string make_cursor(std::int64_t time, std::string_view id) {
  return fmt::format("{}_{}", time, id);
}

std::pair<std::int64_t, std::string> parse_cursor(std::string_view cursor) {
  const auto refuse = [] {
    throw ApiError(400, "parameter 'cursor': not a cursor this API returned", "cursor");
  };
  const auto underscore = cursor.find('_');
  if (underscore == std::string_view::npos) refuse();
  const std::string_view time_text = cursor.substr(0, underscore);
  const std::string_view id = cursor.substr(underscore + 1);
  std::int64_t time = 0;
  const auto [end, ec] =
      std::from_chars(time_text.data(), time_text.data() + time_text.size(), time);
  const bool hex = !id.empty() && id.size() <= 64 &&
                   id.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
  if (ec != std::errc() || end != time_text.data() + time_text.size() || !hex) refuse();
  return {time, std::string(id)};
}

}  // namespace detail

std::int64_t event_stream_since(std::string_view target, std::string_view last_event_id) {
  const auto [path, params] = QueryParams::split_target(target);
  params.allow({"since"});
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  const auto since = params.integer("since", -1, 0, kMax);
  if (last_event_id.empty()) return since;
  std::int64_t seq = -1;
  const auto [end, ec] =
      std::from_chars(last_event_id.data(), last_event_id.data() + last_event_id.size(), seq);
  if (ec != std::errc() || end != last_event_id.data() + last_event_id.size() || seq < 0)
    throw ApiError(400, "Last-Event-ID: must be a log seq", "Last-Event-ID");
  return seq;
}

std::string Principal::label() const {
  return fmt::format("{} (key {})", name, key_id);
}

ApiResponse error_response(int status, std::string_view message, std::string_view field) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return detail::json_response(status, {{"error", error}});
}

Api::Api(ApiLimits limits)
    : limits_(limits),
      cache_(std::make_shared<detail::ResponseCache>()),
      writes_prepared_(std::make_shared<std::atomic<int>>(0)) {}

std::vector<RouteInfo> api_routes() {
  std::vector<RouteInfo> routes;
  for (const auto& route : detail::kRoutes) {
    RouteInfo info{std::string(route.method), std::string(route.pattern), {}, route.access};
    for (const auto role :
         {store::Role::monitor, store::Role::analyst, store::Role::observer, store::Role::admin})
      if ((route.roles & detail::role_bit(role)) != 0)
        info.roles.emplace_back(store::to_string(role));
    routes.push_back(std::move(info));
  }
  return routes;
}

RoutedRequest Api::route(const ApiRequest& request, const Principal& who) const {
  RoutedRequest routed;
  std::string path;
  try {
    path = QueryParams::split_target(request.target).first;
  } catch (const ApiError& e) {
    routed.refusal = error_response(e.status(), e.what());
    return routed;
  }
  bool path_known = false;
  std::vector<std::string> allowed_methods;
  for (const auto& route : detail::kRoutes) {
    if (!detail::match(route.pattern, path, routed.path_parameters)) continue;
    path_known = true;
    if (route.method != request.method) {
      allowed_methods.emplace_back(route.method);
      continue;
    }
    if ((route.roles & detail::role_bit(who.role)) == 0) {
      routed.refusal = error_response(
          403, fmt::format("a key with role '{}' may not {} {}", store::to_string(who.role),
                           request.method, route.pattern));
      return routed;
    }
    routed.route = &route;
    routed.access = route.access;
    return routed;
  }
  if (!path_known) {
    routed.refusal = error_response(404, "no such resource");
  } else {
    std::string allow;
    for (const auto& m : allowed_methods)
      allow += (allow.empty() ? "" : ", ") + m;
    routed.refusal = error_response(405, fmt::format("method {} not allowed here", request.method));
    routed.refusal->headers.emplace_back("Allow", allow);
  }
  return routed;
}

namespace {

// Counts itself among the writes prepared until it is destroyed.
class CountedPreparation : public PreparedWrite {
 public:
  CountedPreparation(std::unique_ptr<PreparedWrite> inner, std::shared_ptr<std::atomic<int>> count)
      : inner_(std::move(inner)), count_(std::move(count)) {}
  ~CountedPreparation() override { --*count_; }
  CountedPreparation(const CountedPreparation&) = delete;
  CountedPreparation& operator=(const CountedPreparation&) = delete;
  PreparedWrite* inner() const { return inner_.get(); }

 private:
  std::unique_ptr<PreparedWrite> inner_;
  std::shared_ptr<std::atomic<int>> count_;
};

}  // namespace

std::unique_ptr<PreparedWrite> Api::prepare(const RoutedRequest& routed, const ApiRequest& request,
                                            const Principal& who) const {
  if (routed.refusal) return nullptr;
  const auto& route = *static_cast<const detail::Route*>(routed.route);
  for (const auto& preparation : detail::kPreparations) {
    if (preparation.handler != route.handler) continue;
    if (++*writes_prepared_ > detail::kMaxWritesPrepared) {
      --*writes_prepared_;
      return nullptr;
    }
    try {
      auto [path, query] = QueryParams::split_target(request.target);
      auto prepared = preparation.prepare(detail::PrepareCall{request, who, query});
      return std::make_unique<CountedPreparation>(std::move(prepared), writes_prepared_);
    } catch (...) {  // run() prepares again and answers the error
      --*writes_prepared_;
      return nullptr;
    }
  }
  return nullptr;
}

ApiResponse Api::run(const RoutedRequest& routed, const ApiRequest& request, const Principal& who,
                     store::Workspace& ws, PreparedWrite* prepared) const {
  if (routed.refusal) return *routed.refusal;
  const auto& route = *static_cast<const detail::Route*>(routed.route);
  if (const auto* counted = dynamic_cast<const CountedPreparation*>(prepared))
    prepared = counted->inner();
  if (route.access == Access::write && ws.db().read_only())
    return error_response(
        503, fmt::format("the workspace is read-only to this server ({}): it serves reads only",
                         ws.db().read_only_reason()));
  try {
    auto [path, query] = QueryParams::split_target(request.target);
    detail::Call call{request, who, routed.path_parameters, query, ws, limits_, *cache_, prepared};
    return route.handler(call);
  } catch (const ApiError& e) {
    return error_response(e.status(), e.what(), e.field());
  } catch (const std::invalid_argument& e) {
    // The store's validation: the message names the field.
    return error_response(400, e.what());
  } catch (const store::ReadOnlyWorkspace& e) {
    return error_response(503, e.what());
  } catch (const std::exception& e) {
    return error_response(500, fmt::format("internal error: {}", e.what()));
  }
}

ApiResponse Api::handle(const ApiRequest& request, const Principal& who,
                        store::Workspace& ws) const {
  return run(route(request, who), request, who, ws);
}

}  // namespace vigil::server
