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
  double inside_advance_km = 0;   // farthest the control area moved beyond the older line
  double outside_advance_km = 0;  // farthest it fell back behind it
};

// Areas are measured in an Albers equal-area projection fitted to the lines (GEOS for the
// differences of the two control areas, clipped to the newer version's territory); advances
// are geodesic distances from the older line to the vertices of each changed area. Sectors
// come from `sectors` (the classifier of the older version), by the sector of the nearest
// point of the older line to each changed area. Throws std::invalid_argument when either
// version has no control area.
std::vector<SectorChange> diff_lines(const ContactLine& older, const ContactLine& newer,
                                     const Classifier* sectors);

}  // namespace vigil::ceasefire
