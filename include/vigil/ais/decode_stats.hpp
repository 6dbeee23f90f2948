#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vigil::ais {

// What can be wrong with a line of AIS input (docs/ais.md).
enum class ErrorKind : std::uint8_t {
  checksum,         // sentence checksum mismatch
  malformed,        // sentence fields unreadable (count, index, missing checksum...)
  tag_block,        // tag block malformed or failing its checksum; its fields are ignored
  fill_bits,        // fill bits outside 0-5, or on a fragment that is not the last
  bad_payload,      // a character outside the six-bit armouring, or an oversized payload
  bit_count,        // fewer bits than the message type needs
  orphan_fragment,  // a fragment whose message never completed (counted per fragment)
  unknown_type,     // message type 0 or 28-63
  junk_line,        // a line that holds no sentence at all
};
inline constexpr std::size_t kErrorKinds = 9;

std::string_view error_kind_name(ErrorKind kind);

struct DecodeStats {
  std::uint64_t lines = 0;
  std::uint64_t sentences = 0;        // AIS sentences (!--VDM / !--VDO), good or bad
  std::uint64_t other_sentences = 0;  // other NMEA sentences, Gatehouse lines included
  std::uint64_t comments = 0;         // lines starting with '#'
  std::uint64_t messages = 0;         // messages decoded and emitted
  std::array<std::uint64_t, 64> messages_by_type{};
  std::array<std::uint64_t, kErrorKinds> errors{};

  std::uint64_t error_total() const;
  std::uint64_t& error(ErrorKind kind) { return errors[static_cast<std::size_t>(kind)]; }
  std::uint64_t error(ErrorKind kind) const { return errors[static_cast<std::size_t>(kind)]; }
  void merge(const DecodeStats& other);

  // {"lines":..,"sentences":..,"messages":..,"types":{"1":..},"errors":{"checksum":..}}
  nlohmann::json to_json() const;
  // Human summary, several lines.
  std::string to_text() const;
};

}  // namespace vigil::ais
