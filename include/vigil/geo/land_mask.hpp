#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

// Land polygons (Natural Earth, as world-atlas TopoJSON) with a grid index: whether a point
// is on land, and how far it is from the nearest shore. Point-in-polygon works in the
// polygons' own longitude/latitude plane, as Natural Earth draws them; distances are
// geodesic metres.
class LandMask {
 public:
  // Reads the "land" object of a TopoJSON topology. Throws std::runtime_error naming the
  // file and what is wrong.
  static LandMask from_topojson(const std::string& path);
  // From rings of (lon, lat) vertices, closed or not; for tests and other sources.
  static LandMask from_rings(const std::vector<std::vector<LatLon>>& rings);

  bool on_land(LatLon p) const;
  // Geodesic metres from p to the nearest coastline vertex or edge, searching no further
  // than `max_m`; returns max_m when no shore is that close.
  double distance_to_shore_m(LatLon p, double max_m) const;

  std::size_t ring_count() const { return ring_count_; }
  std::size_t edge_count() const { return edges_.size(); }

 private:
  struct Edge {
    float lon1, lat1, lon2, lat2;
  };
  static constexpr double kCell = 0.1;  // degrees
  static constexpr int kColumns = 3600;
  static constexpr int kRows = 1800;

  void add_ring(const std::vector<LatLon>& ring);
  void build();
  int column_of(double lon) const;
  int row_of(double lat) const;
  std::uint32_t cell_of(int row, int column) const {
    return static_cast<std::uint32_t>(row) * kColumns + static_cast<std::uint32_t>(column);
  }

  std::vector<Edge> edges_;
  std::size_t ring_count_ = 0;
  std::vector<std::uint64_t> center_inside_;  // one bit per cell
  std::vector<std::uint64_t> has_edges_;      // one bit per cell: a coast runs through it
  // Edges touching each cell, as a compressed sparse row over the cells that have any.
  std::vector<std::uint32_t> cell_ids_;     // sorted
  std::vector<std::uint32_t> cell_starts_;  // into cell_edges_, one more than cell_ids_
  std::vector<std::uint32_t> cell_edges_;
};

}  // namespace vigil::geo
