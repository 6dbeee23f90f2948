#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/core/hash.hpp"
#include "vigil/core/time.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

// What a key may do in vigil serve (docs/api.md has the whole table):
//  monitor  submits observations;
//  analyst  reads everything, submits observations, reviews and records incidents, runs
//           detection;
//  observer reads confirmed incidents and published reports only;
//  admin    manages keys, and may do what an analyst may.
enum class Role { monitor, analyst, observer, admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// A key as handed out: "vk_" + 16 hex digits of id + "_" + 64 hex digits of secret. The
// secret is 256 random bits, so a plain BLAKE2b-256 of it is as hard to invert as the key
// is to guess; a slow password hash would only cap the request rate (docs/api.md).
struct KeyToken {
  std::string id;
  Digest256 secret_hash{};
};
std::optional<KeyToken> parse_key_token(std::string_view token);

struct ApiKey {
  std::string id;
  std::string name;
  Role role = Role::observer;
  Digest256 secret_hash{};
  Timestamp created = 0;
  std::string created_by;
  std::optional<Timestamp> revoked;
  std::string revoked_by;
};

struct IssuedKey {
  ApiKey key;
  std::string token;  // shown once, never stored
};

// Creates a key; `name` says whose it is (1 to 100 printable characters). Throws
// std::invalid_argument naming the field.
IssuedKey add_api_key(Workspace& ws, Role role, std::string_view name, std::string_view by);
// Revokes a key; returns false when no such key exists or it was revoked already.
bool revoke_api_key(Workspace& ws, std::string_view id, std::string_view by);
std::vector<ApiKey> list_api_keys(Workspace& ws);
// The keys against their 'key' records (each key's making and revocation are logged): a key
// whose role, name or secret was changed, a key added or deleted behind the log's back, a
// revocation undone.
std::optional<SealProblem> check_api_keys(Workspace& ws,
                                          const std::vector<ledger::LogRecord>& records);

// A count that changes whenever a key is added or revoked, so a server can reload its keys
// cheaply.
std::int64_t api_keys_version(Workspace& ws);

}  // namespace vigil::store
