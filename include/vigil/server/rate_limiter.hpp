#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vigil::server {

// A token bucket per key: `rate` requests a second on average, bursts up to `burst`. One
// busy client then slows only itself. A rate of 0 turns limiting off. Buckets that have
// filled up again are forgotten once there are many, so a stream of new keys (client
// addresses) cannot grow it without bound.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  // Takes a token for `key`; when none is left, returns false and sets `retry_after_s`.
  bool allow(std::string_view key, Clock::time_point now, double& retry_after_s);
  // Whether `key` has a token left, without taking it; when not, sets `retry_after_s`.
  bool can_allow(std::string_view key, Clock::time_point now, double& retry_after_s);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  Bucket& refill(std::string_view key, Clock::time_point now);
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::size_t prune_above_ = 10'000;
};

}  // namespace vigil::server
