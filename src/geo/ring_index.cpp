#include "vigil/geo/ring_index.hpp"

#include <algorithm>
#include <cmath>

namespace vigil::geo {
namespace {

// Whether the edge crosses the horizontal line at y between x = from and x = to (either
// order), with the half-open rule that makes every crossing count once.
bool crosses_horizontal(double ax, double ay, double bx, double by, double y, double from,
                        double to) {
  if ((ay > y) == (by > y)) return false;
  const double x = ax + (y - ay) / (by - ay) * (bx - ax);
  return from <= to ? (x >= from && x < to) : (x >= to && x < from);
}

}  // namespace

RingIndex::RingIndex(std::vector<Ring> rings, std::size_t cells) : rings_(std::move(rings)) {
  double xmin = 1e9, xmax = -1e9, ymin = 1e9, ymax = -1e9;
  for (const Ring& ring : rings_) {
    if (ring.size() < 3) continue;
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const LatLon a = ring[i], b = ring[(i + 1) % ring.size()];
      if (a.lat == b.lat && a.lon == b.lon) continue;
      edges_.push_back({a.lon, a.lat, b.lon, b.lat});
      xmin = std::min(xmin, a.lon), xmax = std::max(xmax, a.lon);
      ymin = std::min(ymin, a.lat), ymax = std::max(ymax, a.lat);
    }
  }
  if (edges_.empty()) return;
  const double width = std::max(xmax - xmin, 1e-9), height = std::max(ymax - ymin, 1e-9);
  const double side =
      std::sqrt(width * height / static_cast<double>(std::max<std::size_t>(cells, 1)));
  cols_ = static_cast<std::uint32_t>(std::clamp(std::ceil(width / side), 1.0, 4096.0));
  rows_ = static_cast<std::uint32_t>(std::clamp(std::ceil(height / side), 1.0, 4096.0));
  x0_ = xmin, y0_ = ymin;
  dx_ = width / cols_ * (1 + 1e-12), dy_ = height / rows_ * (1 + 1e-12);

  // Which edges touch which cells (by the edge's bounding box: never misses one).
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(rows_) * cols_ + 1, 0);
  const auto cell_range = [&](const Edge& e, std::uint32_t& r0, std::uint32_t& r1,
                              std::uint32_t& c0, std::uint32_t& c1) {
    const auto clamp_index = [](double v, std::uint32_t n) {
      return static_cast<std::uint32_t>(std::clamp(std::floor(v), 0.0, static_cast<double>(n - 1)));
    };
    c0 = clamp_index((std::min(e.ax, e.bx) - x0_) / dx_, cols_);
    c1 = clamp_index((std::max(e.ax, e.bx) - x0_) / dx_, cols_);
    r0 = clamp_index((std::min(e.ay, e.by) - y0_) / dy_, rows_);
    r1 = clamp_index((std::max(e.ay, e.by) - y0_) / dy_, rows_);
  };
  for (const Edge& e : edges_) {
    std::uint32_t r0, r1, c0, c1;
    cell_range(e, r0, r1, c0, c1);
    for (std::uint32_t r = r0; r <= r1; ++r)
      for (std::uint32_t c = c0; c <= c1; ++c)
        ++counts[static_cast<std::size_t>(r) * cols_ + c];
  }
  offsets_.assign(counts.size(), 0);
  for (std::size_t i = 1; i < counts.size(); ++i)
    offsets_[i] = offsets_[i - 1] + counts[i - 1];
  cell_edges_.resize(offsets_.back());
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) {
    std::uint32_t r0, r1, c0, c1;
    cell_range(edges_[i], r0, r1, c0, c1);
    for (std::uint32_t r = r0; r <= r1; ++r)
      for (std::uint32_t c = c0; c <= c1; ++c)
        cell_edges_[fill[static_cast<std::size_t>(r) * cols_ + c]++] = i;
  }

  // Whether each cell's centre is inside: the crossings of its row's centre line, counted
  // from the east.
  centre_inside_.assign(static_cast<std::size_t>(rows_) * cols_, 0);
  std::vector<double> xs;
  for (std::uint32_t r = 0; r < rows_; ++r) {
    const double y = y0_ + (r + 0.5) * dy_;
    xs.clear();
    for (const Edge& e : edges_)
      if ((e.ay > y) != (e.by > y)) xs.push_back(e.ax + (y - e.ay) / (e.by - e.ay) * (e.bx - e.ax));
    std::sort(xs.begin(), xs.end());
    std::size_t east_of = xs.size(), k = 0;
    for (std::uint32_t c = 0; c < cols_; ++c) {
      const double x = x0_ + (c + 0.5) * dx_;
      while (k < xs.size() && xs[k] < x)
        ++k;
      east_of = xs.size() - k;
      centre_inside_[static_cast<std::size_t>(r) * cols_ + c] = east_of % 2;
    }
  }
}

bool RingIndex::contains(LatLon p) const {
  if (edges_.empty()) return false;
  const double fc = std::floor((p.lon - x0_) / dx_), fr = std::floor((p.lat - y0_) / dy_);
  if (fc < 0 || fr < 0 || fc >= cols_ || fr >= rows_) return false;
  const auto c = static_cast<std::uint32_t>(fc), r = static_cast<std::uint32_t>(fr);
  const std::size_t cell = static_cast<std::size_t>(r) * cols_ + c;
  const double cx = x0_ + (c + 0.5) * dx_, cy = y0_ + (r + 0.5) * dy_;
  // From the point east or west along its latitude to the centre's longitude, then along
  // that longitude to the centre: every edge crossed flips inside and outside.
  bool inside = centre_inside_[cell] != 0;
  for (std::uint32_t i = offsets_[cell]; i < offsets_[cell + 1]; ++i) {
    const Edge& e = edges_[cell_edges_[i]];
    if (crosses_horizontal(e.ax, e.ay, e.bx, e.by, p.lat, p.lon, cx)) inside = !inside;
    // The vertical leg, as a horizontal test with the axes swapped.
    if (crosses_horizontal(e.ay, e.ax, e.by, e.bx, cx, p.lat, cy)) inside = !inside;
  }
  return inside;
}

std::size_t RingIndex::bytes() const {
  return edges_.capacity() * sizeof(Edge) + centre_inside_.capacity() + offsets_.capacity() * 4 +
         cell_edges_.capacity() * 4;
}

}  // namespace vigil::geo
