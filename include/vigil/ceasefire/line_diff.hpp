#pragma once

// What changed hands between two versions of a line derived from control areas: the area
// that passed to each side and how far each side advanced beyond the older line, per sector.

#include <string>
#include <vector>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/contact_line.hpp"

namespace vigil::ceasefire {

struct SectorChange {
  std::string sector;             // "" when the line has no sectors
  double to_inside_km2 = 0;       // passed into the control area (the inside party)
  double to_outside_km2 = 0;      // left it
  double inside_advance_km = 0;   // farthest the line moved into the outside party's ground
  double outside_advance_km = 0;  // farthest it moved into the inside party's
};

// Areas are measured in an Albers equal-area projection fitted to the lines (GEOS for the
// differences of the two control areas, clipped to the newer version's territory). An
// advance is how far the line moved: the largest geodesic distance from the older line to a
// point of the newer line (sampled every 100 m) on the boundary of a changed area, a one-sided
// Hausdorff distance restricted to the front. Areas that no stretch of the newer line bounds
// (slivers along borders and coasts, where two maps trace the border differently) count as
// area but move no line. Sectors come from `sectors` (the classifier of the older version), by
// the sector of the farthest point (or, for an area no line bounds, of a point inside it).
// Throws std::invalid_argument when either version has no control area.
std::vector<SectorChange> diff_lines(const ContactLine& older, const ContactLine& newer,
                                     const Classifier* sectors);

}  // namespace vigil::ceasefire
