#include "vigil/ceasefire/classifier.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace vigil::ceasefire {
namespace {

using geo::LatLon;

}  // namespace

Classifier::Classifier(ContactLine line, Settlement settlement, const geo::GeometryFile* regions)
    : line_(std::move(line)),
      settlement_(std::move(settlement)),
      index_(line_.parts),
      control_(line_.control),
      territory_(line_.territory) {
  static std::atomic<std::uint64_t> built{0};
  serial_ = ++built;
  for (int i = 0; i < 2; ++i) {
    switch (settlement_.parties[static_cast<std::size_t>(i)].side) {
      case LineSide::inside:
        inside_party_ = i;
        break;
      case LineSide::outside:
        outside_party_ = i;
        break;
      case LineSide::left:
        left_party_ = i;
        break;
      case LineSide::right:
        right_party_ = i;
        break;
    }
  }
  if (line_.control.empty() && inside_party_ >= 0)
    throw SettlementError(fmt::format(
        "{}: its parties hold the inside and outside of a control area, but the line was "
        "drawn, not derived from one: use sides left and right",
        settlement_.name));
  if (!line_.control.empty() && left_party_ >= 0)
    throw SettlementError(fmt::format(
        "{}: its parties hold left and right of the line, but the line comes from a control "
        "area: use sides inside and outside",
        settlement_.name));

  for (int party = 0; party < 2; ++party) {
    const auto& id = settlement_.parties[static_cast<std::size_t>(party)].id;
    if (settlement_.security_zone_m[static_cast<std::size_t>(party)] > 0)
      zones_.push_back({fmt::format("security zone ({})", id), ZoneKind::security, party,
                        std::nullopt,
                        settlement_.security_zone_m[static_cast<std::size_t>(party)]});
    for (std::size_t c = 0; c < kWeaponClasses; ++c) {
      const double w = settlement_.withdrawal_m[c][static_cast<std::size_t>(party)];
      if (w > 0)
        zones_.push_back(
            {fmt::format("{} withdrawal zone ({})", to_string(static_cast<WeaponClass>(c)), id),
             ZoneKind::withdrawal, party, static_cast<WeaponClass>(c), w});
    }
  }
  for (const auto& area : settlement_.disengagement_areas) {
    zones_.push_back({fmt::format("disengagement area {}", area.name), ZoneKind::disengagement, -1,
                      std::nullopt, 0});
    areas_.emplace_back(area.rings, 4'096);
  }
  if (zones_.size() > 64)
    throw SettlementError(fmt::format("{}: more than 64 zones", settlement_.name));

  // Sectors.
  if (settlement_.sectors.every_km > 0) {
    const double every = settlement_.sectors.every_km * 1000;
    for (std::size_t p = 0; p < line_.parts.size(); ++p) {
      const auto& part = line_.parts[p];
      std::vector<double> cumulative{0};
      for (std::size_t i = 1; i < part.size(); ++i)
        cumulative.push_back(cumulative.back() + geo::distance_m(part[i - 1], part[i]));
      part_first_sector_.push_back(static_cast<std::uint32_t>(sector_names_.size()));
      const auto n = static_cast<std::size_t>(std::max(1.0, std::ceil(cumulative.back() / every)));
      for (std::size_t k = 0; k < n; ++k) {
        const double from_km = static_cast<double>(k) * every / 1000;
        const double to_km = std::min(cumulative.back(), static_cast<double>(k + 1) * every) / 1000;
        sector_names_.push_back(
            line_.parts.size() == 1
                ? fmt::format("km {:.0f}-{:.0f}", from_km, to_km)
                : fmt::format("part {} km {:.0f}-{:.0f}", p + 1, from_km, to_km));
      }
      cumulative_m_.push_back(std::move(cumulative));
    }
  } else if (regions != nullptr) {
    std::vector<geo::RingIndex> region_index;
    for (const auto& f : regions->features) {
      const auto given = f.properties.find(settlement_.sectors.name_property);
      std::string name =
          given != f.properties.end() && given->is_string() ? given->get<std::string>() : "";
      if (name.empty()) name = fmt::format("region {}", f.index + 1);
      sector_names_.push_back(std::move(name));
      region_index.emplace_back(f.rings, 20'000);
    }
    for (const auto& part : line_.parts) {
      std::vector<std::uint32_t> of_segment;
      for (std::size_t i = 0; i + 1 < part.size(); ++i) {
        const LatLon mid{(part[i].lat + part[i + 1].lat) / 2, (part[i].lon + part[i + 1].lon) / 2};
        std::uint32_t sector = Classification::kNoSector;
        for (std::size_t r = 0; r < region_index.size(); ++r)
          if (region_index[r].contains(mid)) {
            sector = static_cast<std::uint32_t>(r);
            break;
          }
        // A segment on a region's edge or a river bank outside every polygon takes its
        // neighbour's sector.
        if (sector == Classification::kNoSector && !of_segment.empty()) sector = of_segment.back();
        of_segment.push_back(sector);
      }
      for (std::size_t i = of_segment.size(); i-- > 1;)
        if (of_segment[i - 1] == Classification::kNoSector) of_segment[i - 1] = of_segment[i];
      segment_sector_.push_back(std::move(of_segment));
    }
  }
}

int Classifier::withdrawal_zone(WeaponClass c, int party) const {
  for (std::size_t i = 0; i < zones_.size(); ++i)
    if (zones_[i].kind == ZoneKind::withdrawal && zones_[i].party == party &&
        zones_[i].weapon_class == c)
      return static_cast<int>(i);
  return -1;
}

int Classifier::security_zone(int party) const {
  for (std::size_t i = 0; i < zones_.size(); ++i)
    if (zones_[i].kind == ZoneKind::security && zones_[i].party == party)
      return static_cast<int>(i);
  return -1;
}

int Classifier::side_of(const geo::SurfacePoint& p,
                        const geo::SegmentIndex::Nearest& nearest) const {
  if (!line_.control.empty()) {
    if (control_.contains(p.where)) return inside_party_;
    if (!line_.territory.empty() && !territory_.contains(p.where)) return -1;
    return outside_party_;
  }
  if (!nearest.found()) return -1;
  // Left or right of the line's direction at its nearest point: the sign of the point's
  // offset along the normal of the segment (east-north plane at the point). At a vertex,
  // left of a left turn means left of both segments; left of a right turn, of either.
  const auto& part = line_.parts[nearest.line];
  const auto left_of = [&](std::size_t i) {
    const geo::Vec3 a = geo::to_ecef(part[i]), b = geo::to_ecef(part[i + 1]);
    const geo::Vec3 ab = b - a, ap = p.at - a;
    // The surface normal at p points up: (ab × ap) · up > 0 means p is left of ab.
    const geo::Vec3 cross{ab.y * ap.z - ab.z * ap.y, ab.z * ap.x - ab.x * ap.z,
                          ab.x * ap.y - ab.y * ap.x};
    const geo::Vec3 up{p.at.x, p.at.y, p.at.z};
    return dot(cross, up) > 0;
  };
  const std::size_t s = nearest.segment;
  bool left = left_of(s);
  const bool at_start = nearest.t <= 0 && s > 0;
  const bool at_end = nearest.t >= 1 && s + 2 < part.size();
  if (at_start || at_end) {
    const std::size_t first = at_start ? s - 1 : s, second = first + 1;
    const geo::Vec3 a = geo::to_ecef(part[first]), b = geo::to_ecef(part[second]),
                    c = geo::to_ecef(part[second + 1]);
    const geo::Vec3 ab = b - a, bc = c - b;
    const geo::Vec3 turn{ab.y * bc.z - ab.z * bc.y, ab.z * bc.x - ab.x * bc.z,
                         ab.x * bc.y - ab.y * bc.x};
    const bool left_turn = dot(turn, b) > 0;
    left = left_turn ? (left_of(first) && left_of(second)) : (left_of(first) || left_of(second));
  }
  return left ? left_party_ : right_party_;
}

Classification Classifier::classify(LatLon p) const {
  Classification out;
  const geo::SurfacePoint at = geo::surface_point(p);
  const auto nearest = index_.nearest(at);
  out.distance_m = nearest.distance_m;
  out.side = side_of(at, nearest);
  if (out.side >= 0) {
    for (std::size_t i = 0; i < zones_.size(); ++i) {
      const Zone& z = zones_[i];
      if (z.party == out.side && out.distance_m <= z.width_m) out.zones |= std::uint64_t{1} << i;
    }
  }
  for (std::size_t a = 0; a < areas_.size(); ++a)
    if (areas_[a].contains(p)) {
      // Disengagement areas follow the withdrawal and security zones in zones_.
      const std::size_t i = zones_.size() - areas_.size() + a;
      out.zones |= std::uint64_t{1} << i;
    }
  if (nearest.found()) {
    if (!segment_sector_.empty()) {
      out.sector = segment_sector_[nearest.line][nearest.segment];
    } else if (!cumulative_m_.empty()) {
      const auto& cumulative = cumulative_m_[nearest.line];
      const double along =
          cumulative[nearest.segment] +
          nearest.t * (cumulative[nearest.segment + 1] - cumulative[nearest.segment]);
      const auto k = static_cast<std::uint32_t>(along / (settlement_.sectors.every_km * 1000));
      const std::uint32_t first = part_first_sector_[nearest.line];
      const std::uint32_t last = nearest.line + 1 < part_first_sector_.size()
                                     ? part_first_sector_[nearest.line + 1] - 1
                                     : static_cast<std::uint32_t>(sector_names_.size() - 1);
      out.sector = std::min(first + k, last);
    }
  }
  return out;
}

std::vector<std::vector<std::vector<LatLon>>> Classifier::sector_lines() const {
  std::vector<std::vector<std::vector<LatLon>>> out(sector_names_.size());
  for (std::size_t p = 0; p < line_.parts.size(); ++p) {
    const auto& part = line_.parts[p];
    std::uint32_t current = Classification::kNoSector;
    std::vector<LatLon> stretch;
    const auto close = [&] {
      if (current != Classification::kNoSector && stretch.size() >= 2)
        out[current].push_back(std::move(stretch));
      stretch.clear();
    };
    for (std::size_t i = 0; i + 1 < part.size(); ++i) {
      if (!segment_sector_.empty()) {
        const auto sector = segment_sector_[p][i];
        if (sector != current) {
          close();
          current = sector;
          stretch.push_back(part[i]);
        }
        stretch.push_back(part[i + 1]);
      } else if (!cumulative_m_.empty()) {
        // Cut the segment wherever it crosses a multiple of every_km.
        const double every = settlement_.sectors.every_km * 1000;
        const auto& cumulative = cumulative_m_[p];
        const double from = cumulative[i], to = cumulative[i + 1];
        const std::uint32_t first = part_first_sector_[p];
        const std::uint32_t last = p + 1 < part_first_sector_.size()
                                       ? part_first_sector_[p + 1] - 1
                                       : static_cast<std::uint32_t>(sector_names_.size() - 1);
        const auto sector_at = [&](double along) {
          return std::min(first + static_cast<std::uint32_t>(along / every), last);
        };
        if (current == Classification::kNoSector) {
          current = sector_at(from);
          stretch.push_back(part[i]);
        }
        while (sector_at(to) != current && to > from) {
          const double cut = (current - first + 1) * every;
          const double t = std::clamp((cut - from) / (to - from), 0.0, 1.0);
          const LatLon at{part[i].lat + t * (part[i + 1].lat - part[i].lat),
                          part[i].lon + t * (part[i + 1].lon - part[i].lon)};
          stretch.push_back(at);
          close();
          current = std::min(current + 1, last);
          stretch.push_back(at);
        }
        stretch.push_back(part[i + 1]);
      }
    }
    close();
  }
  return out;
}

std::vector<StrandedArea> stranded_disengagement_areas(const Classifier& classifier,
                                                       double min_distance_m) {
  std::vector<StrandedArea> out;
  for (const auto& area : classifier.settlement().disengagement_areas) {
    int side = -2;
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& ring : area.rings)
      for (const auto& p : ring) {
        const auto c = classifier.classify(p);
        nearest = std::min(nearest, c.distance_m);
        side = side == -2 || side == c.side ? c.side : -1;
      }
    if (side < 0 || !(nearest >= min_distance_m)) continue;
    out.push_back(
        {area.name, classifier.settlement().parties[static_cast<std::size_t>(side)].id, nearest});
  }
  return out;
}

}  // namespace vigil::ceasefire
