#include "vigil/ais/payload.hpp"

#include <array>

namespace vigil::ais {

namespace {

// Six-bit value of each armour character; 0xff for characters outside the alphabet.
constexpr std::array<std::uint8_t, 256> kArmour = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const int value = armour_value(static_cast<char>(c));
    table[static_cast<std::size_t>(c)] = value < 0 ? 0xff : static_cast<std::uint8_t>(value);
  }
  return table;
}();

}  // namespace

Payload::AppendResult Payload::append(std::string_view armoured, int fill_bits) {
  if (bits_ + armoured.size() * 6 > kMaxBits) return AppendResult::too_long;
  std::size_t position = bits_;
  const auto* chars = reinterpret_cast<const unsigned char*>(armoured.data());
  std::size_t remaining = armoured.size();
  // Ten symbols (60 bits) at a time are gathered in a register, then stored with two
  // word writes.
  unsigned invalid = 0;
  const auto store = [&](std::uint64_t gathered, unsigned width) {
    const std::uint64_t aligned = gathered << (64 - width);
    const std::size_t word = position >> 6;
    const unsigned offset = position & 63;
    words_[word] |= aligned >> offset;
    if (offset != 0) words_[word + 1] |= aligned << (64 - offset);
    position += width;
  };
  for (; remaining >= 10; remaining -= 10, chars += 10) {
    std::uint64_t gathered = 0;
    for (std::size_t i = 0; i < 10; ++i) {
      const unsigned value = kArmour[chars[i]];
      invalid |= value;
      gathered = (gathered << 6) | (value & 63);
    }
    store(gathered, 60);
  }
  if (remaining != 0) {
    std::uint64_t gathered = 0;
    for (std::size_t i = 0; i < remaining; ++i) {
      const unsigned value = kArmour[chars[i]];
      invalid |= value;
      gathered = (gathered << 6) | (value & 63);
    }
    store(gathered, static_cast<unsigned>(remaining * 6));
  }
  if ((invalid & 0x80) != 0) {
    bits_ = position;  // so that clear() wipes what was written
    return AppendResult::bad_character;
  }
  const std::size_t dropped = armoured.empty() ? 0 : static_cast<std::size_t>(fill_bits);
  bits_ = position >= dropped ? position - dropped : 0;
  // Zero the fill bits so that a following fragment lands on clean bits.
  const std::size_t word = bits_ >> 6;
  const unsigned offset = bits_ & 63;
  words_[word] &= offset == 0 ? 0 : ~std::uint64_t{0} << (64 - offset);
  words_[word + 1] = 0;
  return AppendResult::ok;
}

std::size_t Payload::text(std::size_t start, std::size_t chars, char* out) const {
  // ITU-R M.1371 six-bit ASCII: 0-31 map to '@'..'_', 32-63 to ' '..'?'.
  std::size_t length = 0;
  for (std::size_t i = 0; i < chars && start + 6 <= bits_; ++i, start += 6) {
    const auto value = static_cast<unsigned>(u(start, 6));
    out[length++] = static_cast<char>(value < 32 ? value + 64 : value);
  }
  // '@' ends the text (what follows is padding, often garbage); senders also pad with
  // spaces.
  std::size_t end = 0;
  while (end < length && out[end] != '@')
    ++end;
  while (end > 0 && out[end - 1] == ' ')
    --end;
  return end;
}

}  // namespace vigil::ais
