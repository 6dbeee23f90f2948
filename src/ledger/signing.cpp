#include "vigil/ledger/signing.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/core/hash.hpp"

namespace vigil::ledger {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 &&
              crypto_sign_BYTES == 64);

SigningKey SigningKey::generate() {
  ensure_sodium();
  SigningKey key;
  crypto_sign_keypair(key.public_key_.data(), key.secret_.data());
  return key;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : secret_(other.secret_), public_key_(other.public_key_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

SigningKey::~SigningKey() {
  sodium_memzero(secret_.data(), secret_.size());
}

void SigningKey::write_secret(const std::string& path) const {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error(
        fmt::format("{}: cannot create key file: {}", path, std::strerror(errno)));
  const std::string text = to_hex(secret_) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error(fmt::format("{}: cannot write key file", path));
}

SigningKey SigningKey::read_secret(const std::string& path) {
  ensure_sodium();
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(fmt::format(
        "{}: cannot read the workspace's signing key (give its path with --key)", path));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    throw std::runtime_error(
        fmt::format("{}: signing key is readable by others (mode {:o}); run chmod 600 on it", path,
                    st.st_mode & 0777));
  std::string hex;
  in >> hex;
  SigningKey key;
  if (!from_hex(hex, key.secret_))
    throw std::runtime_error(fmt::format("{}: not an Ed25519 secret key", path));
  crypto_sign_ed25519_sk_to_pk(key.public_key_.data(), key.secret_.data());
  return key;
}

Signature SigningKey::sign(std::span<const std::uint8_t> message) const {
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
  return signature;
}

bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                      const Signature& signature) {
  ensure_sodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

std::optional<PublicKey> parse_public_key(std::string_view hex) {
  PublicKey key{};
  if (!from_hex(hex, key)) return std::nullopt;
  return key;
}

std::optional<Signature> parse_signature(std::string_view hex) {
  Signature signature{};
  if (!from_hex(hex, signature)) return std::nullopt;
  return signature;
}

std::string fingerprint(const PublicKey& key) {
  const auto digest =
      blake2b_256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  return to_hex(digest).substr(0, 16);
}

}  // namespace vigil::ledger
