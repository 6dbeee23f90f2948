#include "vigil/ais/decode_message.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "vigil/ais/vocabulary.hpp"

namespace vigil::ais {
namespace {

using F = FieldName;

// Positions come in 1/10000 minute (28/27-bit fields) or 1/10 minute (18/17-bit fields).
constexpr double kFineUnitsPerDegree = 600000.0;
constexpr double kCoarseUnitsPerDegree = 600.0;

class Decoder {
 public:
  Decoder(const Payload& payload, Message& out) : p_(payload), out_(out) {}

  std::size_t bits() const { return p_.bit_count(); }
  bool has(std::size_t end) const { return p_.bit_count() >= end; }

  std::uint64_t u(std::size_t start, unsigned width) const { return p_.u(start, width); }
  std::int64_t s(std::size_t start, unsigned width) const { return p_.s(start, width); }

  [[gnu::always_inline]] void integer(F name, std::size_t start, unsigned width) {
    out_.add_integer(name, static_cast<std::int64_t>(u(start, width)));
  }
  [[gnu::always_inline]] void boolean(F name, std::size_t start) {
    out_.add_boolean(name, p_.flag(start));
  }

  // Integer that is left out when it equals its "not available" value.
  [[gnu::always_inline]] void integer_unless(F name, std::size_t start, unsigned width,
                                             std::uint64_t missing) {
    const std::uint64_t value = u(start, width);
    if (value != missing) out_.add_integer(name, static_cast<std::int64_t>(value));
  }

  // Tenths (speed in 0.1 knot, course in 0.1 degree, draught in 0.1 m).
  [[gnu::always_inline]] void tenths_unless(F name, std::size_t start, unsigned width,
                                            std::uint64_t missing) {
    const std::uint64_t value = u(start, width);
    if (value != missing) out_.add_decimal(name, static_cast<double>(value) * 0.1, 1);
  }

  // Longitude and latitude, both left out when either is the "not available" value
  // (181 and 91 degrees), since one without the other is no position.
  [[gnu::always_inline]] void position(std::size_t lon_start, unsigned lon_width,
                                       std::size_t lat_start, unsigned lat_width,
                                       double units_per_degree, int decimals) {
    const std::int64_t lon = s(lon_start, lon_width);
    const std::int64_t lat = s(lat_start, lat_width);
    const auto lon_missing = static_cast<std::int64_t>(181 * units_per_degree);
    const auto lat_missing = static_cast<std::int64_t>(91 * units_per_degree);
    if (lon == lon_missing || lat == lat_missing) return;
    // Multiplying by the reciprocal is within an ulp of dividing, far below the
    // printed precision, and several times cheaper.
    const double degrees_per_unit = 1.0 / units_per_degree;
    out_.add_decimal(F::lon, static_cast<double>(lon) * degrees_per_unit, decimals);
    out_.add_decimal(F::lat, static_cast<double>(lat) * degrees_per_unit, decimals);
  }

  // A corner of an area, always present (no "not available" value is defined).
  void corner(F lon_name, F lat_name, std::size_t lon_start, std::size_t lat_start) {
    out_.add_decimal(lon_name, static_cast<double>(s(lon_start, 18)) / kCoarseUnitsPerDegree, 6);
    out_.add_decimal(lat_name, static_cast<double>(s(lat_start, 17)) / kCoarseUnitsPerDegree, 6);
  }

  // Six-bit text; empty text (all padding) is "not available" and left out.
  void text(F name, std::size_t start, std::size_t chars) {
    char* where = out_.add_text_in_place(name, chars);
    const std::size_t length = p_.text(start, chars, where);
    out_.shrink_last_text(length);
    if (length == 0) out_.drop_last();
  }

  // Text split over two fields (type 21 name and name extension).
  void two_part_text(F name, std::size_t start, std::size_t chars, std::size_t more_start,
                     std::size_t more_chars) {
    char* where = out_.add_text_in_place(name, chars + more_chars);
    std::size_t length = p_.text(start, chars, where);
    length += p_.text(more_start, more_chars, where + length);
    out_.shrink_last_text(length);
    if (length == 0) out_.drop_last();
  }

