#include "vigil/store/api_key_store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"
#include "vigil/server/key_ring.hpp"
#include "vigil/server/rate_limiter.hpp"

namespace vigil::store {
namespace {

class ApiKeyStoreTest : public test::BackendWorkspaceFixture {};

TEST_P(ApiKeyStoreTest, AKeyIsShownOnceAndOnlyItsHashIsStored) {
  auto ws = open();
  const auto issued = add_api_key(ws, Role::analyst, "Ana", "admin");
  ASSERT_EQ(issued.token.size(), 3u + 16 + 1 + 64);
  EXPECT_EQ(issued.token.substr(3, 16), issued.key.id);
  const auto secret = issued.token.substr(20);
  {
    store::Statement stored(ws.db(), "SELECT secret_hash FROM api_keys");
    ASSERT_TRUE(stored.step());
    std::string stored_hex;
    for (const auto b : stored.blob(0))
      stored_hex += fmt::format("{:02x}", b);
    EXPECT_EQ(stored_hex.size(), 64u);
    EXPECT_EQ(stored_hex.find(secret), std::string::npos) << "the secret itself is stored";
  }
  const auto token = parse_key_token(issued.token);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->secret_hash, issued.key.secret_hash);
  const auto keys = list_api_keys(ws);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].name, "Ana");
  EXPECT_EQ(keys[0].role, Role::analyst);
  EXPECT_EQ(keys[0].created_by, "admin");
}

TEST_P(ApiKeyStoreTest, MalformedTokensAndNamesAreRefused) {
  for (const char* bad :
       {"", "vk_", "vk_0123456789abcdef",
        "xx_0123456789abcdef_0000000000000000000000000000000000000000000000000000000000000000",
        "vk_0123456789abcdeg_0000000000000000000000000000000000000000000000000000000000000000",
        "vk_0123456789abcdef-0000000000000000000000000000000000000000000000000000000000000000",
        "vk_0123456789abcdef_00000000000000000000000000000000000000000000000000000000000000000"})
    EXPECT_FALSE(parse_key_token(bad)) << bad;
  auto ws = open();
  EXPECT_THROW(add_api_key(ws, Role::monitor, "", "a"), std::invalid_argument);
  EXPECT_THROW(add_api_key(ws, Role::monitor, std::string(101, 'n'), "a"), std::invalid_argument);
  EXPECT_THROW(add_api_key(ws, Role::monitor, "tab\there", "a"), std::invalid_argument);
  EXPECT_EQ(parse_role("root"), std::nullopt);
  EXPECT_EQ(parse_role("observer"), Role::observer);
}

TEST_P(ApiKeyStoreTest, TheKeyRingAuthenticatesValidKeysAndForgetsRevokedOnes) {
  auto ws = open();
  const auto a = add_api_key(ws, Role::monitor, "team 1", "admin");
  const auto b = add_api_key(ws, Role::observer, "press", "admin");
  server::KeyRing ring(ws);
  auto who = ring.authenticate("Bearer " + a.token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->role, Role::monitor);
  EXPECT_EQ(who->label(), "team 1 (key " + a.key.id + ")");
  EXPECT_TRUE(ring.authenticate("bearer  " + b.token + " "));
  EXPECT_FALSE(ring.authenticate(b.token));
  EXPECT_FALSE(ring.authenticate("Basic " + b.token));
  // The same id with another secret.
  auto forged = a.token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_FALSE(ring.authenticate("Bearer " + forged));

  EXPECT_TRUE(revoke_api_key(ws, a.key.id, "admin"));
  EXPECT_FALSE(revoke_api_key(ws, a.key.id, "admin"));
  EXPECT_FALSE(revoke_api_key(ws, "ffffffffffffffff", "admin"));
  EXPECT_TRUE(ring.authenticate("Bearer " + a.token));  // until refreshed
  ring.refresh(ws);
  EXPECT_FALSE(ring.authenticate("Bearer " + a.token));
  EXPECT_TRUE(ring.authenticate("Bearer " + b.token));
  const auto keys = list_api_keys(ws);
  ASSERT_TRUE(keys[0].revoked);
  EXPECT_EQ(keys[0].revoked_by, "admin");
}

TEST(RateLimiterTest, BurstThenRateThenRefill) {
  server::RateLimiter limiter(10, 3);
  const auto t0 = server::RateLimiter::Clock::now();
  double retry = 0;
  EXPECT_TRUE(limiter.allow("a", t0, retry));
  EXPECT_TRUE(limiter.allow("a", t0, retry));
  EXPECT_TRUE(limiter.allow("a", t0, retry));
  EXPECT_FALSE(limiter.allow("a", t0, retry));
  EXPECT_NEAR(retry, 0.1, 1e-9);
  EXPECT_TRUE(limiter.allow("b", t0, retry));  // another key has its own bucket
  EXPECT_TRUE(limiter.allow("a", t0 + std::chrono::milliseconds(100), retry));
  EXPECT_FALSE(limiter.allow("a", t0 + std::chrono::milliseconds(100), retry));
  server::RateLimiter off(0, 1);
  for (int i = 0; i < 1000; ++i)
    EXPECT_TRUE(off.allow("a", t0, retry));
}

INSTANTIATE_BOTH_BACKENDS(ApiKeyStoreTest);

}  // namespace
}  // namespace vigil::store
