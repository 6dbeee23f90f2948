#include "vigil/ais/encode.hpp"

#include <cmath>

#include <fmt/format.h>

namespace vigil::ais {
namespace {

std::uint8_t checksum(std::string_view text) {
  std::uint8_t sum = 0;
  for (const char c : text)
    sum ^= static_cast<std::uint8_t>(c);
  return sum;
}

// Degrees to the signed 1/10,000-minute units of positions.
std::int64_t position_units(double degrees) {
  return std::llround(degrees * 600'000.0);
}

}  // namespace

void BitWriter::put(std::uint64_t value, int bits) {
  for (int i = bits - 1; i >= 0 && size_ < kCapacity; --i, ++size_)
    if (((value >> i) & 1U) != 0)
      bytes_[size_ / 8] |= static_cast<std::uint8_t>(0x80U >> (size_ % 8));
}

void BitWriter::put_signed(std::int64_t value, int bits) {
  put(static_cast<std::uint64_t>(value) & ((std::uint64_t{1} << bits) - 1), bits);
}

void BitWriter::put_text(std::string_view text, int chars) {
  for (int i = 0; i < chars; ++i) {
    char c = static_cast<std::size_t>(i) < text.size() ? text[static_cast<std::size_t>(i)] : '@';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    unsigned code = 0;
    if (c >= 64 && c <= 95) {
      code = static_cast<unsigned>(c - 64);
    } else if (c >= 32 && c <= 63) {
      code = static_cast<unsigned>(c);
    } else {
      code = '?';
    }
    put(code, 6);
  }
}

std::string BitWriter::armour(int& fill_bits) const {
  const std::size_t chars = (size_ + 5) / 6;
  fill_bits = static_cast<int>(chars * 6 - size_);
  std::string out;
  out.reserve(chars);
  for (std::size_t c = 0; c < chars; ++c) {
    unsigned value = 0;
    for (std::size_t i = c * 6; i < c * 6 + 6; ++i)
      value = (value << 1) | ((bytes_[i / 8] >> (7 - i % 8)) & 1U);
    out.push_back(static_cast<char>(value < 40 ? value + 48 : value + 56));
  }
  return out;
}

Payload6 encode_position_report(const PositionReportFields& f) {
  BitWriter w;
  const std::uint64_t speed =
      f.speed ? static_cast<std::uint64_t>(std::llround(*f.speed * 10)) : 1023;
  const std::uint64_t course =
      f.course ? static_cast<std::uint64_t>(std::llround(*f.course * 10)) % 3600 : 3600;
  const std::uint64_t heading = f.heading ? static_cast<std::uint64_t>(*f.heading) % 360 : 511;
  w.put(static_cast<std::uint64_t>(f.type), 6);
  w.put(0, 2);  // repeat
  w.put(f.mmsi, 30);
  if (f.type == 18) {
    w.put(0, 8);  // reserved
  } else {
    w.put(static_cast<std::uint64_t>(f.status), 4);
    w.put_signed(-128, 8);  // rate of turn: not available
  }
  w.put(std::min<std::uint64_t>(speed, 1023), 10);
  w.put(0, 1);  // accuracy
  w.put_signed(position_units(f.lon), 28);
  w.put_signed(position_units(f.lat), 27);
  w.put(course, 12);
  w.put(heading, 9);
  w.put(static_cast<std::uint64_t>(f.second), 6);
  if (f.type == 18) {
    w.put(0, 2);  // regional
    w.put(1, 1);  // CS unit
    w.put(0, 5);  // display, DSC, band, message 22, assigned
    w.put(0, 1);  // RAIM
    w.put(0, 20);
  } else {
    w.put(0, 2);  // manoeuvre
    w.put(0, 3);  // spare
    w.put(0, 1);  // RAIM
    w.put(0, 19);
  }
  Payload6 payload;
  payload.text = w.armour(payload.fill_bits);
  return payload;
}

Payload6 encode_static_voyage(const StaticFields& f) {
  BitWriter w;
  w.put(5, 6);
  w.put(0, 2);
  w.put(f.mmsi, 30);
  w.put(0, 2);  // AIS version
  w.put(f.imo, 30);
  w.put_text(f.callsign, 7);
  w.put_text(f.name, 20);
  w.put(static_cast<std::uint64_t>(f.ship_type), 8);
  w.put(static_cast<std::uint64_t>(f.to_bow), 9);
  w.put(static_cast<std::uint64_t>(f.to_stern), 9);
  w.put(static_cast<std::uint64_t>(f.to_port), 6);
  w.put(static_cast<std::uint64_t>(f.to_starboard), 6);
  w.put(1, 4);   // EPFD: GPS
  w.put(0, 4);   // ETA month: not available
  w.put(0, 5);   // day
  w.put(24, 5);  // hour
  w.put(60, 6);  // minute
  w.put(static_cast<std::uint64_t>(std::llround(f.draught * 10)), 8);
  w.put_text(f.destination, 20);
  w.put(0, 1);  // DTE ready
  w.put(0, 1);
  Payload6 payload;
  payload.text = w.armour(payload.fill_bits);
  return payload;
}

Payload6 encode_class_b_static_a(const StaticFields& f) {
  BitWriter w;
  w.put(24, 6);
  w.put(0, 2);
  w.put(f.mmsi, 30);
  w.put(0, 2);
  w.put_text(f.name, 20);
  w.put(0, 8);  // spare
  Payload6 payload;
  payload.text = w.armour(payload.fill_bits);
  return payload;
}

Payload6 encode_class_b_static_b(const StaticFields& f) {
  BitWriter w;
  w.put(24, 6);
  w.put(0, 2);
  w.put(f.mmsi, 30);
  w.put(1, 2);
  w.put(static_cast<std::uint64_t>(f.ship_type), 8);
  w.put_text("VGL", 3);  // vendor id
  w.put(1, 4);           // unit model
  w.put(f.mmsi % (1U << 20), 20);
  w.put_text(f.callsign, 7);
  w.put(static_cast<std::uint64_t>(f.to_bow), 9);
  w.put(static_cast<std::uint64_t>(f.to_stern), 9);
  w.put(static_cast<std::uint64_t>(f.to_port), 6);
  w.put(static_cast<std::uint64_t>(f.to_starboard), 6);
  w.put(0, 6);
  Payload6 payload;
  payload.text = w.armour(payload.fill_bits);
  return payload;
}

std::vector<std::string> to_sentences(const Payload6& payload, char channel, int sequence_id,
                                      std::string_view station, std::int64_t epoch_seconds) {
  constexpr std::size_t kMaxChars = 60;
  const std::size_t fragments =
      std::max<std::size_t>(1, (payload.text.size() + kMaxChars - 1) / kMaxChars);
  std::vector<std::string> sentences;
  for (std::size_t i = 0; i < fragments; ++i) {
    const std::string_view part = std::string_view(payload.text).substr(i * kMaxChars, kMaxChars);
    const bool last = i + 1 == fragments;
    const std::string sequence = fragments > 1 ? std::to_string(sequence_id) : std::string();
    const std::string body = fmt::format("AIVDM,{},{},{},{},{},{}", fragments, i + 1, sequence,
                                         channel, part, last ? payload.fill_bits : 0);
    std::string line;
    if (i == 0 && !station.empty()) {
      const std::string tag = fmt::format("s:{},c:{}", station, epoch_seconds);
      line = fmt::format("\\{}*{:02X}\\", tag, checksum(tag));
    }
    line += fmt::format("!{}*{:02X}", body, checksum(body));
    sentences.push_back(std::move(line));
  }
  return sentences;
}

}  // namespace vigil::ais
