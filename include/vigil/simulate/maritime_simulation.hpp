#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "vigil/core/time.hpp"
#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"

namespace vigil::simulate {

struct MaritimeOptions {
  std::uint64_t seed = 1;
  std::uint32_t vessels = 200;
  double hours = 48;
  Timestamp start = 1'740'787'200LL * kMicrosPerSecond;  // 2025-03-01T00:00:00Z
  double report_interval_s = 120;                        // position reports of each vessel
  double static_interval_s = 1800;                       // static and voyage data
  std::string station = "vigil-sim";
};

struct MaritimeSummary {
  std::uint64_t position_reports = 0;
  std::uint64_t static_reports = 0;
  std::uint64_t sentences = 0;
  std::uint32_t vessels = 0;
  std::map<std::string, std::uint32_t> planted;  // truth events per rule
};

// Simulates AIS traffic: vessels on plausible sea routes (Natural Earth land avoided), with
// planted behaviour for every maritime detector: encounters at sea, dark gaps, dark
// encounters, loitering, port calls at Russian oil terminals, identity changes (name, call
// sign, MMSI and flag) and spoofing (jumps, a shared position, a shared MMSI). Writes NMEA
// (types 1, 5, 18, 24 with tag-block receive times, in time order) to `nmea` and what was
// planted, one JSON object per line, to `truth`. The same options give the same bytes.
MaritimeSummary simulate_maritime(const MaritimeOptions& options, const geo::LandMask& land,
                                  const geo::PlaceIndex& places, std::ostream& nmea,
                                  std::ostream& truth);

}  // namespace vigil::simulate
