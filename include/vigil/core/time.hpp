#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil {

// Instants are microseconds since 1970-01-01T00:00:00Z (UTC). Microseconds keep the
// sub-second precision of camera and acoustic sensors while fitting SQLite's INTEGER.
using Timestamp = std::int64_t;

inline constexpr Timestamp kMicrosPerSecond = 1'000'000;

// Earliest and latest instants vigil accepts: anything outside is a typo or a unit mistake
// (seconds read as milliseconds), not an observation.
inline constexpr Timestamp kEarliestTime = -2'208'988'800LL * kMicrosPerSecond;  // 1900-01-01
inline constexpr Timestamp kLatestTime = 7'258'118'400LL * kMicrosPerSecond;     // 2200-01-01

// Parses an RFC 3339 date-time ("2024-05-01T12:00:00Z", "2024-05-01T14:00:00.25+02:00").
// A space may stand for the 'T', and 't'/'z' are accepted as RFC 3339 allows. Returns
// nothing when the text is not a valid date-time within [kEarliestTime, kLatestTime).
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Room format_rfc3339_to needs.
inline constexpr std::size_t kRfc3339Capacity = 40;

// Writes the RFC 3339 text of `t` to `out` (kRfc3339Capacity chars); returns its length.
std::size_t format_rfc3339_to(Timestamp t, char* out);

// Formats as RFC 3339 in UTC with a 'Z'; fractional seconds only when non-zero.
std::string format_rfc3339(Timestamp t);

// The current wall-clock time.
Timestamp now();

}  // namespace vigil
