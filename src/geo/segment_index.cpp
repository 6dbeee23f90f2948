#include "vigil/geo/segment_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

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
    const CellRange range = cells_[cell];
    for (std::uint32_t i = range.begin; i < range.begin + range.count; ++i) {
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

// Fills the grid's cells by refining blocks of cells as a quadtree. A block keeps the pieces
// that can be nearest to one of its points: those whose distance from the block's centre is
// within the nearest one's plus the block's diameter; its quarters choose among those.
struct SegmentIndex::GridBuilder {
  SegmentIndex& index;
  // A block's corners, the midpoints of its sides and its centre lie on the grid's lines or
  // halfway between them: their ECEF comes from one sine and cosine per line, not per point.
  std::vector<double> ring_radius, height;  // by half row: N cos(lat), N (1 - e2) sin(lat)
  std::vector<double> cos_lon, sin_lon;     // by half column
  // The candidates of the blocks being refined, a stack: a block's kept pieces lie above its
  // parent's until its quarters are done.
  std::vector<std::uint32_t> pool;
  std::vector<double> distance;  // from the current block's centre, per candidate

  explicit GridBuilder(SegmentIndex& grid)
      : index(grid),
        ring_radius(2 * std::size_t{grid.rows_} + 1),
        height(ring_radius.size()),
        cos_lon(2 * std::size_t{grid.cols_} + 1),
        sin_lon(cos_lon.size()) {
    for (std::size_t half_row = 0; half_row < ring_radius.size(); ++half_row) {
      const Vec3 meridian =
          to_ecef({grid.lat0_ + static_cast<double>(half_row) * grid.dlat_ / 2, 0});
      ring_radius[half_row] = meridian.x;
      height[half_row] = meridian.z;
    }
    for (std::size_t half_col = 0; half_col < cos_lon.size(); ++half_col) {
      const double lambda =
          (grid.lon0_ + static_cast<double>(half_col) * grid.dlon_ / 2) * kRadiansPerDegree;
      cos_lon[half_col] = std::cos(lambda);
      sin_lon[half_col] = std::sin(lambda);
    }
  }

  Vec3 at(std::uint32_t half_row, std::uint32_t half_col) const {
    return {ring_radius[half_row] * cos_lon[half_col], ring_radius[half_row] * sin_lon[half_col],
            height[half_row]};
  }

  // The block of n by n cells from (r0, c0), clipped to the grid, whose candidates are
  // pool[begin, end).
  void refine(std::uint32_t r0, std::uint32_t c0, std::uint32_t n, std::uint32_t begin,
              std::uint32_t end) {
    const std::uint32_t r1 = std::min(r0 + n, index.rows_), c1 = std::min(c0 + n, index.cols_);
    const Vec3 centre = at(r0 + r1, c0 + c1);
    double radius = 0;
    for (const std::uint32_t half_row : {2 * r0, r0 + r1, 2 * r1})
      for (const std::uint32_t half_col : {2 * c0, c0 + c1, 2 * c1})
        radius = std::max(radius, norm(at(half_row, half_col) - centre));
    // Chords are shorter than their arcs; the margin covers that and float rounding.
    radius = radius * 1.02 + 1;
    distance.resize(end - begin);
    double nearest = std::numeric_limits<double>::infinity();
    for (std::uint32_t i = begin; i < end; ++i) {
      double t = 0;
      const double d = std::sqrt(index.chord_to(index.pieces_[pool[i]], centre, t));
      distance[i - begin] = d;
      nearest = std::min(nearest, d);
    }
    const double keep = nearest + 2 * radius;
    if (n == 1) {
      // A cell: its candidates nearest its centre first, each with how near it can come to
      // any point of the cell.
      auto& candidates = index.candidates_;
      const auto first = candidates.size();
      for (std::uint32_t i = begin; i < end; ++i)
        if (distance[i - begin] <= keep)
          candidates.push_back(
              {pool[i], static_cast<float>((distance[i - begin] - radius) * 0.999)});
      std::sort(
          candidates.begin() + static_cast<std::ptrdiff_t>(first), candidates.end(),
          [](const Candidate& a, const Candidate& b) { return a.lower_bound_m < b.lower_bound_m; });
      index.cells_[std::size_t{r0} * index.cols_ + c0] = {
          static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(candidates.size() - first)};
      return;
    }
    const auto kept_begin = static_cast<std::uint32_t>(pool.size());
    for (std::uint32_t i = begin; i < end; ++i)
      if (distance[i - begin] <= keep) {
        const std::uint32_t piece = pool[i];
        pool.push_back(piece);
      }
    const auto kept_end = static_cast<std::uint32_t>(pool.size());
    const std::uint32_t half = n / 2;
    for (std::uint32_t quadrant = 0; quadrant < 4; ++quadrant) {
      const std::uint32_t qr = r0 + quadrant / 2 * half, qc = c0 + quadrant % 2 * half;
      if (qr < index.rows_ && qc < index.cols_) refine(qr, qc, half, kept_begin, kept_end);
    }
    pool.resize(kept_begin);
  }
};

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
  std::uint32_t size = 1;
  while (size < rows_ || size < cols_)
    size *= 2;
  cells_.assign(std::size_t{rows_} * cols_, {});
  GridBuilder builder(*this);
  builder.pool.resize(pieces_.size());
  std::iota(builder.pool.begin(), builder.pool.end(), 0U);
  builder.refine(0, 0, size, 0, static_cast<std::uint32_t>(builder.pool.size()));
}

std::size_t SegmentIndex::bytes() const {
  return pieces_.capacity() * sizeof(Piece) + cells_.capacity() * sizeof(CellRange) +
         candidates_.capacity() * sizeof(Candidate);
}

}  // namespace vigil::geo
