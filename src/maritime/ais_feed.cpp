#include "vigil/maritime/ais_feed.hpp"

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
    engine_.on_position(p);
  }
  if (!identity) return;
  StaticReport report;
  report.mmsi = vessel;
  report.time = *provenance.time;
  report.ref = line;
  if (name != nullptr) {
    report.attribute = vessel::Attribute::name;
    report.value = trimmed(message.text_of(*name));
    if (!report.value.empty()) engine_.on_static(report);
  }
  if (callsign != nullptr) {
    report.attribute = vessel::Attribute::callsign;
    report.value = trimmed(message.text_of(*callsign));
    if (!report.value.empty()) engine_.on_static(report);
  }
  if (imo != nullptr && imo->kind == FieldKind::integer && imo->integer > 0) {
    const std::string text = std::to_string(imo->integer);
    report.attribute = vessel::Attribute::imo;
    report.value = text;
    engine_.on_static(report);
  }
}

}  // namespace vigil::maritime
