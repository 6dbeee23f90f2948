#pragma once

// GEOS for the ceasefire module's overlays (dissolving control maps, zones, diffs), private to
// the module. Geometry is overlaid in a plane (an azimuthal or equal-area projection), never in
// degrees; areas read by the even-odd rule become GEOS polygons here, one ring at a time, so
// that neighbouring regions that share edges never pass through GEOS as one invalid
// MultiPolygon.

#include <geos_c.h>

#include <memory>
#include <vector>

#include "vigil/ceasefire/control_area.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/geo/ring_index.hpp"

namespace vigil::ceasefire::geos {

class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  GEOSContextHandle_t operator*() const { return handle_; }

 private:
  GEOSContextHandle_t handle_;
};

struct Deleter {
  GEOSContextHandle_t handle;
  void operator()(GEOSGeometry* g) const {
    if (g != nullptr) GEOSGeom_destroy_r(handle, g);
  }
};
using Geometry = std::unique_ptr<GEOSGeometry, Deleter>;

// Takes ownership of what GEOS returned; a GEOS failure (null) is a std::runtime_error that
// says what was being built.
Geometry own(const Context& context, GEOSGeometry* g, const char* what);

// A map from longitude and latitude to a plane in metres and back.
class Plane {
 public:
  virtual ~Plane() = default;
  virtual void forward(double lat, double lon, double& x, double& y) const = 0;
  virtual void reverse(double x, double y, double& lat, double& lon) const = 0;
};

// Azimuthal equidistant about a centre: distances from it are exact, which buffers of a line
// through the centre need.
std::unique_ptr<Plane> azimuthal_plane(geo::LatLon centre);
// Albers equal-area conic with standard parallels a sixth of the span in from each edge of
// [lat_min, lat_max]: areas are exact, whatever the shape.
std::unique_ptr<Plane> equal_area_plane(double lat_min, double lat_max, double lon0);

// The bounding box's centre and extent of a set of rings.
struct Bounds {
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  void add(const std::vector<std::vector<geo::LatLon>>& rings_or_lines);
  bool empty() const { return lat_min > lat_max; }
};

// Edges of `ring` split where they cross the `step`-degree graticule, so that a straight edge
// in longitude and latitude stays within metres of its image in the plane. The cuts depend
// only on the edge's two ends, not on its direction: neighbours that share an edge split it at
// the same points.
geo::Ring densified(const geo::Ring& ring, double step_degrees);
// The graticule the module's overlays cut edges at: chords of 0.01° (about 1.1 km) stray at most
// centimetres from the edge straight in degrees.
inline constexpr double kGraticuleDegrees = 0.01;

// One ring as a valid polygon in the plane (a ring that crosses itself is read by the
// even-odd rule).
Geometry ring_polygon(const Context& context, const geo::Ring& ring, const Plane& plane);
// The area that `rings` enclose by the even-odd rule: their symmetric difference, merged
// pairwise so that no overlay grows with the number of rings.
Geometry even_odd_area(const Context& context, const std::vector<geo::Ring>& rings,
                       const Plane& plane, double densify_degrees = 0);
// The union of areas.
Geometry union_of(const Context& context, std::vector<Geometry> parts);
// A line set in the plane.
Geometry lines(const Context& context, const std::vector<std::vector<geo::LatLon>>& lines,
               const Plane& plane);

// The polygons of an areal geometry in the plane, mapped back to longitude and latitude;
// rings open (the last point not repeating the first), exteriors anticlockwise.
std::vector<AreaPolygon> polygons_of(const Context& context, const GEOSGeometry* area,
                                     const Plane& plane);

// A geometry mapped from the plane back to longitude and latitude (for GeoJSON output),
// rounded to a multiple of `round_degrees` when that is not 0.
Geometry to_degrees(const Context& context, const GEOSGeometry* g, const Plane& plane,
                    double round_degrees = 0);

}  // namespace vigil::ceasefire::geos
