#pragma once

// Conflict-event datasets read as ceasefire observations, without converting them first:
// `vigil ingest --layout cir|acled`. Each maps its own columns to time, place, kind, source
// and uncertainty, and keeps the rest as attributes; docs/ceasefire.md gives the tables.

#include <optional>
#include <string_view>

#include "vigil/io/record_reader.hpp"

namespace vigil::ingest {

enum class EventLayout {
  // Centre for Information Resilience / Bellingcat Russia-Ukraine Monitor Map export:
  // entry, date, event_group, title, brief description, lat, lon, ..., arms/munition,
  // violence level, link, geolocation.
  cir,
  // ACLED's CSV export: event_id_cnty, event_date, event_type, sub_event_type, actor1,
  // actor2, latitude, longitude, geo_precision, time_precision, source, notes, fatalities.
  acled,
};
std::optional<EventLayout> parse_event_layout(std::string_view text);

// Uncertainty radii vigil gives the datasets' location precision (documented defaults).
inline constexpr double kCirGeolocatedM = 1'000;  // a geolocation link: a located video
inline constexpr double kCirTownM = 10'000;       // no geolocation: the town named
inline constexpr double kAcledPrecisionM[3] = {2'000, 15'000, 50'000};  // geo_precision 1..3

// Rewrites one record of the layout into observation fields. False with `error` naming the
// column when a column the layout needs is missing or unreadable.
bool apply_event_layout(EventLayout layout, io::RawRecord& record, io::RecordError& error);

// What kind of observation a report's words describe, and which weapon class they name, for
// the layouts' text columns ("Shelling of Bakhmut", "T-90 tank", "9M55K Smerch").
std::optional<std::string_view> weapon_class_in_text(std::string_view lower_text);

}  // namespace vigil::ingest
