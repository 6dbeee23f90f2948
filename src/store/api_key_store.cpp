#include "vigil/store/api_key_store.hpp"

#include <array>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <sodium.h>
#include <nlohmann/json.hpp>

#include "vigil/ledger/log_record.hpp"

namespace vigil::store {
namespace {

constexpr std::string_view kTokenPrefix = "vk_";
constexpr std::size_t kIdBytes = 8;
constexpr std::size_t kSecretBytes = 32;

Digest256 hash_secret(std::span<const std::uint8_t> secret) {
  Digest256 out{};
  Blake2b(out.size()).update(secret).finish(out);
  return out;
}

ApiKey read_key(const Statement& st) {
  ApiKey key;
  key.id = std::string(st.text(0));
  key.name = std::string(st.text(1));
  key.role = parse_role(st.text(2)).value_or(Role::observer);
  const auto hash = st.blob(3);
  if (hash.size() == key.secret_hash.size())
    std::copy(hash.begin(), hash.end(), key.secret_hash.begin());
  key.created = st.int64(4);
  key.created_by = std::string(st.text(5));
  if (!st.is_null(6)) key.revoked = st.int64(6);
  if (!st.is_null(7)) key.revoked_by = std::string(st.text(7));
  return key;
}

// The 'key' records: a key's making (its name, role, a digest of its secret's hash, when and
// by whom) and its revocation. The secret's hash itself stays out of the log, which bundles
// carry to other parties.
std::string created_record_body(const ApiKey& key) {
  return nlohmann::json{
      {"key", key.id},
      {"action", "created"},
      {"name", key.name},
      {"role", to_string(key.role)},
      {"secret_digest",
       to_hex(blake2b_256(std::string_view(reinterpret_cast<const char*>(key.secret_hash.data()),
                                           key.secret_hash.size())))},
      {"time_us", key.created},
      {"by", key.created_by}}
      .dump();
}

std::string revoked_record_body(std::string_view id, Timestamp at, std::string_view by) {
  return nlohmann::json{{"key", id}, {"action", "revoked"}, {"time_us", at}, {"by", by}}.dump();
}

constexpr std::string_view kKeyColumns =
    "SELECT id, name, role, secret_hash, created_us, created_by, revoked_us, revoked_by "
    "FROM api_keys";

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::monitor:
      return "monitor";
    case Role::analyst:
      return "analyst";
    case Role::observer:
      return "observer";
    case Role::admin:
      return "admin";
  }
  return "observer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const Role role : {Role::monitor, Role::analyst, Role::observer, Role::admin})
    if (text == to_string(role)) return role;
  return std::nullopt;
}

std::optional<KeyToken> parse_key_token(std::string_view token) {
  constexpr std::size_t kLength = kTokenPrefix.size() + 2 * kIdBytes + 1 + 2 * kSecretBytes;
  if (token.size() != kLength || !token.starts_with(kTokenPrefix) ||
      token[kTokenPrefix.size() + 2 * kIdBytes] != '_')
    return std::nullopt;
  std::array<std::uint8_t, kIdBytes> id{};
  std::array<std::uint8_t, kSecretBytes> secret{};
  if (!from_hex(token.substr(kTokenPrefix.size(), 2 * kIdBytes), id) ||
      !from_hex(token.substr(kTokenPrefix.size() + 2 * kIdBytes + 1), secret))
    return std::nullopt;
  KeyToken out{to_hex(id), hash_secret(secret)};
  sodium_memzero(secret.data(), secret.size());
  return out;
}

