#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/incident.hpp"
#include "vigil/core/time.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::maritime {

// One AIS position report as the detectors see it. `ref` says where it came from: the input
// line in streaming mode, nothing more is needed to find it again.
struct Position {
  std::uint32_t mmsi = 0;
  Timestamp time = 0;
  geo::LatLon at;
  float speed = std::numeric_limits<float>::quiet_NaN();   // knots over ground; NaN: unknown
  float course = std::numeric_limits<float>::quiet_NaN();  // degrees; NaN: unknown
  std::uint64_t ref = 0;
};

// One value of a vessel's static or voyage data (name, call sign, IMO...).
struct StaticReport {
  std::uint32_t mmsi = 0;
  Timestamp time = 0;
  vessel::Attribute attribute = vessel::Attribute::name;
  std::string_view value;
  std::uint64_t ref = 0;
};

// Either kind of report, self-contained, so that batches of them can cross threads.
struct Report {
  Position position;  // for a static report: its mmsi, time and ref
  bool is_static = false;
  vessel::Attribute attribute = vessel::Attribute::name;
  std::uint8_t length = 0;
  std::array<char, 30> value{};  // AIS names are 20 characters, call signs 7

  StaticReport static_report() const {
    return {position.mmsi, position.time, attribute, std::string_view(value.data(), length),
            position.ref};
  }
};

// A report an event rests on: which vessel, when, and the report's ref.
struct Evidence {
  std::uint32_t mmsi = 0;
  Timestamp time = 0;
  std::uint64_t ref = 0;
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

// What a detector found.
struct Event {
  std::string_view rule;  // "maritime.gap", ...
  Timestamp start = 0;
  Timestamp end = 0;
  geo::LatLon at;                    // representative point
  std::vector<std::uint32_t> mmsis;  // the vessels involved, sorted
  std::vector<Evidence> evidence;
  Severity severity = Severity::medium;
  double confidence = 1.0;
  nlohmann::json attributes = nlohmann::json::object();
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(Event event) = 0;
};

// The event as one JSON object (streaming output): rule, start, end (RFC 3339), lat, lon,
// mmsi (list), severity, confidence, attributes, evidence [{mmsi, time, line}].
nlohmann::json to_json(const Event& event);

// Positions are kept in 1e-7 degrees: exact for AIS (1/10,000 minute) in four bytes.
inline std::int32_t to_e7(double degrees) {
  return static_cast<std::int32_t>(std::lround(degrees * 1e7));
}
inline double from_e7(std::int32_t e7) {
  return e7 * 1e-7;
}

}  // namespace vigil::maritime
