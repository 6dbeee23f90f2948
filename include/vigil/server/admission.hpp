#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vigil::server {

struct AdmissionLimits {
  std::size_t connections = 1024;            // open connections, on the whole server
  std::size_t connections_per_address = 64;  // open connections from one client address
  std::size_t event_streams_per_key = 16;    // open event streams of one key
};

// Counts what each client holds, so that no one client can take every slot: connections per
// client address (and in all), event streams per key. A Slot is held for as long as the
// connection or stream is open and gives its place back when destroyed. Thread-safe.
class Admission {
 public:
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept { *this = std::move(other); }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    friend class Admission;
    Slot(Admission* owner, bool stream, std::string holder)
        : owner_(owner), stream_(stream), holder_(std::move(holder)) {}
    void release();
    Admission* owner_ = nullptr;
    bool stream_ = false;
    std::string holder_;
  };

  explicit Admission(AdmissionLimits limits) : limits_(limits) {}

  // A slot for a new connection from `address`; an empty slot when the server or that
  // address is at its cap.
  Slot connection(const std::string& address);
  // A slot for a new event stream of `key_id`; empty when that key is at its cap.
  Slot event_stream(const std::string& key_id);

  std::size_t open_connections();
  const AdmissionLimits& limits() const { return limits_; }

 private:
  void give_back(bool stream, const std::string& holder);

  AdmissionLimits limits_;
  std::mutex mutex_;
  std::size_t connections_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_, streams_per_key_;
};

}  // namespace vigil::server