  // Text of everything from `start` to the end of the payload (types 12 and 14).
  void text_to_end(F name, std::size_t start) {
    const std::size_t chars = bits() > start ? (bits() - start) / 6 : 0;
    char* where = out_.add_text_in_place(name, chars);
    out_.shrink_last_text(p_.text(start, chars, where));
  }

  // Bits from `start` to the end, as gpsd prints binary data: "<bit count>:<hex>".
  void data(F name, std::size_t start) { data_until(name, start, bits()); }

  void data_until(F name, std::size_t start, std::size_t end) {
    const std::size_t count = end > start ? end - start : 0;
    const std::size_t hex_digits = (count + 7) / 8 * 2;
    char prefix[24];
    const int prefix_size = std::snprintf(prefix, sizeof prefix, "%zu:", count);
    char* where = out_.add_text_in_place(name, static_cast<std::size_t>(prefix_size) + hex_digits);
    for (int i = 0; i < prefix_size; ++i)
      *where++ = prefix[i];
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t byte = 0; byte < hex_digits / 2; ++byte) {
      const std::size_t at = start + byte * 8;
      const std::size_t width = count - byte * 8 >= 8 ? 8 : count - byte * 8;
      // A short last byte is padded with zero bits on the right.
      const auto value = static_cast<unsigned>(u(at, static_cast<unsigned>(width)) << (8 - width));
      *where++ = kHex[value >> 4];
      *where++ = kHex[value & 15];
    }
  }

  void legend(F name, std::string_view text) { out_.add_static_text(name, text); }

  // ITU-R M.1371 rate of turn: the field holds 4.733 * sqrt(degrees per minute), signed.
  void rate_of_turn(std::size_t start) {
    const std::int64_t raw = s(start, 8);
    if (raw == -128) return;  // not available
    if (raw == 127) return out_.add_static_text(F::turn, "fastright");
    if (raw == -127) return out_.add_static_text(F::turn, "fastleft");
    const double root = static_cast<double>(raw) * (1.0 / 4.733);
    out_.add_decimal(F::turn, std::copysign(root * root, root), 1);
  }

  // UTC date-time of types 4 and 11; left out unless every part is available.
  void utc_timestamp(std::size_t start) {
    const auto year = u(start, 14), month = u(start + 14, 4), day = u(start + 18, 5);
    const auto hour = u(start + 23, 5), minute = u(start + 28, 6), second = u(start + 34, 6);
    if (year == 0 || month == 0 || month > 12 || day == 0 || hour > 23 || minute > 59 ||
        second > 59) {
      return;
    }
    char buffer[64];
    const int size = std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02uT%02u:%02u:%02uZ",
                                   static_cast<unsigned>(year), static_cast<unsigned>(month),
                                   static_cast<unsigned>(day), static_cast<unsigned>(hour),
                                   static_cast<unsigned>(minute), static_cast<unsigned>(second));
    out_.add_text(F::timestamp, std::string_view(buffer, static_cast<std::size_t>(size)));
  }

  // Estimated time of arrival "MM-DDTHH:MMZ" (type 5); left out unless complete.
  void eta(std::size_t start) {
    const auto month = u(start, 4), day = u(start + 4, 5);
    const auto hour = u(start + 9, 5), minute = u(start + 14, 6);
    if (month == 0 || month > 12 || day == 0 || hour > 23 || minute > 59) return;
    char buffer[32];
    const int size = std::snprintf(buffer, sizeof buffer, "%02u-%02uT%02u:%02uZ",
                                   static_cast<unsigned>(month), static_cast<unsigned>(day),
                                   static_cast<unsigned>(hour), static_cast<unsigned>(minute));
    out_.add_text(F::eta, std::string_view(buffer, static_cast<std::size_t>(size)));
  }

  void ship_type(std::size_t start) {
    const auto type = u(start, 8);
    if (type == 0) return;  // not available
    out_.add_integer(F::shiptype, static_cast<std::int64_t>(type));
    legend(F::shiptype_text, ship_type_text(type));
  }

  void epfd(std::size_t start) {
    const auto value = u(start, 4);
    out_.add_integer(F::epfd, static_cast<std::int64_t>(value));
    legend(F::epfd_text, epfd_text(value));
  }

