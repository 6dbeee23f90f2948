#include "vigil/server/rate_limiter.hpp"

#include <algorithm>

namespace vigil::server {

bool RateLimiter::allow(std::string_view key, Clock::time_point now, double& retry_after_s) {
  if (rate_ <= 0) return true;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * rate_);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return true;
  }
  retry_after_s = (1 - bucket.tokens) / rate_;
  return false;
}

}  // namespace vigil::server
