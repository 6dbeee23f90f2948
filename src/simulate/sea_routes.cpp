#include "sea_routes.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <stdexcept>
#include <unordered_map>

namespace vigil::simulate {

const std::vector<Region>& sea_regions() {
  // Busy tanker waters and the places sanctions evasion is reported from (DESIGN.md §3).
  static const std::vector<Region> regions = {
      {"baltic", 54.8, 59.0, 14.5, 21.0, 0.18},
      {"gulf_of_finland", 59.4, 60.2, 22.8, 28.0, 0.07},
      {"north_sea", 52.8, 58.5, 1.0, 7.0, 0.17},
      {"western_mediterranean", 36.5, 41.5, 2.5, 8.0, 0.12},
      {"ionian_aegean", 33.5, 38.0, 16.5, 23.5, 0.14},
      {"black_sea", 41.8, 45.0, 30.0, 38.5, 0.12},
      {"north_atlantic", 40.0, 52.0, -38.0, -16.0, 0.20},
  };
  return regions;
}

const Region& region_named(std::string_view name) {
  for (const auto& region : sea_regions())
    if (region.name == name) return region;
  throw std::logic_error("no sea region named " + std::string(name));
}

bool SeaRoutes::clear(geo::LatLon a, geo::LatLon b) const {
  const double metres = geo::fast_distance_m(a, b);
  const int steps = std::max(1, static_cast<int>(metres / 1000));
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    if (land_.on_land({a.lat + (b.lat - a.lat) * t, a.lon + (b.lon - a.lon) * t})) return false;
  }
  return true;
}

std::optional<geo::LatLon> SeaRoutes::sea_point(const Region& region, Random& random,
                                                double min_shore_m, double min_port_m) const {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const geo::LatLon p{random.uniform(region.lat_min, region.lat_max),
                        random.uniform(region.lon_min, region.lon_max)};
    if (land_.on_land(p)) continue;
    if (min_shore_m > 0 && land_.distance_to_shore_m(p, min_shore_m) < min_shore_m) continue;
    if (min_port_m > 0 && places_.nearest(p, min_port_m)) continue;
    return p;
  }
  return std::nullopt;
}

std::optional<geo::LatLon> SeaRoutes::coastal_point(geo::LatLon near, Random& random,
                                                    double max_shore_m, double min_port_m) const {
  for (int attempt = 0; attempt < 400; ++attempt) {
    const double bearing = random.uniform(0, 360);  // one draw per statement: see Random
    const double metres = random.uniform(8'000, 30'000);
    const geo::LatLon p = geo::destination(near, bearing, metres);
    if (land_.on_land(p)) continue;
    if (land_.distance_to_shore_m(p, max_shore_m) >= max_shore_m) continue;
    if (places_.nearest(p, min_port_m)) continue;
    return p;
  }
  return std::nullopt;
}

std::optional<geo::LatLon> SeaRoutes::leg_end(geo::LatLon from, const Region& region,
                                              Random& random, double min_m, double max_m) const {
  for (int attempt = 0; attempt < 40; ++attempt) {
    const double bearing = random.uniform(0, 360);  // one draw per statement: see Random
    const double metres = random.uniform(min_m, max_m);
    const geo::LatLon to = geo::destination(from, bearing, metres);
    if (to.lat < region.lat_min || to.lat > region.lat_max || to.lon < region.lon_min ||
        to.lon > region.lon_max)
      continue;
    if (clear(from, to)) return to;
  }
  return std::nullopt;
}

