#include "vigil/server/admission.hpp"

namespace vigil::server {

Admission::Slot& Admission::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    stream_ = other.stream_;
    holder_ = std::move(other.holder_);
    other.owner_ = nullptr;
  }
  return *this;
}

void Admission::Slot::release() {
  if (owner_) owner_->give_back(stream_, holder_);
  owner_ = nullptr;
}

Admission::Slot Admission::connection(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (connections_ >= limits_.connections) return {};
  auto& held = per_address_[address];
  if (held >= limits_.connections_per_address) {
    if (held == 0) per_address_.erase(address);
    return {};
  }
  ++held;
  ++connections_;
  return Slot(this, false, address);
}

Admission::Slot Admission::event_stream(const std::string& key_id) {
  std::lock_guard lock(mutex_);
  auto& held = streams_per_key_[key_id];
  if (held >= limits_.event_streams_per_key) {
    if (held == 0) streams_per_key_.erase(key_id);
    return {};
  }
  ++held;
  return Slot(this, true, key_id);
}

std::size_t Admission::open_connections() {
  std::lock_guard lock(mutex_);
  return connections_;
}

void Admission::give_back(bool stream, const std::string& holder) {
  std::lock_guard lock(mutex_);
  auto& counts = stream ? streams_per_key_ : per_address_;
  const auto it = counts.find(holder);
  if (it != counts.end() && --it->second == 0) counts.erase(it);
  if (!stream) --connections_;
}

}  // namespace vigil::server
