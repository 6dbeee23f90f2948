#pragma once

// Which stretches of the line anyone watched: the mission's patrols (their GPS tracks, and
// how far a patrol sees), UAV flights (their tracks and swath) and fixed cameras (place,
// range, field of view), per sector and period. A declared sensor that reported nothing in
// the period is an outage and watched nothing.

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/core/time.hpp"

namespace vigil::ceasefire {

struct CameraDeclaration {
  std::string id;  // the source its reports carry: "camera:C-07"
  geo::LatLon at;
  double range_m = 0;
  double azimuth_deg = 0;  // centre of the field of view
  double fov_deg = 360;
};
struct TrackDeclaration {
  std::string entity;  // "patrol:P-1", "uav:U-3": its positions are the track
  double reach_m = 0;  // a patrol's sight, half a UAV's swath
};
struct SensorDeclaration {
  std::vector<CameraDeclaration> cameras;
  std::vector<TrackDeclaration> patrols;
  std::vector<TrackDeclaration> uav_flights;
  std::string canonical;  // the document as stored
};

class SensorError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The JSON of docs/ceasefire.md ({"cameras": [...], "patrols": [...], "uav_flights": [...]});
// errors name the file and the field ("cameras[3].range_km").
SensorDeclaration parse_sensor_declaration(const std::string& text, const std::string& name);

// Default sight of a patrol without its own (OSCE SMM patrols reported fire and weapons
// they saw or heard within a few kilometres).
inline constexpr double kDefaultPatrolSightM = 5'000;
// Two track points further apart than this in time are two passes, not one drive between.
inline constexpr Timestamp kMaxTrackStep = 30LL * 60 * 1'000'000;
// Unobserved stretches shorter than this are left out of the list (they still count in km).
inline constexpr double kMinListedGapM = 1'000;
// The line is judged in pieces of at most this length.
inline constexpr double kCoveragePieceM = 250;

struct TrackPoint {
  Timestamp time = 0;
  geo::LatLon at;
};

struct Stretch {
  std::string sector;
  geo::LatLon from, to;
  double length_m = 0;
};
struct SectorCoverage {
  double line_m = 0;
  double observed_m = 0;
};
struct Outage {
  std::string sensor;
  std::string kind;  // camera, patrol, uav
};
struct Coverage {
  double line_m = 0;
  double observed_m = 0;
  std::map<std::string, SectorCoverage> sectors;  // "" for no sector
  std::vector<Stretch> unobserved;                // longest first
  std::vector<Outage> outages;
  // Which line pieces were observed, for maps: each piece's end points.
  std::vector<std::pair<geo::LatLon, geo::LatLon>> unobserved_pieces;
};

// `tracks`: the positions of each entity in the period, in time order; `reporting`: the
// sources that reported anything in the period (a camera that did not is an outage).
Coverage compute_coverage(const Classifier& classifier, const SensorDeclaration& sensors,
                          const std::map<std::string, std::vector<TrackPoint>>& tracks,
                          const std::set<std::string>& reporting);

}  // namespace vigil::ceasefire