std::vector<geo::LatLon> SeaRoutes::route(geo::LatLon from, geo::LatLon to) const {
  constexpr double kCell = 0.02;
  const double margin = 1.0;
  const double lat0 = std::min(from.lat, to.lat) - margin;
  const double lon0 = std::min(from.lon, to.lon) - margin;
  const int rows = static_cast<int>((std::fabs(from.lat - to.lat) + 2 * margin) / kCell) + 1;
  const int columns = static_cast<int>((std::fabs(from.lon - to.lon) + 2 * margin) / kCell) + 1;
  const auto centre = [&](int cell) {
    return geo::LatLon{lat0 + (cell / columns + 0.5) * kCell,
                       lon0 + (cell % columns + 0.5) * kCell};
  };
  const auto cell_of = [&](geo::LatLon p) {
    const int r = std::clamp(static_cast<int>((p.lat - lat0) / kCell), 0, rows - 1);
    const int c = std::clamp(static_cast<int>((p.lon - lon0) / kCell), 0, columns - 1);
    return r * columns + c;
  };
  std::vector<signed char> sea(static_cast<std::size_t>(rows * columns), -1);
  const auto is_sea = [&](int cell) {
    auto& known = sea[static_cast<std::size_t>(cell)];
    if (known < 0) known = land_.on_land(centre(cell)) ? 0 : 1;
    return known == 1;
  };
  // The nearest sea cell to a point (terminals sit on the coastline).
  const auto nearest_sea = [&](geo::LatLon p) -> int {
    const int start = cell_of(p);
    const int r0 = start / columns, c0 = start % columns;
    for (int radius = 0; radius < 25; ++radius) {
      int best = -1;
      double best_m = 1e18;
      for (int r = r0 - radius; r <= r0 + radius; ++r)
        for (int c = c0 - radius; c <= c0 + radius; ++c) {
          if (r < 0 || c < 0 || r >= rows || c >= columns) continue;
          if (std::max(std::abs(r - r0), std::abs(c - c0)) != radius) continue;
          const int cell = r * columns + c;
          if (!is_sea(cell)) continue;
          const double m = geo::fast_distance_m(p, centre(cell));
          if (m < best_m) best_m = m, best = cell;
        }
      if (best >= 0) return best;
    }
    return -1;
  };
  const int source = nearest_sea(from);
  const int target = nearest_sea(to);
  if (source < 0 || target < 0) return {};
  std::vector<double> cost(sea.size(), 1e300);
  std::vector<int> came_from(sea.size(), -1);
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
  cost[static_cast<std::size_t>(source)] = 0;
  open.emplace(geo::fast_distance_m(centre(source), centre(target)), source);
  while (!open.empty()) {
    const auto [estimate, cell] = open.top();
    open.pop();
    if (cell == target) break;
    const int r = cell / columns, c = cell % columns;
    for (int dr = -1; dr <= 1; ++dr)
      for (int dc = -1; dc <= 1; ++dc) {
        if ((dr == 0 && dc == 0) || r + dr < 0 || c + dc < 0 || r + dr >= rows || c + dc >= columns)
          continue;
        const int next = (r + dr) * columns + c + dc;
        if (!is_sea(next)) continue;
        const double step = geo::fast_distance_m(centre(cell), centre(next));
        const double through = cost[static_cast<std::size_t>(cell)] + step;
        if (through >= cost[static_cast<std::size_t>(next)]) continue;
        cost[static_cast<std::size_t>(next)] = through;
        came_from[static_cast<std::size_t>(next)] = cell;
        open.emplace(through + geo::fast_distance_m(centre(next), centre(target)), next);
      }
  }
  if (came_from[static_cast<std::size_t>(target)] < 0 && target != source) return {};
  std::vector<geo::LatLon> cells;
  for (int cell = target; cell != -1; cell = came_from[static_cast<std::size_t>(cell)]) {
    cells.push_back(centre(cell));
    if (cell == source) break;
  }
  std::reverse(cells.begin(), cells.end());
  // Straighten: from each point, go to the farthest one in clear sight.
  std::vector<geo::LatLon> path{from};
  std::size_t i = 0;
  while (i + 1 < cells.size()) {
    std::size_t j = cells.size() - 1;
    while (j > i + 1 && !clear(cells[i], cells[j]))
      --j;
    path.push_back(cells[j]);
    i = j;
  }
  path.push_back(to);
  return path;
}

}  // namespace vigil::simulate