  void dimensions(std::size_t start) {
    integer(F::to_bow, start, 9);
    integer(F::to_stern, start + 9, 9);
    integer(F::to_port, start + 18, 6);
    integer(F::to_starboard, start + 24, 6);
  }

  Message& out() { return out_; }

 private:
  const Payload& p_;
  Message& out_;
};

// Second of the UTC minute: 60 means not available, 61-63 are positioning-system states
// that gpsd also passes through.
void time_second(Decoder d, std::size_t start) {
  d.integer_unless(F::second, start, 6, 60);
}

DecodeStatus position_report(Decoder d) {  // types 1, 2, 3
  if (!d.has(149)) return DecodeStatus::too_short;
  const auto status = d.u(38, 4);
  d.out().add_integer(F::status, static_cast<std::int64_t>(status));
  d.legend(F::status_text, navigation_status_text(status));
  d.rate_of_turn(42);
  d.tenths_unless(F::speed, 50, 10, 1023);
  d.boolean(F::accuracy, 60);
  d.position(61, 28, 89, 27, kFineUnitsPerDegree, 7);
  d.tenths_unless(F::course, 116, 12, 3600);
  d.integer_unless(F::heading, 128, 9, 511);
  time_second(d, 137);
  d.integer(F::maneuver, 143, 2);
  d.boolean(F::raim, 148);
  if (d.has(168)) d.integer(F::radio, 149, 19);
  return DecodeStatus::ok;
}

DecodeStatus base_station_report(Decoder d) {  // types 4, 11
  if (!d.has(149)) return DecodeStatus::too_short;
  d.utc_timestamp(38);
  d.boolean(F::accuracy, 78);
  d.position(79, 28, 107, 27, kFineUnitsPerDegree, 7);
  d.epfd(134);
  d.boolean(F::raim, 148);
  if (d.has(168)) d.integer(F::radio, 149, 19);
  return DecodeStatus::ok;
}

DecodeStatus static_and_voyage(Decoder d) {  // type 5
  if (!d.has(420)) return DecodeStatus::too_short;
  d.integer(F::ais_version, 38, 2);
  d.integer_unless(F::imo, 40, 30, 0);
  d.text(F::callsign, 70, 7);
  d.text(F::shipname, 112, 20);
  d.ship_type(232);
  d.dimensions(240);
  d.epfd(270);
  d.eta(274);
  d.tenths_unless(F::draught, 294, 8, 0);
  d.text(F::destination, 302, 20);
  if (d.has(423)) d.integer(F::dte, 422, 1);
  return DecodeStatus::ok;
}

DecodeStatus addressed_binary(Decoder d) {  // type 6
  if (!d.has(88)) return DecodeStatus::too_short;
  d.integer(F::seqno, 38, 2);
  d.integer(F::dest_mmsi, 40, 30);
  d.boolean(F::retransmit, 70);
  d.integer(F::dac, 72, 10);
  d.integer(F::fid, 82, 6);
  d.data(F::data, 88);
  return DecodeStatus::ok;
}

DecodeStatus acknowledge(Decoder d) {  // types 7, 13
  if (!d.has(70)) return DecodeStatus::too_short;
  constexpr std::array<F, 4> kNames = {F::mmsi1, F::mmsi2, F::mmsi3, F::mmsi4};
  for (std::size_t i = 0; i < kNames.size() && d.has(70 + 32 * i); ++i) {
    d.integer(kNames[i], 40 + 32 * i, 30);
  }
  return DecodeStatus::ok;
}

DecodeStatus broadcast_binary(Decoder d) {  // type 8
  if (!d.has(56)) return DecodeStatus::too_short;
  d.integer(F::dac, 40, 10);
  d.integer(F::fid, 50, 6);
  d.data(F::data, 56);
  return DecodeStatus::ok;
}

DecodeStatus sar_aircraft(Decoder d) {  // type 9
  if (!d.has(148)) return DecodeStatus::too_short;
  d.integer_unless(F::alt, 38, 12, 4095);
  d.integer_unless(F::speed, 50, 10, 1023);
  d.boolean(F::accuracy, 60);
  d.position(61, 28, 89, 27, kFineUnitsPerDegree, 7);
  d.tenths_unless(F::course, 116, 12, 3600);
  time_second(d, 128);
  d.integer(F::regional, 134, 8);
  d.integer(F::dte, 142, 1);
  d.boolean(F::assigned, 146);
  d.boolean(F::raim, 147);
  if (d.has(168)) d.integer(F::radio, 148, 20);
  return DecodeStatus::ok;
}

