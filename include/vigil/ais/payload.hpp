#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil::ais {

// The bits of one AIS message, unpacked from the six-bit ASCII armouring of one or more
// NMEA fragments. Bits are numbered from 0 at the most significant bit of the first
// symbol, as in ITU-R M.1371. Reads past the end return zero bits, so decoders check
// `bit_count()` before trusting a field.
class Payload {
 public:
  // Room for the longest legal message (type 26: 1064 bits) with margin for the
  // oversized payloads some receivers emit; longer input is rejected, not truncated.
  static constexpr std::size_t kMaxSymbols = 1024;
  static constexpr std::size_t kMaxBits = kMaxSymbols * 6;

  enum class AppendResult : std::uint8_t { ok, bad_character, too_long };

  void clear() {
    // Only the words a previous message touched are dirty.
    for (std::size_t i = 0, n = (bits_ + 63) / 64 + 1; i < n; ++i)
      words_[i] = 0;
    bits_ = 0;
  }

  // Appends armoured symbols; `fill_bits` (0-5) trailing bits of the last symbol are
  // padding and are dropped.
  AppendResult append(std::string_view armoured, int fill_bits);

  std::size_t bit_count() const { return bits_; }

  // Unsigned field of `width` (1..64) bits starting at `start`.
  [[gnu::always_inline]] std::uint64_t u(std::size_t start, unsigned width) const {
    if (start >= kMaxBits) [[unlikely]]
      return 0;
    const std::size_t word = start >> 6;
    const unsigned offset = start & 63;
    // The 64 bits from `start` come from at most two adjacent words; shifting by one,
    // then by 63 - offset, takes nothing from the second word when offset is 0, without
    // a branch.
    const std::uint64_t window =
        (words_[word] << offset) | ((words_[word + 1] >> 1) >> (63 - offset));
    return window >> (64 - width);
  }

  // Two's-complement signed field.
  [[gnu::always_inline]] std::int64_t s(std::size_t start, unsigned width) const {
    const std::uint64_t raw = u(start, width);
    const std::uint64_t sign = std::uint64_t{1} << (width - 1);
    return static_cast<std::int64_t>((raw ^ sign) - sign);
  }

  [[gnu::always_inline]] bool flag(std::size_t start) const { return u(start, 1) != 0; }

  // Six-bit ASCII text of `chars` characters at `start` into `out`, trimmed of the '@'
  // padding and trailing spaces; stops early at the end of the payload. Returns the
  // trimmed length.
  std::size_t text(std::size_t start, std::size_t chars, char* out) const;

 private:
  // +2 words: room for the field read straddling the last word.
  std::array<std::uint64_t, kMaxBits / 64 + 2> words_{};
  std::size_t bits_ = 0;
};

// Lets tests turn the vector unarmouring off (it is used when the processor has it) so
// that both paths are checked against each other.
void allow_vector_unarmouring(bool allowed);

// The six-bit value of an armoured payload character, or -1 when the character is not
// in the armouring alphabet ('0'..'W', '`'..'w').
constexpr int armour_value(char c) {
  const auto value = static_cast<unsigned char>(c);
  if (value >= '0' && value <= 'W') return value - '0';
  if (value >= '`' && value <= 'w') return value - '0' - 8;
  return -1;
}

}  // namespace vigil::ais
