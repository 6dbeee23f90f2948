#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::ledger {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// An Ed25519 signing key (libsodium). The secret half lives only in a file of its own with
// mode 0600, never in the workspace, so a copy of the workspace cannot forge the log.
class SigningKey {
 public:
  static SigningKey generate();
  // Writes the secret key as hex to a new file with mode 0600 (fails if the file exists).
  void write_secret(const std::string& path) const;
  static SigningKey read_secret(const std::string& path);  // throws naming the path

  const PublicKey& public_key() const { return public_key_; }
  Signature sign(std::span<const std::uint8_t> message) const;

  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey(SigningKey&& other) noexcept;
  ~SigningKey();

 private:
  SigningKey() = default;
  std::array<std::uint8_t, 64> secret_{};
  PublicKey public_key_{};
};

bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                      const Signature& signature);

std::optional<PublicKey> parse_public_key(std::string_view hex);
std::optional<Signature> parse_signature(std::string_view hex);

// A short, human-comparable fingerprint of a public key (first 16 hex digits of its BLAKE2b).
std::string fingerprint(const PublicKey& key);

}  // namespace vigil::ledger
