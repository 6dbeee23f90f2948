#pragma once

// The line of contact: where it runs (one or more polylines), and, when it was derived from
// a control-of-terrain map, the area the controlling party holds and the territory the line
// runs through, from which a point's side is exact.

#include <string>
#include <vector>

#include "vigil/geo/geodesy.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/ring_index.hpp"

namespace vigil::ceasefire {

struct ContactLine {
  std::vector<std::vector<geo::LatLon>> parts;
  std::vector<geo::Ring> control;    // held by the party on the line's "inside"; may be empty
  std::vector<geo::Ring> territory;  // the country the line runs through; may be empty

  double length_m() const;
  std::size_t vertices() const;
};

struct DerivationOptions {
  // Boundary of the control polygon this close to the territory's own boundary (an
  // international border or a coast) is not line of contact: the two maps are traced
  // independently and differ by up to a kilometre along borders.
  double border_tolerance_m = 3'000;
  // Stretches shorter than this are slivers where the two maps' borders part, not front.
  double min_part_m = 3'000;
};

struct DerivationReport {
  std::size_t control_rings = 0;
  std::size_t control_vertices = 0;
  std::size_t parts = 0;
  std::size_t dropped_parts = 0;  // shorter than min_part_m
  double length_km = 0;
  double on_border_km = 0;  // control boundary along the territory's border or coast
  double outside_km = 0;    // control boundary outside the territory
};

// The edges of a set of polygons that no two of them share: the outer boundary of their
// union (borders and coasts), when neighbouring polygons share their vertices, as the OSM
// oblasts do. Returned as two-point lines.
std::vector<std::vector<geo::LatLon>> unshared_edges(const std::vector<geo::Ring>& rings);

// The part of the control polygon's boundary that lies inside the territory and away from
// its boundary.
ContactLine derive_from_control(std::vector<geo::Ring> control, std::vector<geo::Ring> territory,
                                const DerivationOptions& options, DerivationReport& report);

}  // namespace vigil::ceasefire
