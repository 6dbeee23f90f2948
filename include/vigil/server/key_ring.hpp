#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vigil/server/api.hpp"

namespace vigil::server {

// The workspace's valid keys, held in memory so that authenticating a request costs one
// hash and no query. refresh() reloads them when a key was added or revoked (by the API or
// by `vigil keys` in another process); vigil serve calls it twice a second.
class KeyRing {
 public:
  explicit KeyRing(store::Workspace& ws);
  void refresh(store::Workspace& ws);

  // The principal of an "Authorization: Bearer vk_..." header value, or nothing.
  std::optional<Principal> authenticate(std::string_view authorization) const;
  // Keys that open the server now (revoked ones left out).
  std::size_t size() const;

 private:
  void load(store::Workspace& ws, std::int64_t version);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, store::ApiKey> keys_;  // by id, revoked ones left out
  std::int64_t version_ = -1;
};

}  // namespace vigil::server