IssuedKey add_api_key(Workspace& ws, Role role, std::string_view name, std::string_view by) {
  if (name.empty() || name.size() > 100)
    throw std::invalid_argument("key field 'name': must be 1 to 100 characters");
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw std::invalid_argument("key field 'name': control characters are not allowed");
  ensure_sodium();
  std::array<std::uint8_t, kIdBytes> id{};
  std::array<std::uint8_t, kSecretBytes> secret{};
  randombytes_buf(id.data(), id.size());
  randombytes_buf(secret.data(), secret.size());
  IssuedKey issued;
  issued.key.id = to_hex(id);
  issued.key.name = std::string(name);
  issued.key.role = role;
  issued.key.secret_hash = hash_secret(secret);
  issued.key.created = now();
  issued.key.created_by = std::string(by);
  issued.token = fmt::format("{}{}_{}", kTokenPrefix, issued.key.id, to_hex(secret));
  sodium_memzero(secret.data(), secret.size());

  Transaction tx(ws.db());
  Statement st(ws.db(),
               "INSERT INTO api_keys(id, name, role, secret_hash, created_us, created_by) "
               "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, issued.key.id)
      .bind(2, issued.key.name)
      .bind(3, to_string(role))
      .bind(4, std::span<const std::uint8_t>(issued.key.secret_hash))
      .bind(5, issued.key.created)
      .bind(6, issued.key.created_by)
      .run();
  ws.append(std::string(ledger::kKeyRecord), "key:" + issued.key.id,
            created_record_body(issued.key));
  ws.seal();
  tx.commit();
  return issued;
}

bool revoke_api_key(Workspace& ws, std::string_view id, std::string_view by) {
  Transaction tx(ws.db());
  Statement st(ws.db(),
               "UPDATE api_keys SET revoked_us = ?, revoked_by = ? "
               "WHERE id = ? AND revoked_us IS NULL");
  const Timestamp at = now();
  st.bind(1, at).bind(2, by).bind(3, id).run();
  const bool revoked = ws.db().changes() == 1;
  if (revoked) {
    ws.append(std::string(ledger::kKeyRecord), fmt::format("key:{}", id),
              revoked_record_body(id, at, by));
    ws.seal();
  }
  tx.commit();
  return revoked;
}

std::vector<ApiKey> list_api_keys(Workspace& ws) {
  Statement st(ws.db(), fmt::format("{} ORDER BY created_us, id", kKeyColumns));
  std::vector<ApiKey> keys;
  while (st.step())
    keys.push_back(read_key(st));
  return keys;
}

std::int64_t api_keys_version(Workspace& ws) {
  Statement st(ws.db(), "SELECT count(*) + count(revoked_us) FROM api_keys");
  st.step();
  return st.int64(0);
}

std::optional<SealProblem> check_api_keys(Workspace& ws,
                                          const std::vector<ledger::LogRecord>& records) {
  // What the log says each key is: its making's body, and its revocation.
  struct Logged {
    std::int64_t seq = 0;
    std::string created;
    std::optional<std::pair<Timestamp, std::string>> revoked;
    std::int64_t revoked_seq = 0;
  };
  std::map<std::string, Logged> logged;
  for (const auto& r : records) {
    if (r.kind != ledger::kKeyRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at("key").get<std::string>();
    auto& key = logged[id];
    if (body.at("action") == "created") {
      key.seq = r.seq;
      key.created = body.dump();
    } else {
      key.revoked = {body.at("time_us").get<Timestamp>(), body.at("by").get<std::string>()};
      key.revoked_seq = r.seq;
      if (key.seq == 0 ||
          revoked_record_body(id, key.revoked->first, key.revoked->second) != body.dump())
        return SealProblem{r.seq, fmt::format("log record {} revokes key {}, which the log never "
                                              "made, or is malformed",
                                              r.seq, id)};
    }
  }
  Statement st(ws.db(), fmt::format("{} ORDER BY id", kKeyColumns));
  std::size_t rows = 0;
  while (st.step()) {
    ++rows;
    const auto key = read_key(st);
    const auto it = logged.find(key.id);
    if (it == logged.end() || it->second.seq == 0)
      return SealProblem{0, fmt::format("api key {} ({}, {}) is in no log record: it was added "
                                        "behind the log's back",
                                        key.id, key.name, to_string(key.role))};
    if (created_record_body(key) != it->second.created)
      return SealProblem{it->second.seq,
                         fmt::format("api key {} (log record {}) was changed: its name, role, "
                                     "secret or making differ from what the log records",
                                     key.id, it->second.seq)};
    const auto revoked =
        key.revoked ? std::optional(std::pair{*key.revoked, key.revoked_by}) : std::nullopt;
    if (revoked != it->second.revoked)
      return SealProblem{it->second.revoked_seq ? it->second.revoked_seq : it->second.seq,
                         fmt::format("api key {} is {} where the log has it {}", key.id,
                                     revoked ? "revoked" : "not revoked",
                                     it->second.revoked ? "revoked" : "not revoked")};
  }
  if (rows != logged.size())
    return SealProblem{0, fmt::format("the log made {} api keys, the table holds {}: a key was "
                                      "deleted",
                                      logged.size(), rows)};
  return std::nullopt;
}

}  // namespace vigil::store
