#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "vigil/core/hash.hpp"
#include "vigil/core/time.hpp"

namespace vigil {

// One timestamped, located report: an AIS position, a patrol sighting, a camera or acoustic
// detection, an open-source event. See docs/formats.md for the field rules.
struct Observation {
  std::string id;  // given by the source, or derived from content (content_id)
  Timestamp time = 0;
  double lat = 0;  // WGS84 degrees
  double lon = 0;
  std::string kind;    // what was observed: "position", "explosion", "weapon", ...
  std::string source;  // who or what observed it: "patrol", "uav", "ais:receiver-7", ...
  std::optional<std::string> entity;  // "<namespace>:<identifier>", e.g. "mmsi:273274000"
  std::optional<double> uncertainty_m;
  nlohmann::json attributes = nlohmann::json::object();  // keys sorted (std::map)
};

// The canonical text of everything an observation says except its id. Two observations with
// equal canonical content are the same report, whatever format or field order they came in.
std::string canonical_content(const Observation& obs);
// The same, with the attributes already serialised (obs.attributes.dump()), for hot paths
// that need that text anyway.
std::string canonical_content(const Observation& obs, std::string_view attributes_json);

// BLAKE2b-128 of canonical_content: stored with every observation so a re-ingest can tell a
// true duplicate from a conflicting report that reuses an id, and so the log can seal it.
Digest128 content_digest(const Observation& obs);
Digest128 content_digest(const Observation& obs, std::string_view attributes_json);

// The identifier of an observation that came without one: 32 hex digits, the first 14 its
// time (microseconds + 2^55) and the other 18 from its content digest. Ids so made sort by
// time and tell the store where the observation lies, so no separate index of ids is needed.
std::string content_id(Timestamp time, const Digest128& digest);

// The time encoded in a content id, or nothing when `id` is not one.
std::optional<Timestamp> time_of_content_id(std::string_view id);

// Entities are written "<namespace>:<identifier>" (mmsi:273274000, imo:9354313, patrol:P-12).
bool is_valid_entity(std::string_view entity);

}  // namespace vigil
