#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"

namespace vigil::maritime {

// The land and the ports the detectors measure against.
struct Geography {
  std::optional<geo::LandMask> land;
  geo::PlaceIndex places;
  // Rows of the extra place files that were skipped (out of range...), naming file and line.
  std::vector<std::string> warnings;
};

struct GeographyOptions {
  std::string land;                 // TopoJSON; empty: the bundled Natural Earth land
  bool no_land = false;             // no land mask at all
  std::vector<std::string> places;  // extra port/anchorage/terminal files
  // The bundled World Port Index, Russian oil terminals and GFW anchorages.
  bool default_places = true;
};

// Loads land and places. Throws std::runtime_error naming the file on a bad one.
Geography load_geography(const GeographyOptions& options);

}  // namespace vigil::maritime
