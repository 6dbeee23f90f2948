#include "vigil/core/hash.hpp"

#include <sodium.h>

#include <stdexcept>

namespace vigil {

static_assert(sizeof(crypto_generichash_state) <= 384);

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

Blake2b::Blake2b(std::size_t digest_bytes) : digest_bytes_(digest_bytes) {
  ensure_sodium();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0,
                          digest_bytes);
}

Blake2b& Blake2b::update(std::span<const std::uint8_t> bytes) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_), bytes.data(),
                            bytes.size());
  return *this;
}

Blake2b& Blake2b::update(std::string_view text) {
  return update(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Blake2b& Blake2b::update_u64(std::uint64_t value) {
  std::array<std::uint8_t, 8> be{};
  for (int i = 7; i >= 0; --i) {
    be[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value & 0xff);
    value >>= 8;
  }
  return update(be);
}

void Blake2b::finish(std::span<std::uint8_t> out) {
  if (out.size() != digest_bytes_) throw std::logic_error("Blake2b: digest size mismatch");
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out.data(),
                           out.size());
}

Digest256 blake2b_256(std::string_view text) {
  Digest256 d{};
  Blake2b(d.size()).update(text).finish(d);
  return d;
}

Digest128 blake2b_128(std::string_view text) {
  Digest128 d{};
  Blake2b(d.size()).update(text).finish(d);
  return d;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

bool from_hex(std::string_view hex, std::span<std::uint8_t> out) {
  if (hex.size() != out.size() * 2) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return true;
}

}  // namespace vigil
