#include <algorithm>
#include <numeric>
#include <tuple>

#include "vigil/ceasefire/reports.hpp"
#include "vigil/geo/ecef.hpp"

namespace vigil::ceasefire {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i)
      i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

bool is_fire(ObservationKind k) {
  return is_fire_kind(k);
}

}  // namespace

std::string_view to_string(Corroboration c) {
  switch (c) {
    case Corroboration::single_source:
      return "single_source";
    case Corroboration::multi_source:
      return "multi_source";
    case Corroboration::technical:
      return "technical";
  }
  return "single_source";
}

std::vector<Cluster> corroborate(const std::vector<Report>& reports, const RuleConfig& config) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < reports.size(); ++i)
    if (is_ceasefire_kind(reports[i].kind)) order.push_back(i);
  // Kind and class first, so each group of comparable reports is one run swept in time.
  const auto key = [&](std::size_t i) {
    const auto& r = reports[i];
    return std::make_tuple(r.kind, r.weapon_class ? static_cast<int>(*r.weapon_class) : -1, r.time,
                           std::string_view(r.id));
  };
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return key(a) < key(b); });

  DisjointSets sets(reports.size());
  std::vector<std::size_t> open;  // reports of the current run whose window reaches `now`
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& r = reports[order[k]];
    if (k > 0) {
      const auto& previous = reports[order[k - 1]];
      if (previous.kind != r.kind || previous.weapon_class != r.weapon_class) open.clear();
    }
    const auto window = static_cast<Timestamp>(
        (is_fire(r.kind) ? config.fire_merge_min : config.presence_merge_min) * 60e6);
    std::erase_if(
        open, [&](std::size_t j) { return reports[j].time + reports[j].span + window < r.time; });
    for (const auto j : open) {
      const auto& o = reports[j];
      const double reach = r.uncertainty_m + o.uncertainty_m + config.merge_slack_m;
      if (geo::fast_distance_m(r.at, o.at) <= reach) sets.join(order[k], j);
    }
    open.push_back(order[k]);
  }

  std::vector<std::size_t> cluster_of(reports.size(), SIZE_MAX);
  std::vector<Cluster> clusters;
  for (const auto i : order) {
    const auto root = sets.find(i);
    if (cluster_of[root] == SIZE_MAX) {
      cluster_of[root] = clusters.size();
      clusters.emplace_back();
    }
    clusters[cluster_of[root]].members.push_back(i);
  }
  for (auto& c : clusters) {
    std::sort(c.members.begin(), c.members.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(reports[a].time, reports[a].id) < std::tie(reports[b].time, reports[b].id);
    });
    const auto& first = reports[c.members.front()];
    c.kind = first.kind;
    c.weapon_class = first.weapon_class;
    c.start = first.time;
    c.end = first.time;
    geo::Vec3 sum;
    double weights = 0;
    bool technical = false;
    for (const auto m : c.members) {
      const auto& r = reports[m];
      c.end = std::max(c.end, r.time);
      c.count = std::max(c.count, r.count);
      // The direction the reports that give one agree on; "undetermined" where they differ.
      if (!r.direction.empty())
        c.direction =
            c.direction.empty() || c.direction == r.direction ? r.direction : "undetermined";
      // Inverse-variance weights: the camera's 300 m fix outweighs the patrol's 4 km guess.
      const double sigma = std::max(r.uncertainty_m, 1.0);
      const double w = 1 / (sigma * sigma);
      sum = sum + geo::to_ecef(r.at) * w;
      weights += w;
      c.sources.push_back(r.source);
      const auto type = source_type_of(r.source);
      technical = technical || (type && is_technical(*type));
    }
    c.at = geo::to_lat_lon(geo::onto_surface(sum * (1 / weights)));
    c.uncertainty_m = 1 / std::sqrt(weights);
    std::sort(c.sources.begin(), c.sources.end());
    c.sources.erase(std::unique(c.sources.begin(), c.sources.end()), c.sources.end());
    c.corroboration = technical               ? Corroboration::technical
                      : c.sources.size() >= 2 ? Corroboration::multi_source
                                              : Corroboration::single_source;
  }
  std::sort(clusters.begin(), clusters.end(), [&](const Cluster& a, const Cluster& b) {
    return std::tie(a.start, reports[a.members.front()].id) <
           std::tie(b.start, reports[b.members.front()].id);
  });
  return clusters;
}

}  // namespace vigil::ceasefire
