#include "vigil/server/rate_limiter.hpp"

#include <algorithm>

namespace vigil::server {

namespace {
constexpr std::size_t kPruneAbove = 10'000;  // buckets kept before full ones are forgotten
}

RateLimiter::Bucket& RateLimiter::refill(std::string_view key, Clock::time_point now) {
  if (buckets_.size() > prune_above_) {
    std::erase_if(buckets_, [&](const auto& entry) {
      const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
      return entry.second.tokens + std::max(0.0, elapsed) * rate_ >= burst_;
    });
    // Scanned again only once as many buckets again are added.
    prune_above_ = std::max(kPruneAbove, 2 * buckets_.size());
  }
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * rate_);
  bucket.updated = now;
  return bucket;
}

bool RateLimiter::allow(std::string_view key, Clock::time_point now, double& retry_after_s) {
  if (rate_ <= 0) return true;
  std::lock_guard lock(mutex_);
  Bucket& bucket = refill(key, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return true;
  }
  retry_after_s = (1 - bucket.tokens) / rate_;
  return false;
}

bool RateLimiter::can_allow(std::string_view key, Clock::time_point now, double& retry_after_s) {
  if (rate_ <= 0) return true;
  std::lock_guard lock(mutex_);
  const Bucket& bucket = refill(key, now);
  if (bucket.tokens >= 1) return true;
  retry_after_s = (1 - bucket.tokens) / rate_;
  return false;
}

}  // namespace vigil::server
