#include "vigil/geo/land_mask.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace vigil::geo {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

// TopoJSON arcs are delta-encoded integers under a transform; arc i reversed is ~i.
std::vector<std::vector<LatLon>> decode_arcs(const Json& topology, const std::string& path) {
  const auto& arcs = topology.at("arcs");
  double scale_x = 1, scale_y = 1, translate_x = 0, translate_y = 0;
  const bool quantized = topology.contains("transform");
  if (quantized) {
    const auto& t = topology.at("transform");
    scale_x = t.at("scale").at(0).get<double>();
    scale_y = t.at("scale").at(1).get<double>();
    translate_x = t.at("translate").at(0).get<double>();
    translate_y = t.at("translate").at(1).get<double>();
  }
  std::vector<std::vector<LatLon>> decoded;
  decoded.reserve(arcs.size());
  for (const auto& arc : arcs) {
    if (!arc.is_array()) fail(path, "an arc is not an array");
    std::vector<LatLon> points;
    points.reserve(arc.size());
    double x = 0, y = 0;
    for (const auto& position : arc) {
      if (!position.is_array() || position.size() < 2) fail(path, "an arc position is malformed");
      if (quantized) {
        x += position[0].get<double>();
        y += position[1].get<double>();
        points.push_back({y * scale_y + translate_y, x * scale_x + translate_x});
      } else {
        points.push_back({position[1].get<double>(), position[0].get<double>()});
      }
    }
    decoded.push_back(std::move(points));
  }
  return decoded;
}

std::vector<LatLon> assemble_ring(const Json& ring, const std::vector<std::vector<LatLon>>& arcs,
                                  const std::string& path) {
  std::vector<LatLon> points;
  for (const auto& index_json : ring) {
    const auto index = index_json.get<std::int64_t>();
    const std::int64_t arc_index = index >= 0 ? index : ~index;
    if (arc_index < 0 || static_cast<std::size_t>(arc_index) >= arcs.size())
      fail(path, "a ring refers to arc " + std::to_string(index) + ", which does not exist");
    const auto& arc = arcs[static_cast<std::size_t>(arc_index)];
    // Consecutive arcs share their joining point.
    if (index >= 0) {
      points.insert(points.end(), arc.begin() + (points.empty() ? 0 : 1), arc.end());
    } else {
      points.insert(points.end(), arc.rbegin() + (points.empty() ? 0 : 1), arc.rend());
    }
  }
  return points;
}

double cross(double ax, double ay, double bx, double by) {
  return ax * by - ay * bx;
}

// Whether segment p-q crosses segment a-b. Points exactly on a line count as on its
// non-positive side, so that a crossing through a shared vertex is counted once.
bool segments_cross(double px, double py, double qx, double qy, double ax, double ay, double bx,
                    double by) {
  const double d1 = cross(qx - px, qy - py, ax - px, ay - py);
  const double d2 = cross(qx - px, qy - py, bx - px, by - py);
  if ((d1 > 0) == (d2 > 0)) return false;
  const double d3 = cross(bx - ax, by - ay, px - ax, py - ay);
  const double d4 = cross(bx - ax, by - ay, qx - ax, qy - ay);
  return (d3 > 0) != (d4 > 0);
}

}  // namespace

LandMask LandMask::from_topojson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  LandMask mask;
  try {
    const Json topology = Json::parse(buffer.str());
    if (topology.value("type", "") != "Topology") fail(path, "not a TopoJSON Topology");
    const auto arcs = decode_arcs(topology, path);
    const auto& objects = topology.at("objects");
    if (!objects.contains("land")) fail(path, "no \"land\" object");
    const auto add_polygon = [&](const Json& polygon) {
      for (const auto& ring : polygon)
        mask.add_ring(assemble_ring(ring, arcs, path));
    };
    const auto add_geometry = [&](const Json& geometry) {
      const auto type = geometry.at("type").get<std::string>();
      if (type == "Polygon") {
        add_polygon(geometry.at("arcs"));
      } else if (type == "MultiPolygon") {
        for (const auto& polygon : geometry.at("arcs"))
          add_polygon(polygon);
      }
    };
    const auto& land = objects.at("land");
    if (land.at("type") == "GeometryCollection") {
      for (const auto& geometry : land.at("geometries"))
        add_geometry(geometry);
    } else {
      add_geometry(land);
    }
  } catch (const nlohmann::json::exception& e) {
    fail(path, std::string("malformed TopoJSON: ") + e.what());
  }
  if (mask.ring_count_ == 0) fail(path, "the land object has no polygons");
  mask.build();
  return mask;
}

