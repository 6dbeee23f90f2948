#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::ais {

// Builds a message's bits, most significant first, as ITU-R M.1371 lays them out.
class BitWriter {
 public:
  void put(std::uint64_t value, int bits);
  void put_signed(std::int64_t value, int bits);
  // Six-bit ASCII, padded with '@' to `chars`; characters without a six-bit code become '?'.
  void put_text(std::string_view text, int chars);
  std::size_t size() const { return size_; }
  // The armoured payload and its fill bits.
  std::string armour(int& fill_bits) const;

 private:
  // The longest message is 1,008 bits (five slots); bits beyond are dropped.
  static constexpr std::size_t kCapacity = 1'024;
  std::array<std::uint8_t, kCapacity / 8> bytes_{};
  std::size_t size_ = 0;
};

// A class A (type 1) or class B (type 18) position report. Absent optionals are sent as
// "not available".
struct PositionReportFields {
  int type = 1;  // 1 or 18
  std::uint32_t mmsi = 0;
  int status = 15;  // navigational status (type 1); 15: not defined
  double lat = 0;
  double lon = 0;
  std::optional<double> speed;   // knots
  std::optional<double> course;  // degrees
  std::optional<int> heading;    // degrees
  int second = 60;               // UTC second of the fix; 60: not available
};

// Static and voyage data: type 5 (class A), or types 24 A and B (class B).
struct StaticFields {
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;  // 0: not available
  std::string callsign;
  std::string name;
  int ship_type = 0;
  int to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  double draught = 0;  // metres
  std::string destination;
};

// Armoured payloads (with their fill bits).
struct Payload6 {
  std::string text;
  int fill_bits = 0;
};
Payload6 encode_position_report(const PositionReportFields& fields);
Payload6 encode_static_voyage(const StaticFields& fields);     // type 5
Payload6 encode_class_b_static_a(const StaticFields& fields);  // type 24 part A
Payload6 encode_class_b_static_b(const StaticFields& fields);  // type 24 part B

// NMEA sentences for one payload: split into fragments of at most 60 payload characters,
// `!AIVDM,n,i,seq,channel,payload,fill*hh`; the first fragment is preceded by the NMEA 4
// tag block `\s:station,c:epoch*hh\` when `station` is not empty.
std::vector<std::string> to_sentences(const Payload6& payload, char channel, int sequence_id,
                                      std::string_view station, std::int64_t epoch_seconds);

}  // namespace vigil::ais
