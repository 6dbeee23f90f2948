#include "vigil/geo/segment_index.hpp"

#include <algorithm>
#include <cmath>

namespace vigil::geo {
namespace {

constexpr double kMetresPerDegreeLat = 111'320.0;
constexpr double kMaxCells = 300'000;

}  // namespace

SegmentIndex::SegmentIndex(const std::vector<std::vector<LatLon>>& lines, double reach_m,
                           double cell_m) {
  for (std::uint32_t line = 0; line < lines.size(); ++line) {
    const auto& points = lines[line];
    for (std::uint32_t i = 0; i + 1 < points.size(); ++i) {
      const Vec3 a = to_ecef(points[i]), b = to_ecef(points[i + 1]);
      const double length = norm(b - a);
      const auto n = static_cast<std::uint32_t>(std::max(1.0, std::ceil(length / kMaxPieceM)));
      Vec3 from = a;
      for (std::uint32_t k = 0; k < n; ++k) {
        const double t1 = static_cast<double>(k + 1) / n;
        const Vec3 to = k + 1 == n ? b : onto_surface(a + (b - a) * t1);
        Piece piece;
        piece.a = from;
        piece.ab = to - from;
        const double ab2 = dot(piece.ab, piece.ab);
        piece.inv_ab2 = ab2 > 0 ? 1 / ab2 : 0;
        piece.line = line;
        piece.segment = i;
        piece.t0 = static_cast<float>(static_cast<double>(k) / n);
        piece.dt = static_cast<float>(1.0 / n);
        pieces_.push_back(piece);
        from = to;
      }
    }
  }
  if (!pieces_.empty()) build_grid(reach_m, cell_m);
}

[[gnu::always_inline]] inline double SegmentIndex::chord_to(const Piece& piece, Vec3 p,
                                                            double& t) const {
  t = std::clamp(dot(p - piece.a, piece.ab) * piece.inv_ab2, 0.0, 1.0);
  const Vec3 d = p - (piece.a + piece.ab * t);
  return dot(d, d);
}

[[gnu::always_inline]] inline void SegmentIndex::consider(const Piece& piece, const SurfacePoint& p,
                                                          Nearest& best, double& best2) const {
  double t = 0;
  const double d2 = chord_to(piece, p.at, t);
  if (d2 >= best2) return;
  best2 = d2;
  best.line = piece.line;
  best.segment = piece.segment;
  best.t = piece.t0 + piece.dt * t;
  best.point = piece.a + piece.ab * t;
}

SegmentIndex::Nearest SegmentIndex::nearest(const SurfacePoint& p) const {
  Nearest best;
  double best2 = std::numeric_limits<double>::infinity();
  const double row = std::floor((p.where.lat - lat0_) / dlat_);
  double lon = p.where.lon;
  if (lon < lon0_) lon += 360;
  const double col = std::floor((lon - lon0_) / dlon_);
  if (row >= 0 && col >= 0 && row < rows_ && col < cols_) {
    const std::size_t cell = static_cast<std::size_t>(row) * cols_ + static_cast<std::size_t>(col);
    for (std::uint32_t i = offsets_[cell]; i < offsets_[cell + 1]; ++i) {
      const Candidate& c = candidates_[i];
      if (c.lower_bound_m > 0 &&
          static_cast<double>(c.lower_bound_m) * static_cast<double>(c.lower_bound_m) >= best2)
        break;
      consider(pieces_[c.piece], p, best, best2);
    }
  } else {
    for (const Piece& piece : pieces_)
      consider(piece, p, best, best2);
  }
  if (!best.found()) return best;
  // The chord's point lies up to 8 cm below the geodesic: lift it onto the ellipsoid.
  best.point = onto_surface(best.point);
  const Vec3 towards = best.point - p.at;
  best.distance_m = chord_to_geodesic_m(p, towards, norm(towards));
  return best;
}

void SegmentIndex::build_grid(double reach_m, double cell_m) {
  double lat_min = 90, lat_max = -90, lon_min = 360, lon_max = -360;
  for (const Piece& piece : pieces_)
    for (const Vec3 v : {piece.a, piece.a + piece.ab}) {
      const LatLon ll = to_lat_lon(v);
      lat_min = std::min(lat_min, ll.lat);
      lat_max = std::max(lat_max, ll.lat);
      lon_min = std::min(lon_min, ll.lon);
      lon_max = std::max(lon_max, ll.lon);
    }
  const double reach_lat = reach_m / kMetresPerDegreeLat;
  lat_min = std::max(-89.0, lat_min - reach_lat);
  lat_max = std::min(89.0, lat_max + reach_lat);
  const double widest = std::max(std::abs(lat_min), std::abs(lat_max));
  const double metres_per_degree_lon =
      kMetresPerDegreeLat * std::cos(widest * 3.14159265358979323846 / 180);
  const double reach_lon = reach_m / metres_per_degree_lon;
  // Lines across the antimeridian, or a grid that would be too large, fall back to a search
  // of every piece: correct, only slower.
  if (lon_max - lon_min + 2 * reach_lon > 180) return;
  lon_min -= reach_lon;
  lon_max += reach_lon;
  const double mid_lat = (lat_min + lat_max) / 2;
  const double metres_per_degree_lon_mid =
      kMetresPerDegreeLat * std::cos(mid_lat * 3.14159265358979323846 / 180);
  // At most kMaxCells cells: a wider area gets larger cells, so that building the grid stays
  // a fraction of a second whatever the lines.
  const double area_m2 =
      (lat_max - lat_min) * kMetresPerDegreeLat * (lon_max - lon_min) * metres_per_degree_lon_mid;
  cell_m = std::max(cell_m, std::sqrt(area_m2 / kMaxCells));
  dlat_ = cell_m / kMetresPerDegreeLat;
  dlon_ = cell_m / metres_per_degree_lon_mid;
  lat0_ = lat_min;
  lon0_ = lon_min;
  rows_ = static_cast<std::uint32_t>(std::ceil((lat_max - lat_min) / dlat_));
  cols_ = static_cast<std::uint32_t>(std::ceil((lon_max - lon_min) / dlon_));
  if (static_cast<double>(rows_) * cols_ > 2 * kMaxCells) {
    rows_ = cols_ = 0;
    return;
  }
  std::vector<std::vector<std::uint32_t>> cells(static_cast<std::size_t>(rows_) * cols_);
  std::uint32_t size = 1;
  while (size < rows_ || size < cols_)
    size *= 2;
  std::vector<std::uint32_t> all(pieces_.size());
  for (std::uint32_t i = 0; i < all.size(); ++i)
    all[i] = i;

  // A block of cells keeps the pieces that can be nearest to one of its points: those whose
  // distance from the block's centre is within the nearest one's plus the block's diameter.
  const auto filter = [&](std::uint32_t r0, std::uint32_t c0, std::uint32_t n,
                          const std::vector<std::uint32_t>& from) {
    const std::uint32_t r1 = std::min(r0 + n, rows_), c1 = std::min(c0 + n, cols_);
    const double la0 = lat0_ + r0 * dlat_, la1 = lat0_ + r1 * dlat_;
    const double lo0 = lon0_ + c0 * dlon_, lo1 = lon0_ + c1 * dlon_;
    const Vec3 centre = to_ecef({(la0 + la1) / 2, (lo0 + lo1) / 2});
    double radius = 0;
    for (const double la : {la0, (la0 + la1) / 2, la1})
      for (const double lo : {lo0, (lo0 + lo1) / 2, lo1})
        radius = std::max(radius, norm(to_ecef({la, lo}) - centre));
    radius = radius * 1.02 + 1;
    std::vector<double> d(from.size());
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < from.size(); ++i) {
      double t = 0;
      d[i] = std::sqrt(chord_to(pieces_[from[i]], centre, t));
      nearest = std::min(nearest, d[i]);
    }
    std::vector<std::uint32_t> kept;
    for (std::size_t i = 0; i < from.size(); ++i)
      if (d[i] <= nearest + 2 * radius) kept.push_back(from[i]);
    return kept;
  };
  struct Block {
    std::uint32_t r0, c0, n;
    std::vector<std::uint32_t> candidates;
  };
  std::vector<Block> stack;
  stack.push_back({0, 0, size, filter(0, 0, size, all)});
  while (!stack.empty()) {
    Block block = std::move(stack.back());
    stack.pop_back();
    if (block.r0 >= rows_ || block.c0 >= cols_) continue;
    if (block.n == 1) {
      cells[static_cast<std::size_t>(block.r0) * cols_ + block.c0] = std::move(block.candidates);
      continue;
    }
    const std::uint32_t half = block.n / 2;
    for (std::uint32_t quadrant = 0; quadrant < 4; ++quadrant) {
      const std::uint32_t r0 = block.r0 + quadrant / 2 * half, c0 = block.c0 + quadrant % 2 * half;
      if (r0 >= rows_ || c0 >= cols_) continue;
      stack.push_back({r0, c0, half, filter(r0, c0, half, block.candidates)});
    }
  }
  offsets_.assign(cells.size() + 1, 0);
  for (std::size_t i = 0; i < cells.size(); ++i)
    offsets_[i + 1] = offsets_[i] + static_cast<std::uint32_t>(cells[i].size());
  candidates_.reserve(offsets_.back());
  for (std::uint32_t r = 0; r < rows_; ++r)
    for (std::uint32_t c = 0; c < cols_; ++c) {
      const auto& cell = cells[static_cast<std::size_t>(r) * cols_ + c];
      const double la0 = lat0_ + r * dlat_, la1 = la0 + dlat_;
      const double lo0 = lon0_ + c * dlon_, lo1 = lo0 + dlon_;
      const Vec3 centre = to_ecef({(la0 + la1) / 2, (lo0 + lo1) / 2});
      double radius = 0;
      for (const double la : {la0, la1})
        for (const double lo : {lo0, lo1})
          radius = std::max(radius, norm(to_ecef({la, lo}) - centre));
      // Chords are shorter than their arcs; the margin covers that and float rounding.
      radius = radius * 1.02 + 1;
      std::vector<Candidate> sorted;
      for (const std::uint32_t piece : cell) {
        double t = 0;
        const double d = std::sqrt(chord_to(pieces_[piece], centre, t));
        sorted.push_back({piece, static_cast<float>((d - radius) * 0.999)});
      }
      std::sort(sorted.begin(), sorted.end(), [](const Candidate& a, const Candidate& b) {
        return a.lower_bound_m < b.lower_bound_m;
      });
      candidates_.insert(candidates_.end(), sorted.begin(), sorted.end());
    }
}

std::size_t SegmentIndex::bytes() const {
  return pieces_.capacity() * sizeof(Piece) + offsets_.capacity() * 4 +
         candidates_.capacity() * sizeof(Candidate);
}

}  // namespace vigil::geo