DecodeStatus date_inquiry(Decoder d) {  // type 10
  if (!d.has(70)) return DecodeStatus::too_short;
  d.integer(F::dest_mmsi, 40, 30);
  return DecodeStatus::ok;
}

DecodeStatus addressed_safety(Decoder d) {  // type 12
  if (!d.has(72)) return DecodeStatus::too_short;
  d.integer(F::seqno, 38, 2);
  d.integer(F::dest_mmsi, 40, 30);
  d.boolean(F::retransmit, 70);
  d.text_to_end(F::text, 72);
  return DecodeStatus::ok;
}

DecodeStatus broadcast_safety(Decoder d) {  // type 14
  if (!d.has(40)) return DecodeStatus::too_short;
  d.text_to_end(F::text, 40);
  return DecodeStatus::ok;
}

DecodeStatus interrogation(Decoder d) {  // type 15
  if (!d.has(88)) return DecodeStatus::too_short;
  d.integer(F::mmsi1, 40, 30);
  d.integer(F::type1_1, 70, 6);
  d.integer(F::offset1_1, 76, 12);
  if (d.has(108)) {
    d.integer(F::type1_2, 90, 6);
    d.integer(F::offset1_2, 96, 12);
  }
  if (d.has(158)) {
    d.integer(F::mmsi2, 110, 30);
    d.integer(F::type2_1, 140, 6);
    d.integer(F::offset2_1, 146, 12);
  }
  return DecodeStatus::ok;
}

DecodeStatus assignment(Decoder d) {  // type 16
  if (!d.has(92)) return DecodeStatus::too_short;
  d.integer(F::mmsi1, 40, 30);
  d.integer(F::offset1, 70, 12);
  d.integer(F::increment1, 82, 10);
  if (d.has(144)) {
    d.integer(F::mmsi2, 92, 30);
    d.integer(F::offset2, 122, 12);
    d.integer(F::increment2, 134, 10);
  }
  return DecodeStatus::ok;
}

DecodeStatus gnss_broadcast(Decoder d) {  // type 17
  if (!d.has(80)) return DecodeStatus::too_short;
  d.position(40, 18, 58, 17, kCoarseUnitsPerDegree, 6);
  d.data(F::data, 80);
  return DecodeStatus::ok;
}

DecodeStatus class_b_position(Decoder d) {  // type 18
  if (!d.has(148)) return DecodeStatus::too_short;
  d.integer(F::reserved, 38, 8);
  d.tenths_unless(F::speed, 46, 10, 1023);
  d.boolean(F::accuracy, 56);
  d.position(57, 28, 85, 27, kFineUnitsPerDegree, 7);
  d.tenths_unless(F::course, 112, 12, 3600);
  d.integer_unless(F::heading, 124, 9, 511);
  time_second(d, 133);
  d.integer(F::regional, 139, 2);
  d.boolean(F::cs, 141);
  d.boolean(F::display, 142);
  d.boolean(F::dsc, 143);
  d.boolean(F::band, 144);
  d.boolean(F::msg22, 145);
  d.boolean(F::assigned, 146);
  d.boolean(F::raim, 147);
  if (d.has(168)) d.integer(F::radio, 148, 20);
  return DecodeStatus::ok;
}

DecodeStatus class_b_extended(Decoder d) {  // type 19
  if (!d.has(308)) return DecodeStatus::too_short;
  d.integer(F::reserved, 38, 8);
  d.tenths_unless(F::speed, 46, 10, 1023);
  d.boolean(F::accuracy, 56);
  d.position(57, 28, 85, 27, kFineUnitsPerDegree, 7);
  d.tenths_unless(F::course, 112, 12, 3600);
  d.integer_unless(F::heading, 124, 9, 511);
  time_second(d, 133);
  d.integer(F::regional, 139, 4);
  d.text(F::shipname, 143, 20);
  d.ship_type(263);
  d.dimensions(271);
  d.epfd(301);
  d.boolean(F::raim, 305);
  d.integer(F::dte, 306, 1);
  d.boolean(F::assigned, 307);
  return DecodeStatus::ok;
}

