#pragma once

// vigil's HTTP API (docs/api.md), apart from the transport: a request as text in, a response
// as text out. vigil serve authenticates, limits and dispatches; this layer routes, checks
// roles, validates every parameter and field, and runs the handler on the connection it is
// given. Keeping it free of sockets lets tests and the fuzzer drive it directly.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "vigil/store/api_key_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::server {

// Who is asking: the key that authenticated the request.
struct Principal {
  std::string key_id;
  std::string name;
  store::Role role = store::Role::observer;
  // How writes name their author: "NAME (key ID)".
  std::string label() const;
};

struct ApiRequest {
  std::string method;  // "GET", "POST", "DELETE", ...
  std::string target;  // path and query, as received
  std::string content_type;
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A request the API refuses: its status (4xx) and a message; `field` names the parameter or
// body field at fault when there is one.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), status_(status), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string field_;
};

ApiResponse error_response(int status, std::string_view message, std::string_view field = {});

// Where an event stream starts: after the seq in Last-Event-ID when the client resumes, else
// after the `since` parameter (-1: only what comes next). The target's query goes through the
// same strict parser as every route's: an unknown parameter or a bad seq is an ApiError (400).
std::int64_t event_stream_since(std::string_view target, std::string_view last_event_id);

// Writes go to the one writer connection, one at a time; reads to any reader connection.
enum class Access { read, write, events };

// The API's routes as the server has them: method, path pattern ("{}" for one segment), the
// roles that may call it. For checking the OpenAPI description against (openapi_document).
struct RouteInfo {
  std::string method;
  std::string pattern;
  std::vector<std::string> roles;
  Access access;
};
std::vector<RouteInfo> api_routes();

// The OpenAPI 3.1 description of the API (src/server/openapi.json, compiled in), served at
// GET /api/v1/openapi.json.
const std::string& openapi_document();

struct ApiLimits {
  std::int64_t max_page = 10'000;     // most records one page may hold
  std::int64_t default_page = 1'000;  // records per page when `limit` is not given
};

class Api;
namespace detail {
class ResponseCache;
}

// What a write does before its turn on the writer connection, so that it overlaps the writes
// ahead of it: an observation batch is read and validated while another is being stored.
class PreparedWrite {
 public:
  virtual ~PreparedWrite() = default;
};

// A request matched to its route; `handler` is null when there is nothing to run, and then
// `refusal` says why (404, 405 or 403).
struct RoutedRequest {
  const void* route = nullptr;
  Access access = Access::read;
  std::vector<std::string> path_parameters;
  std::optional<ApiResponse> refusal;
};

class Api {
 public:
  explicit Api(ApiLimits limits = {});

  // Finds the route and checks the role; cheap, so it runs before any queueing.
  RoutedRequest route(const ApiRequest& request, const Principal& who) const;

  // Starts a routed write's preparation, for the routes that have one (null for the others,
  // and when too many are already waiting). Never throws: a request that cannot be prepared
  // is prepared again by run(), which answers its error.
  std::unique_ptr<PreparedWrite> prepare(const RoutedRequest& routed, const ApiRequest& request,
                                         const Principal& who) const;

  // Runs a routed request on `ws`, with what prepare() made of it if anything. Never throws:
  // refusals and failures become responses.
  ApiResponse run(const RoutedRequest& routed, const ApiRequest& request, const Principal& who,
                  store::Workspace& ws, PreparedWrite* prepared = nullptr) const;

  // route() then run(), for callers with one connection (tests, the fuzzer).
  ApiResponse handle(const ApiRequest& request, const Principal& who, store::Workspace& ws) const;

  const ApiLimits& limits() const { return limits_; }

 private:
  ApiLimits limits_;
  std::shared_ptr<detail::ResponseCache> cache_;       // answers derived from immutable records
  std::shared_ptr<std::atomic<int>> writes_prepared_;  // prepared and not yet run
};

}  // namespace vigil::server
