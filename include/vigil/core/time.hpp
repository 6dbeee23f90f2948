#pragma once

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

// Formats as RFC 3339 in UTC with a 'Z'; fractional seconds only when non-zero.
std::string format_rfc3339(Timestamp t);

// The current wall-clock time.
Timestamp now();

}  // namespace vigil
