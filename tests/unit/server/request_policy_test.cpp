// What vigil serve decides about a request, without a socket: the order of its checks
// (failed-authentication limit per address, key, route and role, rate per key, event stream
// parameters, the queue) and what each answer is.
#include "vigil/server/request_policy.hpp"

#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::server {
namespace {

using Kind = Decision::Kind;

class RequestPolicyTest : public test::WorkspaceFixture {
 protected:
  void SetUp() override {
    WorkspaceFixture::SetUp();
    auto ws = open();
    analyst_ = store::add_api_key(ws, store::Role::analyst, "analyst", "test").token;
    observer_ = store::add_api_key(ws, store::Role::observer, "observer", "test").token;
    keys_ = std::make_unique<KeyRing>(ws);
  }

  Decision decide(std::string method, std::string target, const std::string& token,
                  std::string peer = "192.0.2.1", std::string last_event_id = {}) {
    RequestPolicy policy(api_, *keys_, per_key_, auth_failures_, in_flight_, max_queued_);
    IncomingRequest incoming{{std::move(method), std::move(target), {}, {}},
                             token.empty() ? "" : "Bearer " + token,
                             std::move(last_event_id),
                             std::move(peer)};
    return policy.decide(std::move(incoming), now_);
  }

  Api api_;
  std::unique_ptr<KeyRing> keys_;
  RateLimiter per_key_{1, 3};
  RateLimiter auth_failures_{1, 2};
  std::atomic<std::size_t> in_flight_{0};
  std::size_t max_queued_ = 2;
  RateLimiter::Clock::time_point now_ = RateLimiter::Clock::now();
  std::string analyst_, observer_;
};

TEST_F(RequestPolicyTest, EverythingOutsideTheApiIsADashboardFileWithoutAKey) {
  for (const char* target : {"/", "/index.html", "/assets/app.js", ".vigil.key", "/api", "/apix"})
    EXPECT_EQ(decide("GET", target, "").kind, Kind::static_file) << target;
}

TEST_F(RequestPolicyTest, ReadsAndWritesAreDispatchedWithTheirPrincipal) {
  const auto read = decide("GET", "/api/v1/incidents", analyst_);
  ASSERT_EQ(read.kind, Kind::dispatch);
  EXPECT_EQ(read.who->role, store::Role::analyst);
  EXPECT_EQ(read.routed.access, Access::read);
  EXPECT_EQ(read.request.target, "/api/v1/incidents");
  const auto write = decide("POST", "/api/v1/observations", analyst_);
  ASSERT_EQ(write.kind, Kind::dispatch);
  EXPECT_EQ(write.routed.access, Access::write);
}

TEST_F(RequestPolicyTest, AWrongKeyIs401AndTheAddressIsCutOffAfterItsBurst) {
  const auto first = decide("GET", "/api/v1/me", "vk_0123456789abcdef_" + std::string(64, '0'));
  EXPECT_EQ(first.kind, Kind::respond);
  EXPECT_EQ(first.response.status, 401);
  EXPECT_FALSE(first.close);
  EXPECT_EQ(decide("GET", "/api/v1/me", "", "192.0.2.1").response.status, 401);
  // The burst of two failures is spent: a third is refused before any key is looked at, even
  // a good one, and the connection is closed.
  const auto limited = decide("GET", "/api/v1/me", analyst_, "192.0.2.1");
  EXPECT_EQ(limited.response.status, 429);
  EXPECT_TRUE(limited.close);
  EXPECT_EQ(limited.response.headers.at(0).first, "Retry-After");
  // Another address is not affected.
  EXPECT_EQ(decide("GET", "/api/v1/me", analyst_, "192.0.2.2").kind, Kind::dispatch);
}

TEST_F(RequestPolicyTest, RoleAndRouteRefusalsComeBeforeTheRateLimit) {
  EXPECT_EQ(decide("POST", "/api/v1/observations", observer_).response.status, 403);
  EXPECT_EQ(decide("GET", "/api/v1/nowhere", observer_).response.status, 404);
  EXPECT_EQ(decide("DELETE", "/api/v1/incidents", observer_).response.status, 405);
  // Three tokens a key: the refusals above took none.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(decide("GET", "/api/v1/me", observer_).kind, Kind::dispatch);
  const auto limited = decide("GET", "/api/v1/me", observer_);
  EXPECT_EQ(limited.response.status, 429);
  EXPECT_FALSE(limited.close);
  EXPECT_EQ(decide("GET", "/api/v1/me", analyst_).kind, Kind::dispatch);
}

TEST_F(RequestPolicyTest, EventStreamsParseSinceStrictlyAndPreferLastEventId) {
  auto d = decide("GET", "/api/v1/events?since=7", analyst_);
  ASSERT_EQ(d.kind, Kind::events);
  EXPECT_EQ(d.since, 7);
  EXPECT_EQ(decide("GET", "/api/v1/events", observer_).since, -1);
  EXPECT_EQ(decide("GET", "/api/v1/events?since=7", observer_, "192.0.2.1", "12").since, 12);
  // "nosince" is not "since" (it was read as since=7).
  d = decide("GET", "/api/v1/events?nosince=7", analyst_);
  EXPECT_EQ(d.response.status, 400);
  EXPECT_NE(d.response.body.find("nosince"), std::string::npos) << d.response.body;
  EXPECT_EQ(decide("GET", "/api/v1/events?since=x", analyst_).response.status, 400);
}

TEST_F(RequestPolicyTest, AFullQueueIs503AndClosesWhileEventStreamsStillOpen) {
  in_flight_ = max_queued_;
  const auto busy = decide("GET", "/api/v1/incidents", analyst_);
  EXPECT_EQ(busy.response.status, 503);
  EXPECT_TRUE(busy.close);
  EXPECT_EQ(decide("GET", "/api/v1/events", analyst_).kind, Kind::events);
}

}  // namespace
}  // namespace vigil::server
