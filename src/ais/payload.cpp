#include "vigil/ais/payload.hpp"

#include <algorithm>
#include <array>
#include <atomic>

#if defined(__x86_64__)
#include <immintrin.h>
#define VIGIL_SSSE3_UNARMOUR 1
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

// Squeezes eight six-bit values, one per byte (first symbol in the lowest byte), into 48
// bits with the first symbol most significant.
inline std::uint64_t pack8(std::uint64_t v) {
  v = __builtin_bswap64(v);
  v = ((v & 0x3f003f003f003f00) >> 2) | (v & 0x003f003f003f003f);
  v = ((v & 0x0fff00000fff0000) >> 4) | (v & 0x00000fff00000fff);
  return ((v & 0x00ffffff00000000) >> 8) | (v & 0x0000000000ffffff);
}

// Appends bit fields to the payload's words, most significant bit first, holding the word
// being filled in a register.
class BitWriter {
 public:
  // Bits from `position` on are clear, so a word-aligned start needs nothing read back.
  BitWriter(std::uint64_t* words, std::size_t position)
      : out_(words + (position >> 6)),
        used_(static_cast<unsigned>(position & 63)),
        word_(used_ == 0 ? 0 : *out_) {}

  // Appends the low `width` (1..64) bits of `bits`, whose higher bits are clear.
  [[gnu::always_inline]] void put(std::uint64_t bits, unsigned width) {
    const unsigned free = 64 - used_;
    if (width < free) {
      word_ |= bits << (free - width);
      used_ += width;
      return;
    }
    const unsigned spill = width - free;
    word_ |= bits >> spill;
    *out_++ = word_;
    word_ = spill == 0 ? 0 : bits << (64 - spill);
    used_ = spill;
  }

  // The first `count` (1..8) six-bit values of `eight`, one per byte, first in the lowest.
  [[gnu::always_inline]] void put_symbols(std::uint64_t eight, std::size_t count) {
    const auto width = static_cast<unsigned>(count * 6);
    put(pack8(eight) >> (48 - width), width);
  }

  // Stores the word being filled; returns where it went.
  std::uint64_t* flush() {
    *out_ = word_;
    return out_;
  }

 private:
  std::uint64_t* out_;
  unsigned used_;
  std::uint64_t word_;
};

// What unarmouring a fragment into the words left: a nonzero `invalid` when a character
// was outside the alphabet, and the last word written.
struct Unarmoured {
  unsigned invalid;
  std::uint64_t* last_word;
};

// One symbol at a time through the table: any processor, and short fragments.
Unarmoured append_portable(const unsigned char* chars, std::size_t n, std::uint64_t* words,
                           std::size_t position) {
  BitWriter writer(words, position);
  unsigned invalid = 0;
  for (std::size_t i = 0; i < n; i += 8) {
    const std::size_t count = std::min<std::size_t>(n - i, 8);
    std::uint64_t eight = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const unsigned value = kArmour[chars[i + k]];
      invalid |= value & 0x80;
      eight |= std::uint64_t{value & 63} << (8 * k);
    }
    writer.put_symbols(eight, count);
  }
  return {invalid, writer.flush()};
}

#if defined(VIGIL_SSSE3_UNARMOUR)
// Sixteen armour characters to their six-bit values; `invalid` gets a nonzero bit for
// each character outside the alphabet. Bytes of 0x80 and above compare as negative and so
// fail the lower bound.
[[gnu::target("ssse3"), gnu::always_inline]] inline __m128i unarmour16(__m128i x,
                                                                       unsigned& invalid) {
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

// Sixteen six-bit values (96 bits) into two words, first symbol most significant: the
// first 64 bits, and the last 32 in the low half of the second.
[[gnu::target("ssse3"), gnu::always_inline]] inline void pack16(__m128i values,
                                                                std::uint64_t& first,
                                                                std::uint64_t& last) {
  // Pairs of values into 12 bits (first * 64 + second), pairs of those into 24.
  const __m128i twelve = _mm_maddubs_epi16(values, _mm_set1_epi16(0x0140));
  const __m128i twentyfour = _mm_madd_epi16(twelve, _mm_set1_epi32(0x00011000));
  // Each 32-bit lane holds 24 bits, little-endian: gather them most significant first,
  // lane 0's top byte at the top of the first word.
  const __m128i order = _mm_setr_epi8(9, 10, 4, 5, 6, 0, 1, 2, 12, 13, 14, 8, -1, -1, -1, -1);
  const __m128i packed = _mm_shuffle_epi8(twentyfour, order);
  first = static_cast<std::uint64_t>(_mm_cvtsi128_si64(packed));
  last = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(packed, 8)));
}

// Sixteen characters a vector at a time; the last, partial, vector is loaded ending at
// the payload's end and its symbols shifted down to the start. The writer lives here, not
// in the caller: a function for another instruction set is not inlined into its caller,
// and a writer passed in by reference would keep its state in memory.
[[gnu::target("ssse3")]] Unarmoured append_ssse3(const unsigned char* chars, std::size_t n,
                                                 std::uint64_t* words, std::size_t position) {
  BitWriter writer(words, position);
  unsigned invalid = 0;
  std::size_t i = 0;
  std::uint64_t first = 0, last = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chars + i));
    pack16(unarmour16(x, invalid), first, last);
    writer.put(first, 64);
    writer.put(last, 32);
  }
  if (i < n) {
    static constexpr std::array<std::int8_t, 32> kSlide = {
        0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    const std::size_t rest = n - i;
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chars + n - 16));
    const __m128i slide =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(kSlide.data() + 16 - rest));
    pack16(_mm_shuffle_epi8(unarmour16(x, invalid), slide), first, last);
    const auto width = static_cast<unsigned>(rest * 6);
    if (width <= 64) {
      writer.put(first >> (64 - width), width);
    } else {
      writer.put(first, 64);
      writer.put(last >> (96 - width), width - 64);
    }
  }
  return {invalid, writer.flush()};
}

bool processor_has_ssse3() {
  static const bool has = __builtin_cpu_supports("ssse3");
  return has;
}
#endif

std::atomic<bool> vector_unarmouring_allowed{true};

}  // namespace

void allow_vector_unarmouring(bool allowed) {
  vector_unarmouring_allowed.store(allowed, std::memory_order_relaxed);
}

Payload::AppendResult Payload::append(std::string_view armoured, int fill_bits) {
  const std::size_t n = armoured.size();
  if (bits_ + n * 6 > kMaxBits) return AppendResult::too_long;
  const auto* chars = reinterpret_cast<const unsigned char*>(armoured.data());
#if defined(VIGIL_SSSE3_UNARMOUR)
  const Unarmoured result =
      n >= 16 && processor_has_ssse3() && vector_unarmouring_allowed.load(std::memory_order_relaxed)
          ? append_ssse3(chars, n, words_.data(), bits_)
          : append_portable(chars, n, words_.data(), bits_);
#else
  const Unarmoured result = append_portable(chars, n, words_.data(), bits_);
#endif
  if (result.invalid != 0) {
    // Leave the payload as it was before this fragment: its bits end in the first word
    // written, and the words after that were clear.
    const std::size_t first_word = bits_ >> 6;
    const unsigned kept = bits_ & 63;
    words_[first_word] &= kept == 0 ? 0 : ~std::uint64_t{0} << (64 - kept);
    std::fill(words_.data() + first_word + 1, result.last_word + 1, 0);
    return AppendResult::bad_character;
  }
  const std::size_t position = bits_ + n * 6;
  const std::size_t dropped = n == 0 ? 0 : static_cast<std::size_t>(fill_bits);
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
