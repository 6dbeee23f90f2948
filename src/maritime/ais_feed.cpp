#include "vigil/maritime/ais_feed.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace vigil::maritime {

using ais::Field;
using ais::FieldKind;
using ais::FieldName;

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '@'))
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  return text;
}

}  // namespace

void AisFeed::on_message(const ais::Message& message, const ais::Provenance& provenance,
                         std::uint64_t line) {
  const int type = message.type();
  const bool position =
      type == 1 || type == 2 || type == 3 || type == 18 || type == 19 || type == 27;
  const bool identity = type == 5 || type == 19 || type == 24;
  if (!position && !identity) return;
  if (!provenance.time) {
    ++untimed_;
    return;
  }
  // One pass over the fields: they are few, and find() would walk them once per field.
  const Field* mmsi = nullptr;
  const Field* lat = nullptr;
  const Field* lon = nullptr;
  const Field* speed = nullptr;
  const Field* course = nullptr;
  const Field* name = nullptr;
  const Field* callsign = nullptr;
  const Field* imo = nullptr;
  const Field* ship_type = nullptr;
  std::int64_t length_m = 0;
  for (const Field& field : message) {
    switch (field.name) {
      case FieldName::mmsi:
        mmsi = &field;
        break;
      case FieldName::lat:
        lat = &field;
        break;
      case FieldName::lon:
        lon = &field;
        break;
      case FieldName::speed:
        speed = &field;
        break;
      case FieldName::course:
        course = &field;
        break;
      case FieldName::shipname:
        name = &field;
        break;
      case FieldName::callsign:
        callsign = &field;
        break;
      case FieldName::imo:
        imo = &field;
        break;
      case FieldName::shiptype:
        ship_type = &field;
        break;
      case FieldName::to_bow:
      case FieldName::to_stern:
        if (field.kind == FieldKind::integer) length_m += field.integer;
        break;
      default:
        break;
    }
  }
  if (mmsi == nullptr || mmsi->integer <= 0) return;
  const auto vessel = static_cast<std::uint32_t>(mmsi->integer);
  if (position && lat != nullptr && lon != nullptr) {
    Position p;
    p.mmsi = vessel;
    p.time = *provenance.time;
    p.at = {lat->decimal, lon->decimal};
    const auto number = [](const Field* field) {
      if (field == nullptr) return std::numeric_limits<float>::quiet_NaN();
      if (field->kind == FieldKind::decimal) return static_cast<float>(field->decimal);
      if (field->kind == FieldKind::integer) return static_cast<float>(field->integer);
      return std::numeric_limits<float>::quiet_NaN();
    };
    p.speed = number(speed);
    p.course = number(course);
    p.ref = line;
    Report report;
    report.position = p;
    deliver(report);
  }
  if (!identity) return;
  Report report;
  report.is_static = true;
  report.position.mmsi = vessel;
  report.position.time = *provenance.time;
  report.position.ref = line;
  const auto send = [&](vessel::Attribute attribute, std::string_view value) {
    if (value.empty()) return;
    report.attribute = attribute;
    report.length = static_cast<std::uint8_t>(std::min(value.size(), report.value.size()));
    std::copy_n(value.data(), report.length, report.value.data());
    deliver(report);
  };
  if (name != nullptr) send(vessel::Attribute::name, trimmed(message.text_of(*name)));
  if (callsign != nullptr) send(vessel::Attribute::callsign, trimmed(message.text_of(*callsign)));
  if (imo != nullptr && imo->kind == FieldKind::integer && imo->integer > 0)
    send(vessel::Attribute::imo, std::to_string(imo->integer));
  if (ship_type != nullptr && ship_type->kind == FieldKind::integer && ship_type->integer > 0)
    send(vessel::Attribute::ship_type, std::to_string(ship_type->integer));
  if (length_m > 0) send(vessel::Attribute::length, std::to_string(length_m));
}

void AisFeed::deliver(const Report& report) {
  if (engine_ != nullptr) {
    engine_->on_report(report);
  } else {
    batch_->push_back(report);
  }
}

}  // namespace vigil::maritime