LandMask LandMask::from_rings(const std::vector<std::vector<LatLon>>& rings) {
  LandMask mask;
  for (const auto& ring : rings)
    mask.add_ring(ring);
  mask.build();
  return mask;
}

void LandMask::add_ring(const std::vector<LatLon>& ring) {
  if (ring.size() < 3) return;
  ++ring_count_;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const LatLon& a = ring[i];
    const LatLon& b = ring[(i + 1) % ring.size()];
    if (a.lat == b.lat && a.lon == b.lon) continue;
    edges_.push_back({static_cast<float>(a.lon), static_cast<float>(a.lat),
                      static_cast<float>(b.lon), static_cast<float>(b.lat)});
  }
}

int LandMask::column_of(double lon) const {
  return std::clamp(static_cast<int>(std::floor((lon + 180) / kCell)), 0, kColumns - 1);
}
int LandMask::row_of(double lat) const {
  return std::clamp(static_cast<int>(std::floor((lat + 90) / kCell)), 0, kRows - 1);
}

void LandMask::build() {
  // Which cells each edge touches (its bounding box: edges are short next to a cell).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(edges_.size() * 2);
  std::vector<std::vector<std::uint32_t>> edges_by_row(kRows);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) {
    const Edge& e = edges_[i];
    const int row_lo = row_of(std::min(e.lat1, e.lat2));
    const int row_hi = row_of(std::max(e.lat1, e.lat2));
    const int col_lo = column_of(std::min(e.lon1, e.lon2));
    const int col_hi = column_of(std::max(e.lon1, e.lon2));
    for (int r = row_lo; r <= row_hi; ++r) {
      edges_by_row[static_cast<std::size_t>(r)].push_back(i);
      for (int c = col_lo; c <= col_hi; ++c)
        pairs.emplace_back(cell_of(r, c), i);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  cell_ids_.clear();
  cell_starts_.clear();
  cell_edges_.clear();
  cell_edges_.reserve(pairs.size());
  for (const auto& [cell, edge] : pairs) {
    if (cell_ids_.empty() || cell_ids_.back() != cell) {
      cell_ids_.push_back(cell);
      cell_starts_.push_back(static_cast<std::uint32_t>(cell_edges_.size()));
    }
    cell_edges_.push_back(edge);
  }
  cell_starts_.push_back(static_cast<std::uint32_t>(cell_edges_.size()));
  has_edges_.assign((static_cast<std::size_t>(kRows) * kColumns + 63) / 64, 0);
  for (const std::uint32_t cell : cell_ids_)
    has_edges_[cell / 64] |= std::uint64_t{1} << (cell % 64);

  // Whether each cell's centre is inside: the parity of edge crossings west of it along the
  // row's centre line.
  center_inside_.assign((static_cast<std::size_t>(kRows) * kColumns + 63) / 64, 0);
  std::vector<double> crossings;
  for (int r = 0; r < kRows; ++r) {
    const double y = -90 + (r + 0.5) * kCell;
    crossings.clear();
    for (const std::uint32_t i : edges_by_row[static_cast<std::size_t>(r)]) {
      const Edge& e = edges_[i];
      const bool up = e.lat1 <= y && y < e.lat2;
      const bool down = e.lat2 <= y && y < e.lat1;
      if (!up && !down) continue;
      const double t = (y - e.lat1) / (static_cast<double>(e.lat2) - e.lat1);
      crossings.push_back(e.lon1 + t * (static_cast<double>(e.lon2) - e.lon1));
    }
    if (crossings.empty()) continue;
    std::sort(crossings.begin(), crossings.end());
    std::size_t west = 0;
    for (int c = 0; c < kColumns; ++c) {
      const double x = -180 + (c + 0.5) * kCell;
      while (west < crossings.size() && crossings[west] < x)
        ++west;
      if (west % 2 == 1) {
        const std::size_t bit = cell_of(r, c);
        center_inside_[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
  }
}

bool LandMask::on_land(LatLon p) const {
  if (!(std::fabs(p.lat) <= 90) || !(std::fabs(p.lon) <= 180)) return false;
  const int r = row_of(p.lat);
  const int c = column_of(p.lon);
  const std::uint32_t cell = cell_of(r, c);
  bool inside = (center_inside_[cell / 64] >> (cell % 64)) & 1U;
  if (((has_edges_[cell / 64] >> (cell % 64)) & 1U) == 0) return inside;
  const auto it = std::lower_bound(cell_ids_.begin(), cell_ids_.end(), cell);
  if (it == cell_ids_.end() || *it != cell) return inside;
  const double cx = -180 + (c + 0.5) * kCell;
  const double cy = -90 + (r + 0.5) * kCell;
  const auto k = static_cast<std::size_t>(it - cell_ids_.begin());
  for (std::uint32_t j = cell_starts_[k]; j < cell_starts_[k + 1]; ++j) {
    const Edge& e = edges_[cell_edges_[j]];
    if (segments_cross(cx, cy, p.lon, p.lat, e.lon1, e.lat1, e.lon2, e.lat2)) inside = !inside;
  }
  return inside;
}

double LandMask::distance_to_shore_m(LatLon p, double max_m) const {
  constexpr double kMetresPerDegreeLat = 110'574.0;  // the smallest, at the equator
  const double cos_lat = std::max(std::cos(p.lat * 3.14159265358979323846 / 180), 0.01);
  const double span_lat = max_m / kMetresPerDegreeLat + kCell;
  const double span_lon = std::min(180.0, max_m / (111'320.0 * cos_lat) + kCell);
  const int row_lo = row_of(p.lat - span_lat), row_hi = row_of(p.lat + span_lat);
  const int col_lo = column_of(p.lon - span_lon), col_hi = column_of(p.lon + span_lon);
  // Candidates by local plane distance (metres east and north of p), then the best one's
  // nearest point measured exactly.
  const double east_scale = 111'320.0 * cos_lat, north_scale = kMetresPerDegreeLat;
  double best_plane = max_m * 1.05;
  LatLon best{};
  bool found = false;
  for (int r = row_lo; r <= row_hi; ++r) {
    const auto first = std::lower_bound(cell_ids_.begin(), cell_ids_.end(), cell_of(r, col_lo));
    for (auto it = first; it != cell_ids_.end() && *it <= cell_of(r, col_hi); ++it) {
      const auto k = static_cast<std::size_t>(it - cell_ids_.begin());
      for (std::uint32_t j = cell_starts_[k]; j < cell_starts_[k + 1]; ++j) {
        const Edge& e = edges_[cell_edges_[j]];
        const double ax = (e.lon1 - p.lon) * east_scale, ay = (e.lat1 - p.lat) * north_scale;
        const double bx = (e.lon2 - p.lon) * east_scale, by = (e.lat2 - p.lat) * north_scale;
        const double dx = bx - ax, dy = by - ay;
        const double length2 = dx * dx + dy * dy;
        double t = length2 > 0 ? -(ax * dx + ay * dy) / length2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double x = ax + t * dx, y = ay + t * dy;
        const double d = std::sqrt(x * x + y * y);
        if (d < best_plane) {
          best_plane = d;
          best = {e.lat1 + t * (static_cast<double>(e.lat2) - e.lat1),
                  e.lon1 + t * (static_cast<double>(e.lon2) - e.lon1)};
          found = true;
        }
      }
    }
  }
  if (!found) return max_m;
  return std::min(max_m, distance_m(p, best));
}

}  // namespace vigil::geo
