#include "vigil/ceasefire/contact_line.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include "vigil/geo/segment_index.hpp"

namespace vigil::ceasefire {
namespace {

using geo::LatLon;

double polyline_length_m(const std::vector<LatLon>& line) {
  double metres = 0;
  for (std::size_t i = 1; i < line.size(); ++i)
    metres += geo::fast_distance_m(line[i - 1], line[i]);
  return metres;
}

}  // namespace

double ContactLine::length_m() const {
  double metres = 0;
  for (const auto& part : parts)
    metres += polyline_length_m(part);
  return metres;
}

std::size_t ContactLine::vertices() const {
  std::size_t n = 0;
  for (const auto& part : parts)
    n += part.size();
  return n;
}

std::vector<std::vector<LatLon>> unshared_edges(const std::vector<geo::Ring>& rings) {
  using Key = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
  const auto key = [](LatLon a, LatLon b) {
    auto q = [](double v) { return static_cast<std::int64_t>(std::llround(v * 1e7)); };
    Key k{q(a.lat), q(a.lon), q(b.lat), q(b.lon)};
    Key reversed{q(b.lat), q(b.lon), q(a.lat), q(a.lon)};
    return std::min(k, reversed);
  };
  std::map<Key, std::pair<int, std::pair<LatLon, LatLon>>> edges;
  for (const auto& ring : rings)
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const LatLon a = ring[i], b = ring[(i + 1) % ring.size()];
      auto& entry = edges[key(a, b)];
      ++entry.first;
      entry.second = {a, b};
    }
  std::vector<std::vector<LatLon>> out;
  for (const auto& [k, entry] : edges)
    if (entry.first == 1) out.push_back({entry.second.first, entry.second.second});
  return out;
}

ContactLine derive_from_control(std::vector<geo::Ring> control, std::vector<geo::Ring> territory,
                                const DerivationOptions& options, DerivationReport& report) {
  ContactLine result;
  const geo::RingIndex inside_territory(territory);
  const geo::SegmentIndex border(unshared_edges(territory), options.border_tolerance_m * 2,
                                 std::max(500.0, options.border_tolerance_m));
  report.control_rings = control.size();
  // Points are tested every quarter tolerance along each edge, so that the line starts and
  // ends within that of where it meets the border.
  const double step_m = std::max(50.0, options.border_tolerance_m / 4);
  for (const auto& ring : control) {
    report.control_vertices += ring.size();
    struct Sample {
      LatLon at;
      bool vertex;
      bool front;
    };
    std::vector<Sample> samples;
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const LatLon a = ring[i], b = ring[(i + 1) % ring.size()];
      const double length = geo::fast_distance_m(a, b);
      const auto n = static_cast<int>(std::max(1.0, std::ceil(length / step_m)));
      for (int k = 0; k < n; ++k) {
        const double f = static_cast<double>(k) / n;
        const LatLon p{a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f};
        const bool in = inside_territory.contains(p);
        const bool near_border = border.nearest(p).distance_m <= options.border_tolerance_m;
        samples.push_back({p, k == 0, in && !near_border});
        const double piece = length / n;
        if (!in && !near_border)
          report.outside_km += piece / 1000;
        else if (near_border)
          report.on_border_km += piece / 1000;
      }
    }
    if (samples.empty()) continue;
    // Runs of front samples, the ring read from a point that is not front (if any).
    std::size_t start = 0;
    while (start < samples.size() && samples[start].front)
      ++start;
    const bool whole_ring = start == samples.size();
    if (whole_ring) start = 0;
    std::vector<LatLon> part;
    const auto flush = [&] {
      if (part.size() >= 2) {
        if (polyline_length_m(part) >= options.min_part_m)
          result.parts.push_back(std::move(part));
        else
          ++report.dropped_parts;
      }
      part.clear();
    };
    for (std::size_t k = 0; k < samples.size(); ++k) {
      const std::size_t i = (start + k) % samples.size();
      const Sample& s = samples[i];
      if (!s.front) {
        flush();
        continue;
      }
      // Keep the ring's own vertices and the samples where a stretch begins or ends.
      const Sample& next = samples[(i + 1) % samples.size()];
      if (s.vertex || part.empty() || !next.front) part.push_back(s.at);
    }
    if (whole_ring && !part.empty()) part.push_back(part.front());
    flush();
  }
  report.parts = result.parts.size();
  result.control = std::move(control);
  result.territory = std::move(territory);
  report.length_km = result.length_m() / 1000;
  return result;
}

}  // namespace vigil::ceasefire
