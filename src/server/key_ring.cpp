#include "vigil/server/key_ring.hpp"

#include <mutex>

#include <sodium.h>

namespace vigil::server {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

KeyRing::KeyRing(store::Workspace& ws) {
  refresh(ws);
}

void KeyRing::refresh(store::Workspace& ws) {
  const auto version = store::api_keys_version(ws);
  {
    std::shared_lock lock(mutex_);
    if (version == version_) return;
  }
  load(ws, version);
}

void KeyRing::load(store::Workspace& ws, std::int64_t version) {
  std::unordered_map<std::string, store::ApiKey> keys;
  for (auto& key : store::list_api_keys(ws))
    if (!key.revoked) keys.emplace(key.id, std::move(key));
  std::unique_lock lock(mutex_);
  keys_ = std::move(keys);
  version_ = version;
}

std::size_t KeyRing::size() const {
  std::shared_lock lock(mutex_);
  return keys_.size();
}

std::optional<Principal> KeyRing::authenticate(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() ||
      !iequals(authorization.substr(0, kScheme.size()), kScheme))
    return std::nullopt;
  auto token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ')
    token.remove_suffix(1);
  const auto parsed = store::parse_key_token(token);
  if (!parsed) return std::nullopt;
  std::shared_lock lock(mutex_);
  const auto it = keys_.find(parsed->id);
  if (it == keys_.end()) return std::nullopt;
  if (sodium_memcmp(it->second.secret_hash.data(), parsed->secret_hash.data(),
                    parsed->secret_hash.size()) != 0)
    return std::nullopt;
  return Principal{it->second.id, it->second.name, it->second.role};
}

}  // namespace vigil::server
