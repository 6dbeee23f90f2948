#pragma once

// Nearest point of a set of polylines (lines of contact, borders, coasts), in geodesic
// metres, for millions of queries a second. Segments are geodesics between their vertices.
//
// How: every segment is a 3D chord between ECEF points, split into pieces of at most
// kMaxPieceM so that a chord never lies more than 8 cm below the surface. A lat/lon grid
// over the lines' bounding box, widened by `reach_m`, holds per cell the pieces that can be
// nearest to some point of the cell (a quadtree's filter, exact by the triangle inequality
// of 3D distances). A query looks up its cell, finds the nearest chord among the cell's
// candidates, lifts that point onto the ellipsoid and turns the 3D distance into the
// geodesic's length (chord_to_geodesic_m). Points beyond the grid search every piece.
// tests/unit/geo/segment_index_test.cpp holds it to 1 m of GeographicLib's geodesics.

#include <cstdint>
#include <limits>
#include <vector>

#include "vigil/geo/ecef.hpp"
#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

class SegmentIndex {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  static constexpr double kMaxPieceM = 2'000;

  struct Nearest {
    double distance_m = std::numeric_limits<double>::infinity();
    std::uint32_t line = kNone;     // which polyline
    std::uint32_t segment = kNone;  // its segment from vertex `segment` to `segment + 1`
    double t = 0;                   // where along that segment, 0 to 1
    Vec3 point;                     // the nearest point, on the ellipsoid
    bool found() const { return line != kNone; }
  };

  SegmentIndex() = default;
  // Polylines of fewer than two points are ignored. `cell_m`: the grid's cell size.
  explicit SegmentIndex(const std::vector<std::vector<LatLon>>& lines, double reach_m = 250'000,
                        double cell_m = 3'000);

  Nearest nearest(LatLon p) const { return nearest(surface_point(p)); }
  Nearest nearest(const SurfacePoint& p) const;

  std::size_t pieces() const { return pieces_.size(); }
  std::size_t grid_cells() const { return cells_.size(); }
  std::size_t candidate_entries() const { return candidates_.size(); }
  std::size_t bytes() const;

 private:
  struct Piece {
    Vec3 a, ab;
    double inv_ab2 = 0;
    std::uint32_t line = 0, segment = 0;
    float t0 = 0, dt = 1;  // the piece's share of its segment
  };
  double chord_to(const Piece& piece, Vec3 p, double& t) const;
  void consider(const Piece& piece, const SurfacePoint& p, Nearest& best, double& best2) const;
  void build_grid(double reach_m, double cell_m);
  struct GridBuilder;

  std::vector<Piece> pieces_;
  double lat0_ = 0, lon0_ = 0, dlat_ = 1, dlon_ = 1;
  std::uint32_t rows_ = 0, cols_ = 0;
  // A cell's candidates, nearest to its centre first, with how near each can be to a point
  // of the cell: the search stops at the first that cannot beat the best found.
  struct Candidate {
    std::uint32_t piece;
    float lower_bound_m;
  };
  struct CellRange {
    std::uint32_t begin = 0, count = 0;  // into candidates_
  };
  std::vector<CellRange> cells_;  // rows_ * cols_, row by row
  std::vector<Candidate> candidates_;
};

}  // namespace vigil::geo
