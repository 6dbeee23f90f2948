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

// The probe turned an observer's key into an admin's behind vigil's back and the log still
// verified: keys were not in it. Each key's making and revocation are log records now.
TEST_P(ApiKeyStoreTest, KeysAreLoggedAndEveryEditOfTheirTableIsCaught) {
  std::string observer_id, revoked_id;
  {
    auto ws = open();
    observer_id = add_api_key(ws, Role::observer, "Olga", "admin").key.id;
    revoked_id = add_api_key(ws, Role::analyst, "Ana", "admin").key.id;
    ASSERT_TRUE(revoke_api_key(ws, revoked_id, "admin"));
  }
  auto v = verify();
  ASSERT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.records, 3) << "two made, one revoked";
  EXPECT_EQ(count("SELECT count(*) FROM log_records WHERE kind = 'key'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM log_records WHERE body LIKE '%secret_hash%'"), 0);
  const struct {
    std::string edit, undo;
  } edits[] = {
      {"UPDATE api_keys SET role = 'admin' WHERE id = '" + observer_id + "'",
       "UPDATE api_keys SET role = 'observer' WHERE id = '" + observer_id + "'"},
      {"UPDATE api_keys SET name = 'Oleg' WHERE id = '" + observer_id + "'",
       "UPDATE api_keys SET name = 'Olga' WHERE id = '" + observer_id + "'"},
      {"UPDATE api_keys SET secret_hash = (SELECT secret_hash FROM api_keys WHERE id = '" +
           revoked_id + "') WHERE id = '" + observer_id + "'",
       ""},
      {"UPDATE api_keys SET revoked_us = NULL, revoked_by = NULL WHERE id = '" + revoked_id + "'",
       ""},
      {"UPDATE api_keys SET revoked_by = 'nobody' WHERE id = '" + revoked_id + "'",
       "UPDATE api_keys SET revoked_by = 'admin' WHERE id = '" + revoked_id + "'"},
      {"UPDATE api_keys SET revoked_us = 1, revoked_by = 'x' WHERE id = '" + observer_id + "'",
       "UPDATE api_keys SET revoked_us = NULL, revoked_by = NULL WHERE id = '" + observer_id + "'"},
      {"INSERT INTO api_keys(id, name, role, secret_hash, created_us, created_by) SELECT "
       "'00000000000000aa', 'Mallory', 'admin', secret_hash, created_us, created_by FROM "
       "api_keys WHERE id = '" +
           observer_id + "'",
       "DELETE FROM api_keys WHERE id = '00000000000000aa'"},
      {"DELETE FROM api_keys WHERE id = '" + revoked_id + "'", ""},
  };
  for (const auto& e : edits) {
    // Edits without an undo are run on a copy of the table and then put back whole.
    tamper("CREATE TABLE keys_before AS SELECT * FROM api_keys");
    tamper(e.edit);
    v = verify();
    EXPECT_FALSE(v.ok) << e.edit;
    EXPECT_NE(v.problem.find("api key"), std::string::npos) << e.edit << ": " << v.problem;
    tamper(e.undo.empty() ? "DELETE FROM api_keys; INSERT INTO api_keys SELECT * FROM keys_before"
                          : e.undo);
    tamper("DROP TABLE keys_before");
    ASSERT_TRUE(verify().ok) << "undone: " << e.edit << ": " << verify().problem;
  }
}

INSTANTIATE_BOTH_BACKENDS(ApiKeyStoreTest);

}  // namespace
}  // namespace vigil::store
