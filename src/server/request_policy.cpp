#include "vigil/server/request_policy.hpp"

#include <cmath>

namespace vigil::server {

ApiResponse too_many_requests(double retry_after_s, std::string_view message) {
  auto response = error_response(429, message);
  response.headers.emplace_back("Retry-After",
                                std::to_string(static_cast<int>(std::ceil(retry_after_s))));
  return response;
}

Decision RequestPolicy::decide(IncomingRequest incoming, RateLimiter::Clock::time_point now) const {
  Decision decision;
  auto respond = [&](ApiResponse response, bool close) {
    decision.kind = Decision::Kind::respond;
    decision.response = std::move(response);
    decision.close = close;
    return std::move(decision);
  };
  if (!incoming.request.target.starts_with("/api/")) {
    decision.kind = Decision::Kind::static_file;
    return decision;
  }
  // A client that keeps failing to authenticate is not answered by looking up its keys.
  double retry_after = 0;
  if (!auth_failures_.can_allow(incoming.peer, now, retry_after))
    return respond(
        too_many_requests(retry_after, "too many requests without a valid key from this address"),
        true);
  const auto who = keys_.authenticate(incoming.authorization);
  if (!who) {
    auth_failures_.allow(incoming.peer, now, retry_after);
    auto response =
        error_response(401, "a valid API key is required: Authorization: Bearer vk_...");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return respond(std::move(response), false);
  }
  auto routed = api_.route(incoming.request, *who);
  if (routed.refusal) return respond(std::move(*routed.refusal), false);
  if (!per_key_.allow(who->key_id, now, retry_after))
    return respond(too_many_requests(retry_after, "too many requests for this key; slow down"),
                   false);
  if (routed.access == Access::events) {
    try {
      decision.since = event_stream_since(incoming.request.target, incoming.last_event_id);
    } catch (const ApiError& e) {
      return respond(error_response(e.status(), e.what(), e.field()), false);
    }
    decision.kind = Decision::Kind::events;
    decision.who = *who;
    return decision;
  }
  if (in_flight_.load() >= max_queued_)
    return respond(error_response(503, "the server is busy; try again"), true);
  decision.kind = Decision::Kind::dispatch;
  decision.who = *who;
  decision.routed = std::move(routed);
  decision.request = std::move(incoming.request);
  return decision;
}

}  // namespace vigil::server
