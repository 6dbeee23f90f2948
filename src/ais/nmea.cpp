#include "vigil/ais/nmea.hpp"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vigil::ais {
namespace {

// Hex digit values, -1 for other characters: a table, since the branches of a range test
// mispredict on checksums, which are random.
constexpr std::array<std::int8_t, 256> kHexDigits = [] {
  std::array<std::int8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    int value = -1;
    if (c >= '0' && c <= '9') value = c - '0';
    if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
    if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
    table[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(value);
  }
  return table;
}();

int hex_digit(char c) {
  return kHexDigits[static_cast<unsigned char>(c)];
}

// Digits only; nullopt for empty, non-digit or overlong text.
std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// UNIX time in seconds; values past year 5138 in seconds are taken as milliseconds,
// which some feeds write.
std::optional<Timestamp> unix_time(std::string_view text) {
  std::string_view whole = text;
  std::string_view fraction;
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    whole = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  const auto seconds = parse_unsigned(whole);
  if (!seconds) return std::nullopt;
  std::int64_t micros = 0;
  if (!fraction.empty()) {
    if (fraction.size() > 6) fraction = fraction.substr(0, 6);
    const auto digits = parse_unsigned(fraction);
    if (!digits) return std::nullopt;
    micros = static_cast<std::int64_t>(*digits);
    for (std::size_t i = fraction.size(); i < 6; ++i)
      micros *= 10;
  }
  const auto value = static_cast<std::int64_t>(*seconds);
  if (value > kLatestTime / 1000) return std::nullopt;  // beyond 2200 even as milliseconds
  const Timestamp time = value > 100'000'000'000 ? value * 1000 : value * 1'000'000 + micros;
  if (time < kEarliestTime || time > kLatestTime) return std::nullopt;
  return time;
}

// Splits off the next comma-separated field.
std::string_view next_field(std::string_view& rest) {
  const auto comma = rest.find(',');
  std::string_view field = rest.substr(0, comma);
  rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  return field;
}

}  // namespace

bool nmea_checksum_matches(std::string_view body, std::string_view hex) {
  if (hex.size() < 2) return false;
  const int high = hex_digit(hex[0]);
  const int low = hex_digit(hex[1]);
  if (high < 0 || low < 0) return false;
  std::uint64_t lanes = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  if (body.size() >= 16) {
    // Sixteen bytes at a time; the last sixteen overlap what was summed, and a mask from
    // a sliding window of zeros and ones keeps only the bytes not yet summed.
    static constexpr std::array<std::uint8_t, 32> kWindow = {
        0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
        0,    0,    0,    0,    0,    0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    __m128i sum = _mm_setzero_si128();
    for (; i + 16 <= body.size(); i += 16)
      sum = _mm_xor_si128(sum, _mm_loadu_si128(reinterpret_cast<const __m128i*>(body.data() + i)));
    const std::size_t rest = body.size() - i;
    const __m128i last =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(body.data() + body.size() - 16));
    const __m128i mask = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kWindow.data() + rest));
    sum = _mm_xor_si128(sum, _mm_and_si128(last, mask));
    lanes = static_cast<std::uint64_t>(_mm_cvtsi128_si64(sum)) ^
            static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum)));
    i = body.size();
  }
#endif
  // Eight bytes at a time, then fold the lanes.
  for (; i + 8 <= body.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, body.data() + i, 8);
    lanes ^= word;
  }
  const std::size_t rest = body.size() - i;
  if (rest != 0 && body.size() >= 8) {
    // The last eight bytes, less those already summed: one load instead of a byte loop.
    // Bytes are little-endian in the word, so the summed ones are the low ones.
    std::uint64_t word;
    std::memcpy(&word, body.data() + body.size() - 8, 8);
    lanes ^= word >> ((8 - rest) * 8);
  } else {
    for (; i < body.size(); ++i)
      lanes ^= static_cast<unsigned char>(body[i]);
  }
  lanes ^= lanes >> 32;
  lanes ^= lanes >> 16;
  lanes ^= lanes >> 8;
  return (lanes & 0xff) == static_cast<unsigned>(high * 16 + low);
}

SentenceError parse_tag_block(std::string_view block, TagBlock& out) {
  out = TagBlock{};
  const auto star = block.rfind('*');
  if (star == std::string_view::npos) return SentenceError::tag_block;
  if (block.size() != star + 3) return SentenceError::tag_block;
  const bool checksum_ok = nmea_checksum_matches(block.substr(0, star), block.substr(star + 1));
  std::string_view rest = block.substr(0, star);
  while (!rest.empty()) {
    const std::string_view field = next_field(rest);
    if (field.size() < 2 || field[1] != ':') return SentenceError::tag_block;
    const std::string_view value = field.substr(2);
    switch (field[0]) {
      case 'c':
        out.time = unix_time(value);
        if (!out.time) return SentenceError::tag_block;
        break;
      case 's':
        out.station = value;
        break;
      case 't':
        out.text = value;
        break;
      case 'n':
        out.line_count = parse_unsigned(value);
        break;
      case 'g': {
        // "<index>-<count>-<group id>"
        const auto first = value.find('-');
        const auto second = first == std::string_view::npos ? first : value.find('-', first + 1);
        if (second == std::string_view::npos) return SentenceError::tag_block;
        const auto index = parse_unsigned(value.substr(0, first));
        const auto count = parse_unsigned(value.substr(first + 1, second - first - 1));
        if (!index || !count || *count == 0 || *count > 9 || *index == 0 || *index > *count) {
          return SentenceError::tag_block;
        }
        out.group_index = static_cast<int>(*index);
        out.group_count = static_cast<int>(*count);
        out.group_id = value.substr(second + 1);
        break;
      }
      default:  // d:, r:, and vendor fields carry nothing vigil uses
        break;
    }
  }
  return checksum_ok ? SentenceError::none : SentenceError::checksum;
}

