#include "vigil/ais/payload.hpp"

namespace vigil::ais {

Payload::AppendResult Payload::append(std::string_view armoured, int fill_bits) {
  if (bits_ + armoured.size() * 6 > kMaxBits) return AppendResult::too_long;
  std::size_t position = bits_;
  for (const char c : armoured) {
    const int value = armour_value(c);
    if (value < 0) return AppendResult::bad_character;
    const auto symbol = static_cast<std::uint64_t>(value);
    const std::size_t word = position >> 6;
    const unsigned offset = position & 63;
    if (offset <= 58) {
      words_[word] |= symbol << (58 - offset);
    } else {
      words_[word] |= symbol >> (offset - 58);
      words_[word + 1] |= symbol << (122 - offset);
    }
    position += 6;
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
