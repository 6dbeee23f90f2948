#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil {

// BLAKE2b (libsodium crypto_generichash) in the two sizes vigil uses: 256-bit digests for
// the incident log chain, 128-bit digests for content-derived identifiers.
using Digest256 = std::array<std::uint8_t, 32>;
using Digest128 = std::array<std::uint8_t, 16>;

// Calls sodium_init() once; throws if libsodium cannot start.
void ensure_sodium();

class Blake2b {
 public:
  explicit Blake2b(std::size_t digest_bytes);
  Blake2b& update(std::span<const std::uint8_t> bytes);
  Blake2b& update(std::string_view text);
  Blake2b& update_u64(std::uint64_t value);  // big-endian, fixed width
  // Writes the digest; the object must not be used afterwards.
  void finish(std::span<std::uint8_t> out);

 private:
  alignas(64) unsigned char state_[384];
  std::size_t digest_bytes_;
};

Digest256 blake2b_256(std::string_view text);
Digest128 blake2b_128(std::string_view text);

std::string to_hex(std::span<const std::uint8_t> bytes);
// Parses lower- or upper-case hex of exactly `out.size()` bytes.
bool from_hex(std::string_view hex, std::span<std::uint8_t> out);

}  // namespace vigil
