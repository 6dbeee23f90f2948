#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "vigil/core/time.hpp"

namespace vigil::ais {

// What the NMEA 4.10 tag block in front of a sentence says (\c:..,s:..,g:..*hh\).
struct TagBlock {
  std::optional<Timestamp> time;            // c: (UNIX seconds, or milliseconds when that large)
  std::string_view station;                 // s: source
  std::string_view text;                    // t: free text
  std::optional<std::uint64_t> line_count;  // n:
  // g: sentence index, sentence count and group id for tag-block-grouped multipart.
  int group_index = 0;
  int group_count = 0;
  std::string_view group_id;
  bool has_group() const { return group_count > 0; }
};

// One !xxVDM / !xxVDO sentence, fields as written.
struct VdmSentence {
  std::string_view talker;  // "AI", "BS", "AB", ...
  bool own_ship = false;    // VDO
  int fragment_count = 0;   // 1-9
  int fragment_index = 0;   // 1-based
  int sequence_id = -1;     // -1 when empty
  char channel = 0;         // 0 when empty
  std::string_view payload;
  int fill_bits = 0;
  // USCG-style receiver fields after the checksum (",r003669946,1325394060").
  std::string_view station;
  std::optional<Timestamp> time;
};

enum class SentenceError : std::uint8_t {
  none,
  checksum,   // the sentence's checksum does not match
  malformed,  // wrong field count, bad fragment numbers, no checksum
  fill_bits,  // fill bits outside 0-5, or nonzero on a non-final fragment
  tag_block,  // a tag block that is malformed or fails its checksum
};

// Validates "<body>*hh" where `body` is everything between the start character and '*'.
bool nmea_checksum_matches(std::string_view body, std::string_view hex);

// Parses a tag block's content (between the backslashes, checksum included). Returns
// `checksum` when the fields parse but the checksum does not match: some feeds add a
// field without updating the checksum, so the fields are kept and the caller decides.
SentenceError parse_tag_block(std::string_view block, TagBlock& out);

// Parses one sentence beginning with '!' up to and including its checksum and receiver
// trailer. `sentence` ends where the next tag block or sentence on the line begins.
SentenceError parse_vdm(std::string_view sentence, VdmSentence& out);
// The same, for a caller that has already found the first '*' of `sentence` (or npos).
SentenceError parse_vdm(std::string_view sentence, std::size_t star, VdmSentence& out);

// Parses "$PGHP,1,<year>,<month>,<day>,<hour>,<minute>,<second>,<ms>,...*hh", the
// Gatehouse line that time-stamps the sentence after it.
std::optional<Timestamp> parse_gatehouse_time(std::string_view sentence);

}  // namespace vigil::ais