DecodeStatus data_link_management(Decoder d) {  // type 20
  if (!d.has(70)) return DecodeStatus::too_short;
  constexpr std::array<std::array<F, 4>, 4> kNames = {{
      {F::offset1, F::number1, F::timeout1, F::increment1},
      {F::offset2, F::number2, F::timeout2, F::increment2},
      {F::offset3, F::number3, F::timeout3, F::increment3},
      {F::offset4, F::number4, F::timeout4, F::increment4},
  }};
  for (std::size_t i = 0; i < kNames.size() && d.has(70 + 30 * i); ++i) {
    const std::size_t at = 40 + 30 * i;
    d.integer(kNames[i][0], at, 12);
    d.integer(kNames[i][1], at + 12, 4);
    d.integer(kNames[i][2], at + 16, 3);
    d.integer(kNames[i][3], at + 19, 11);
  }
  return DecodeStatus::ok;
}

DecodeStatus aid_to_navigation(Decoder d) {  // type 21
  if (!d.has(272)) return DecodeStatus::too_short;
  const auto aid_type = d.u(38, 5);
  d.out().add_integer(F::aid_type, static_cast<std::int64_t>(aid_type));
  d.legend(F::aid_type_text, aid_type_text(aid_type));
  // The name continues in the extension field after bit 272 (up to 14 more characters).
  const std::size_t extension_chars = d.bits() >= 278 ? (d.bits() - 272) / 6 : 0;
  d.two_part_text(F::name, 43, 20, 272, extension_chars > 14 ? 14 : extension_chars);
  d.boolean(F::accuracy, 163);
  d.position(164, 28, 192, 27, kFineUnitsPerDegree, 7);
  d.dimensions(219);
  d.epfd(249);
  time_second(d, 253);
  d.boolean(F::off_position, 259);
  d.integer(F::regional, 260, 8);
  d.boolean(F::raim, 268);
  d.boolean(F::virtual_aid, 269);
  d.boolean(F::assigned, 270);
  return DecodeStatus::ok;
}

DecodeStatus channel_management(Decoder d) {  // type 22
  if (!d.has(145)) return DecodeStatus::too_short;
  d.integer(F::channel_a, 40, 12);
  d.integer(F::channel_b, 52, 12);
  d.integer(F::txrx, 64, 4);
  d.boolean(F::power, 68);
  const bool addressed = d.u(139, 1) != 0;
  if (addressed) {
    d.integer(F::dest1, 69, 30);
    d.integer(F::dest2, 104, 30);
  } else {
    d.corner(F::ne_lon, F::ne_lat, 69, 87);
    d.corner(F::sw_lon, F::sw_lat, 104, 122);
  }
  d.boolean(F::addressed, 139);
  d.boolean(F::band_a, 140);
  d.boolean(F::band_b, 141);
  d.integer(F::zonesize, 142, 3);
  return DecodeStatus::ok;
}

DecodeStatus group_assignment(Decoder d) {  // type 23
  if (!d.has(154)) return DecodeStatus::too_short;
  d.corner(F::ne_lon, F::ne_lat, 40, 58);
  d.corner(F::sw_lon, F::sw_lat, 75, 93);
  const auto station_type = d.u(110, 4);
  d.out().add_integer(F::stationtype, static_cast<std::int64_t>(station_type));
  d.legend(F::stationtype_text, station_type_text(station_type));
  d.ship_type(114);
  d.integer(F::txrx, 144, 2);
  d.integer(F::interval, 146, 4);
  d.integer(F::quiet, 150, 4);
  return DecodeStatus::ok;
}

// Auxiliary craft (MMSI 98MIDxxxx) report their mother ship instead of dimensions.
bool is_auxiliary_craft(std::uint64_t mmsi) {
  return mmsi / 10000000 == 98;
}