SentenceError parse_vdm(std::string_view sentence, VdmSentence& out) {
  return parse_vdm(sentence, sentence.find('*'), out);
}

SentenceError parse_vdm(std::string_view sentence, std::size_t star, VdmSentence& out) {
  // Reset field by field: assigning a fresh struct compiles to a slow block fill.
  out.sequence_id = -1;
  out.channel = 0;
  out.station = {};
  out.time.reset();
  // "!AIVDM," at least, then the checksum.
  if (star == std::string_view::npos || star < 7 || sentence.size() < star + 3) {
    return SentenceError::malformed;
  }
  if (!nmea_checksum_matches(sentence.substr(1, star - 1), sentence.substr(star + 1, 2))) {
    return SentenceError::checksum;
  }
  // Fields between the address and the checksum, read by position: every field but the
  // payload is empty or one character, and the address ("AIVDM") is five.
  const std::string_view body = sentence.substr(1, star - 1);
  const std::size_t n = body.size();
  std::size_t k = 6;
  const auto short_field = [&](std::string_view& field) {
    if (k < n && body[k] == ',') {
      field = {};
      k += 1;
      return true;
    }
    if (k + 1 < n && body[k + 1] == ',') {
      field = body.substr(k, 1);
      k += 2;
      return true;
    }
    return false;
  };
  std::string_view count, index, sequence, channel;
  if (n < 6 || body[5] != ',' || !short_field(count) || !short_field(index) ||
      !short_field(sequence) || !short_field(channel)) {
    return SentenceError::malformed;
  }
  const void* comma = std::memchr(body.data() + k, ',', n - k);
  if (comma == nullptr) return SentenceError::malformed;
  const auto payload_end = static_cast<std::size_t>(static_cast<const char*>(comma) - body.data());
  out.payload = body.substr(k, payload_end - k);
  const std::string_view fill = body.substr(payload_end + 1);
  const std::string_view address = body.substr(0, 5);
  out.talker = address.substr(0, 2);
  out.own_ship = address.substr(2) == "VDO";
  if (count.size() != 1 || index.size() != 1 || fill.size() != 1) {
    return SentenceError::malformed;
  }
  out.fragment_count = count[0] - '0';
  out.fragment_index = index[0] - '0';
  if (out.fragment_count < 1 || out.fragment_count > 9 || out.fragment_index < 1 ||
      out.fragment_index > out.fragment_count) {
    return SentenceError::malformed;
  }
  if (!sequence.empty()) {
    if (sequence[0] < '0' || sequence[0] > '9') return SentenceError::malformed;
    out.sequence_id = sequence[0] - '0';
  }
  out.channel = channel.empty() ? 0 : channel[0];
  out.fill_bits = fill[0] - '0';
  if (out.fill_bits < 0 || out.fill_bits > 5) return SentenceError::fill_bits;
  if (out.fill_bits != 0 && out.fragment_index != out.fragment_count) {
    return SentenceError::fill_bits;
  }

  // USCG receiver trailer: ",<fields>" where the station starts with 'r' (or 'b' in
  // older logs) and the first UNIX time after it is the receive time.
  std::string_view trailer = sentence.substr(star + 3);
  if (!trailer.empty() && trailer[0] == ',') {
    trailer.remove_prefix(1);
    while (!trailer.empty()) {
      const std::string_view item = next_field(trailer);
      if (out.station.empty() && item.size() > 1 && (item[0] == 'r' || item[0] == 'b')) {
        out.station = item.substr(1);
      } else if (!out.time && item.size() >= 9 && item.size() <= 10) {
        out.time = unix_time(item);
      }
    }
  }
  return SentenceError::none;
}

std::optional<Timestamp> parse_gatehouse_time(std::string_view sentence) {
  const auto star = sentence.find('*');
  if (star == std::string_view::npos ||
      !nmea_checksum_matches(sentence.substr(1, star - 1), sentence.substr(star + 1))) {
    return std::nullopt;
  }
  std::string_view rest = sentence.substr(1, star - 1);
  next_field(rest);                                  // PGHP
  if (next_field(rest) != "1") return std::nullopt;  // only message type 1 carries time
  std::array<std::uint64_t, 7> parts{};  // year month day hour minute second millisecond
  for (auto& part : parts) {
    const auto value = parse_unsigned(next_field(rest));
    if (!value) return std::nullopt;
    part = *value;
  }
  if (parts[0] < 1900 || parts[0] > 2199 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 ||
      parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60 || parts[6] > 999) {
    return std::nullopt;
  }
  const auto days = days_from_civil(static_cast<int>(parts[0]), static_cast<unsigned>(parts[1]),
                                    static_cast<unsigned>(parts[2]));
  const std::int64_t seconds =
      days * 86400 + static_cast<std::int64_t>(parts[3] * 3600 + parts[4] * 60 + parts[5]);
  const Timestamp time = seconds * 1'000'000 + static_cast<std::int64_t>(parts[6]) * 1000;
  if (time < kEarliestTime || time > kLatestTime) return std::nullopt;
  return time;
}

}  // namespace vigil::ais
