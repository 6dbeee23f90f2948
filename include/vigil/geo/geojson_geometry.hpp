#pragma once

// Lines and polygons from GeoJSON (a FeatureCollection, a Feature or a bare geometry), for
// lines of contact, control-of-terrain polygons, boundaries and disengagement areas.
// Problems that can be repaired are, with a warning naming the feature (repeated points,
// unclosed rings, rings of a Polygon that are not holes but islands); the rest is a
// GeometryError naming the file, the feature and, where known, the line.

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/geo/geodesy.hpp"
#include "vigil/geo/ring_index.hpp"

namespace vigil::geo {

class GeometryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GeometryFeature {
  std::size_t index = 0;   // in the file's features, from 0
  std::uint64_t line = 0;  // where it starts in the file
  nlohmann::json properties = nlohmann::json::object();
  std::vector<std::vector<LatLon>> lines;  // LineString, MultiLineString
  std::vector<Ring> rings;                 // Polygon, MultiPolygon: every ring, even-odd
};

struct GeometryFile {
  std::string path;
  std::vector<GeometryFeature> features;
  std::vector<std::string> warnings;  // "FILE: feature N (line L): ..."

  std::vector<std::vector<LatLon>> all_lines() const;
  std::vector<Ring> all_rings() const;
};

inline constexpr std::size_t kMaxGeometryBytes = std::size_t{512} << 20;

GeometryFile read_geojson_geometry(const std::string& path);
// The same from text (`name` stands for the file in messages).
GeometryFile parse_geojson_geometry(const std::string& text, const std::string& name);

// GeoJSON geometry objects, for export and storage: positions rounded to kStoredDegrees.
nlohmann::json to_geojson_lines(const std::vector<std::vector<LatLon>>& lines);
nlohmann::json to_geojson_rings(const std::vector<Ring>& rings);

// The precision positions are written with (1e-7 degrees, about 1 cm).
inline constexpr double kStoredDegrees = 1e-7;

// The rings as they will read back once written: positions rounded to kStoredDegrees, repeats
// that the rounding made removed, and rings left with fewer than three distinct positions
// (slivers narrower than the precision) dropped and counted in `dropped`.
std::vector<Ring> storable_rings(const std::vector<Ring>& rings, std::size_t& dropped);

}  // namespace vigil::geo
