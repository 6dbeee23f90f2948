#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vigil/core/time.hpp"

namespace vigil::ais {

// Output field names. They are gpsd's AIS JSON names wherever gpsd has the field
// (docs/ais.md lists each with its unit); the last few carry what the input's framing
// says about the message rather than what the message says.
// clang-format off
#define VIGIL_AIS_FIELDS(X) \
  X(type) X(repeat) X(mmsi) X(status) X(status_text) X(turn) X(speed) X(accuracy) \
  X(lon) X(lat) X(course) X(heading) X(second) X(maneuver) X(raim) X(radio) \
  X(timestamp) X(epfd) X(epfd_text) X(imo) X(ais_version) X(callsign) X(shipname) \
  X(shiptype) X(shiptype_text) X(to_bow) X(to_stern) X(to_port) X(to_starboard) X(eta) \
  X(draught) X(destination) X(dte) X(seqno) X(dest_mmsi) X(retransmit) X(dac) X(fid) \
  X(data) X(mmsi1) X(mmsi2) X(mmsi3) X(mmsi4) X(alt) X(regional) X(text) X(type1_1) \
  X(offset1_1) X(type1_2) X(offset1_2) X(type2_1) X(offset2_1) X(offset1) X(increment1) \
  X(offset2) X(increment2) X(number1) X(timeout1) X(number2) X(timeout2) X(offset3) \
  X(number3) X(timeout3) X(increment3) X(offset4) X(number4) X(timeout4) X(increment4) \
  X(aid_type) X(aid_type_text) X(name) X(off_position) X(virtual_aid) X(assigned) \
  X(channel_a) X(channel_b) X(txrx) X(power) X(ne_lon) X(ne_lat) X(sw_lon) X(sw_lat) \
  X(dest1) X(dest2) X(addressed) X(band_a) X(band_b) X(zonesize) X(stationtype) \
  X(stationtype_text) X(interval) X(quiet) X(partno) X(vendorid) X(model) X(serial) \
  X(mothership_mmsi) X(structured) X(app_id) X(reserved) X(cs) X(display) X(dsc) \
  X(band) X(msg22) X(gnss) X(payload) X(time) X(station) X(tag_text) X(channel)
// clang-format on

enum class FieldName : std::uint8_t {
#define VIGIL_AIS_ENUM(name) name,
  VIGIL_AIS_FIELDS(VIGIL_AIS_ENUM)
#undef VIGIL_AIS_ENUM
      count
};

std::string_view field_name(FieldName name);
// Looks a name up; nullopt when it is not an output field.
std::optional<FieldName> field_by_name(std::string_view name);

enum class FieldKind : std::uint8_t { integer, decimal, boolean, text };

struct Field {
  FieldName name;
  FieldKind kind;
  // Digits after the point when printing a decimal. Not a char type: stores to one may
  // alias anything, which costs the decoders a reload after every field.
  std::uint16_t decimals;
  std::uint16_t text_size;
  bool owned_text;  // text in the message's buffer (else a legend with static storage)
  const char* text_data;
  union {
    std::int64_t integer;
    double decimal;
    bool boolean;
  };
};

// Where a message came from, taken from its framing (tag block, receiver trailer,
// Gatehouse timestamp line) rather than its payload.
struct Provenance {
  std::optional<Timestamp> time;
  std::string_view station;
  std::string_view tag_text;
  char channel = 0;
};

// One decoded message: its fields in output order. Text lives in an internal buffer,
// so a message is reused from one decode to the next without allocating.
class Message {
 public:
  static constexpr std::size_t kMaxFields = 96;
  static constexpr std::size_t kTextCapacity = 4096;

  void clear() {
    field_count_ = 0;
    text_size_ = 0;
  }

  int type() const { return type_; }
  void set_type(int type) { type_ = type; }

  [[gnu::always_inline]] void add_integer(FieldName name, std::int64_t value) {
    Field& field = next(name, FieldKind::integer, 0);
    field.integer = value;
  }
  [[gnu::always_inline]] void add_decimal(FieldName name, double value, int decimals) {
    Field& field = next(name, FieldKind::decimal, decimals);
    field.decimal = value;
  }
  [[gnu::always_inline]] void add_boolean(FieldName name, bool value) {
    Field& field = next(name, FieldKind::boolean, 0);
    field.boolean = value;
  }
  // Copies `value`; text beyond the buffer is cut (the buffer fits the longest message).
  void add_text(FieldName name, std::string_view value);
  // Refers to `value` without copying: for legends that live as long as the program.
  [[gnu::always_inline]] void add_static_text(FieldName name, std::string_view value) {
    Field& field = next(name, FieldKind::text, 0);
    field.owned_text = false;
    field.text_data = value.data();
    field.text_size = static_cast<std::uint16_t>(value.size());
  }
  // Reserves `size` chars of text for a field and returns where to write them.
  char* add_text_in_place(FieldName name, std::size_t size);
  // Trims a text field added last to `size` characters (text decoded in place is
  // trimmed after it is read).
  void shrink_last_text(std::size_t size);
  // Removes the field added last (a text that turned out empty).
  void drop_last();

  std::size_t size() const { return field_count_; }
  const Field& operator[](std::size_t i) const { return fields_[i]; }
  const Field* begin() const { return fields_.data(); }
  const Field* end() const { return fields_.data() + field_count_; }
  std::string_view text_of(const Field& field) const { return {field.text_data, field.text_size}; }
  const Field* find(FieldName name) const;

 private:
  [[gnu::always_inline]] Field& next(FieldName name, FieldKind kind, int decimals) {
    // The longest decoder emits well under kMaxFields; the last slot absorbs overflow.
    Field& field = fields_[field_count_ < kMaxFields ? field_count_++ : kMaxFields - 1];
    field.name = name;
    field.kind = kind;
    field.decimals = static_cast<std::uint16_t>(decimals);
    return field;
  }

  int type_ = 0;
  std::size_t field_count_ = 0;
  std::size_t text_size_ = 0;
  std::array<Field, kMaxFields> fields_;
  std::array<char, kTextCapacity> text_;
};

}  // namespace vigil::ais
