#pragma once
// What vigil serve does with a request whose header (and body) has arrived, decided without a
// socket, so that tests and the fuzzer drive it directly: answer it at once, serve a dashboard
// file, open an event stream, or dispatch it to the API. The policy authenticates, routes,
// rate-limits (per key, and failed authentication per client address) and admits (the queue of
// dispatched requests); the transport (http_server.cpp) carries out what it decides.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "vigil/server/api.hpp"
#include "vigil/server/key_ring.hpp"
#include "vigil/server/rate_limiter.hpp"

namespace vigil::server {

struct IncomingRequest {
  ApiRequest request;         // method, target, content type, body
  std::string authorization;  // the Authorization header
  std::string last_event_id;  // the Last-Event-ID header
  std::string peer;           // the client's address
};

struct Decision {
  enum class Kind {
    respond,      // send `response` (and close after it when `close`)
    static_file,  // a dashboard file: everything outside /api/ (StaticFiles decides)
    events,       // open an event stream for `who`, after log seq `since`
    dispatch,     // run `routed` for `who` on a reader or, for writes, the writer
  };
  Kind kind = Kind::respond;
  ApiResponse response;
  bool close = false;
  std::optional<Principal> who;
  RoutedRequest routed;
  std::int64_t since = -1;
  ApiRequest request;  // dispatch: the request, moved out of the IncomingRequest
};

class RequestPolicy {
 public:
  // `in_flight`: requests dispatched and not yet answered; at `max_queued` the policy answers
  // 503. The references must outlive the policy.
  RequestPolicy(const Api& api, const KeyRing& keys, RateLimiter& per_key,
                RateLimiter& auth_failures_per_address, const std::atomic<std::size_t>& in_flight,
                std::size_t max_queued)
      : api_(api),
        keys_(keys),
        per_key_(per_key),
        auth_failures_(auth_failures_per_address),
        in_flight_(in_flight),
        max_queued_(max_queued) {}

  Decision decide(IncomingRequest incoming, RateLimiter::Clock::time_point now) const;

 private:
  const Api& api_;
  const KeyRing& keys_;
  RateLimiter& per_key_;
  RateLimiter& auth_failures_;
  const std::atomic<std::size_t>& in_flight_;
  std::size_t max_queued_;
};

// 429 with its Retry-After (whole seconds, rounded up).
ApiResponse too_many_requests(double retry_after_s, std::string_view message);

}  // namespace vigil::server
