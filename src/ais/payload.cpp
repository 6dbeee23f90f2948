#include "vigil/ais/payload.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// Squeezes eight six-bit values, one per byte (first symbol in the lowest byte), into 48
// bits with the first symbol most significant.
inline std::uint64_t pack8(std::uint64_t v) {
  v = __builtin_bswap64(v);
  v = ((v & 0x3f003f003f003f00) >> 2) | (v & 0x003f003f003f003f);
  v = ((v & 0x0fff00000fff0000) >> 4) | (v & 0x00000fff00000fff);
  return ((v & 0x00ffffff00000000) >> 8) | (v & 0x0000000000ffffff);
}

#if defined(__SSE2__)
// Sixteen armour characters to their six-bit values; `invalid` gets a nonzero bit for
// each character outside the alphabet. Bytes of 0x80 and above compare as negative and so
// fail the lower bound.
inline __m128i unarmour16(__m128i x, unsigned& invalid) {
  const __m128i ge_30 = _mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1));
  const __m128i le_57 = _mm_cmpgt_epi8(_mm_set1_epi8('W' + 1), x);
  const __m128i ge_60 = _mm_cmpgt_epi8(x, _mm_set1_epi8('`' - 1));
  const __m128i le_77 = _mm_cmpgt_epi8(_mm_set1_epi8('w' + 1), x);
  const __m128i valid = _mm_or_si128(_mm_and_si128(ge_30, le_57), _mm_and_si128(ge_60, le_77));
  invalid |= static_cast<unsigned>(_mm_movemask_epi8(valid)) ^ 0xffffu;
  // '0'..'W' -> 0..39, '`'..'w' -> 40..63.
  const __m128i v = _mm_sub_epi8(x, _mm_set1_epi8('0'));
  return _mm_sub_epi8(v, _mm_and_si128(ge_60, _mm_set1_epi8(8)));
}
#endif

}  // namespace

Payload::AppendResult Payload::append(std::string_view armoured, int fill_bits) {
  if (bits_ + armoured.size() * 6 > kMaxBits) return AppendResult::too_long;
  std::size_t position = bits_;
  const auto* chars = reinterpret_cast<const unsigned char*>(armoured.data());
  const std::size_t n = armoured.size();
  // Characters become six-bit values a vector at a time, into a buffer with room to read
  // eight past the end; values are then packed eight at a time (48 bits) into the words.
  alignas(16) std::array<unsigned char, kMaxSymbols + 32> values;
  unsigned invalid = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chars + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(values.data() + i), unarmour16(x, invalid));
  }
  if (i < n && n >= 16) {
    // The last sixteen characters, overlapping ones already done.
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chars + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(values.data() + n - 16), unarmour16(x, invalid));
    i = n;
  }
#endif
  for (; i < n; ++i) {
    const unsigned value = kArmour[chars[i]];
    invalid |= value & 0x80;
    values[i] = static_cast<unsigned char>(value & 63);
  }
  if ((position & 63) == 0) {
    // The common case, a message's first fragment: it starts on a word, so 32 symbols
    // (192 bits) fill exactly three words, and zero symbols past the end leave the bits
    // after the payload clear.
    std::memset(values.data() + n, 0, 32);
    std::uint64_t* out = words_.data() + (position >> 6);
    for (i = 0; i < n; i += 32, out += 3) {
      std::uint64_t group[4];
      std::memcpy(group, values.data() + i, 32);
      const std::uint64_t g0 = pack8(group[0]), g1 = pack8(group[1]);
      const std::uint64_t g2 = pack8(group[2]), g3 = pack8(group[3]);
      out[0] = (g0 << 16) | (g1 >> 32);
      out[1] = (g1 << 32) | (g2 >> 16);
      out[2] = (g2 << 48) | g3;
    }
    if (invalid != 0) {
      // Leave the payload as it was before this fragment.
      std::fill(words_.data() + (position >> 6), out, 0);
      return AppendResult::bad_character;
    }
    position += n * 6;
    return finish(position, n, fill_bits, invalid);
  }
  const auto store = [&](std::uint64_t gathered, unsigned width) {
    const std::uint64_t aligned = gathered << (64 - width);
    const std::size_t word = position >> 6;
    const unsigned offset = position & 63;
    words_[word] |= aligned >> offset;
    if (offset != 0) words_[word + 1] |= aligned << (64 - offset);
    position += width;
  };
  for (i = 0; i < n; i += 8) {
    std::uint64_t eight;
    std::memcpy(&eight, values.data() + i, 8);
    const std::size_t count = n - i < 8 ? n - i : 8;
    const auto width = static_cast<unsigned>(count * 6);
    // Past the end the buffer holds leftovers: keep only the first `count` values.
    store(pack8(eight) >> (48 - width), width);
  }
  return finish(position, n, fill_bits, invalid);
}

Payload::AppendResult Payload::finish(std::size_t position, std::size_t symbols, int fill_bits,
                                      unsigned invalid) {
  if (invalid != 0) {
    bits_ = position;  // so that clear() wipes what was written
    return AppendResult::bad_character;
  }
  const std::size_t dropped = symbols == 0 ? 0 : static_cast<std::size_t>(fill_bits);
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
