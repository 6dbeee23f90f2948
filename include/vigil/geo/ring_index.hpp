#pragma once

// Point in polygon for large polygons and many points: the even-odd rule over a set of
// rings, so that holes, islands and polygons whose rings come in any order (as in the
// OSM oblast boundaries, where islands precede the mainland ring) need no repair. Edges are
// straight in longitude and latitude, as GeoJSON defines them (RFC 7946 §3.1.1).
//
// How: a grid over the rings' bounding box; each cell knows whether its centre is inside
// (a scanline per row) and which edges touch it. A query counts the edges crossed on the
// way from the point to its cell's centre: a handful, whatever the polygon's size.

#include <cstdint>
#include <vector>

#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

using Ring = std::vector<LatLon>;  // closed or not: the last point joins the first

class RingIndex {
 public:
  RingIndex() = default;
  // `cells`: about how many grid cells to use.
  explicit RingIndex(std::vector<Ring> rings, std::size_t cells = 250'000);

  bool contains(LatLon p) const;
  bool empty() const { return edges_.empty(); }
  const std::vector<Ring>& rings() const { return rings_; }
  std::size_t bytes() const;

 private:
  struct Edge {
    double ax, ay, bx, by;  // lon, lat
  };
  std::vector<Ring> rings_;
  std::vector<Edge> edges_;
  double x0_ = 0, y0_ = 0, dx_ = 1, dy_ = 1;
  std::uint32_t rows_ = 0, cols_ = 0;
  std::vector<std::uint8_t> centre_inside_;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> cell_edges_;
};

}  // namespace vigil::geo