DecodeStatus static_data_report(Decoder d) {  // type 24, part A or B
  if (!d.has(40)) return DecodeStatus::too_short;
  const auto part = d.u(38, 2);
  if (part == 0) {
    if (!d.has(160)) return DecodeStatus::too_short;
    d.integer(F::partno, 38, 2);
    d.text(F::shipname, 40, 20);
    return DecodeStatus::ok;
  }
  if (part != 1 || !d.has(162)) return DecodeStatus::too_short;
  d.integer(F::partno, 38, 2);
  d.ship_type(40);
  // gpsd prints the whole 42-bit vendor field as text and also splits its last 24 bits
  // into model and serial, as ITU-R M.1371-4 and later define them.
  d.text(F::vendorid, 48, 7);
  d.integer(F::model, 66, 4);
  d.integer(F::serial, 70, 20);
  d.text(F::callsign, 90, 7);
  if (is_auxiliary_craft(d.u(8, 30))) {
    d.integer(F::mothership_mmsi, 132, 30);
  } else {
    d.dimensions(132);
  }
  return DecodeStatus::ok;
}

DecodeStatus binary_slot(Decoder d, bool with_radio) {  // types 25, 26
  if (!d.has(40)) return DecodeStatus::too_short;
  const bool addressed = d.u(38, 1) != 0;
  const bool structured = d.u(39, 1) != 0;
  d.boolean(F::addressed, 38);
  d.boolean(F::structured, 39);
  std::size_t at = 40;
  if (addressed) {
    if (!d.has(70)) return DecodeStatus::too_short;
    d.integer(F::dest_mmsi, 40, 30);
    at = 70;  // no spare bits follow the destination (gpsd and pyais agree)
  }
  if (structured) {
    if (!d.has(at + 16)) return DecodeStatus::too_short;
    d.integer(F::app_id, at, 16);
    at += 16;
  }
  if (with_radio) {
    // The last 20 bits are the communication state (1 selector bit, 19 state bits).
    if (!d.has(at + 20)) return DecodeStatus::too_short;
    d.data_until(F::data, at, d.bits() - 20);
    d.integer(F::radio, d.bits() - 19, 19);
  } else {
    d.data(F::data, at);
  }
  return DecodeStatus::ok;
}

DecodeStatus long_range(Decoder d) {  // type 27
  if (!d.has(94)) return DecodeStatus::too_short;
  const auto status = d.u(40, 4);
  d.out().add_integer(F::status, static_cast<std::int64_t>(status));
  d.legend(F::status_text, navigation_status_text(status));
  d.boolean(F::accuracy, 38);
  d.position(44, 18, 62, 17, kCoarseUnitsPerDegree, 6);
  d.integer_unless(F::speed, 79, 6, 63);
  d.integer_unless(F::course, 85, 9, 511);
  d.boolean(F::raim, 39);
  if (d.has(95)) d.boolean(F::gnss, 94);
  return DecodeStatus::ok;
}

}  // namespace

DecodeStatus decode_message(const Payload& payload, Message& out) {
  out.clear();
  Decoder d(payload, out);
  const auto type = static_cast<int>(payload.u(0, 6));
  out.set_type(type);
  if (payload.bit_count() < 38) return DecodeStatus::too_short;
  out.add_integer(F::type, type);
  d.integer(F::repeat, 6, 2);
  d.integer(F::mmsi, 8, 30);
  switch (type) {
    case 1:
    case 2:
    case 3:
      return position_report(d);
    case 4:
    case 11:
      return base_station_report(d);
    case 5:
      return static_and_voyage(d);
    case 6:
      return addressed_binary(d);
    case 7:
    case 13:
      return acknowledge(d);
    case 8:
      return broadcast_binary(d);
    case 9:
      return sar_aircraft(d);
    case 10:
      return date_inquiry(d);
    case 12:
      return addressed_safety(d);
    case 14:
      return broadcast_safety(d);
    case 15:
      return interrogation(d);
    case 16:
      return assignment(d);
    case 17:
      return gnss_broadcast(d);
    case 18:
      return class_b_position(d);
    case 19:
      return class_b_extended(d);
    case 20:
      return data_link_management(d);
    case 21:
      return aid_to_navigation(d);
    case 22:
      return channel_management(d);
    case 23:
      return group_assignment(d);
    case 24:
      return static_data_report(d);
    case 25:
      return binary_slot(d, false);
    case 26:
      return binary_slot(d, true);
    case 27:
      return long_range(d);
    default:
      d.data(F::payload, 0);
      return DecodeStatus::unknown_type;
  }
}

}  // namespace vigil::ais
