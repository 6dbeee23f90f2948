#pragma once

// Areas of control as polygons: the features of a control-of-terrain map dissolved into one
// area, and geodesic areas on the WGS84 ellipsoid.
//
// A map often draws one party's area as several features: Crimea beside the 2022 areas,
// ORDLO beside both, overlapping where their authors traced a boundary twice. Each feature is
// read by the even-odd rule, as a GeoJSON reader does; the features are then united in an
// azimuthal equidistant plane centred on them (GEOS), so that their shared edges and overlaps
// vanish instead of becoming front line or, by the even-odd rule, the other side's ground.

#include <string>
#include <vector>

#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/ring_index.hpp"

namespace vigil::ceasefire {

struct AreaPolygon {
  geo::Ring exterior;  // open, anticlockwise
  std::vector<geo::Ring> holes;
};

// The union of the features, each the even-odd area of its rings. Vertices where nothing
// overlapped come back as they were given (to within 1e-9 degrees).
std::vector<AreaPolygon> dissolve(const std::vector<std::vector<geo::Ring>>& features);

// Where two features trace one boundary a hair apart, their union keeps the gap between them
// as a hole: a sliver metres wide and kilometres long that would become "front line". Holes
// narrower on average than `max_width_m` (twice their geodesic area over their perimeter) are
// filled; returns how many.
std::size_t fill_sliver_holes(std::vector<AreaPolygon>& polygons, double max_width_m);

// Every ring of the polygons (exteriors and holes): the same area by the even-odd rule.
std::vector<geo::Ring> rings_of(const std::vector<AreaPolygon>& polygons);

// Geodesic areas (GeographicLib's PolygonArea on WGS84), in square metres.
double geodesic_area_m2(const geo::Ring& ring);
double geodesic_area_m2(const AreaPolygon& polygon);
double geodesic_area_m2(const std::vector<AreaPolygon>& polygons);

// A region the areas are broken down by (an oblast), read by the even-odd rule.
struct NamedRegion {
  std::string name;
  std::vector<geo::Ring> rings;
};

struct RegionArea {
  std::string name;
  double inside_km2 = 0, outside_km2 = 0;
};

// Who holds how much of a line derived from a control map: the control area within the
// territory ("inside"), the rest of the territory ("outside"), and the same per region. Areas
// are on the ellipsoid: overlays and areas in an Albers equal-area projection fitted to the
// territory, edges cut at the 0.01° graticule first.
struct ControlAreas {
  double inside_km2 = 0;
  double outside_km2 = 0;  // 0 without a territory
  double territory_km2 = 0;
  std::vector<RegionArea> regions;
};

// The polygon features of a regions file, named by `name_property` ("" when a feature lacks
// it); features without polygons are left out.
std::vector<NamedRegion> named_regions(const geo::GeometryFile& file,
                                       const std::string& name_property);

// Throws std::invalid_argument for a drawn line (no control area).
ControlAreas control_areas(const ContactLine& line, const std::vector<NamedRegion>& regions = {});

}  // namespace vigil::ceasefire
