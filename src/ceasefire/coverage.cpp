#include "vigil/ceasefire/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil::ceasefire {
namespace {

using nlohmann::json;

struct SensorFileReader {
  const std::string& name;
  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw SensorError(fmt::format("{}: {}: {}", name, field, message));
  }
  double number(const json& o, const char* key, const std::string& where, double lo, double hi,
                std::optional<double> fallback = std::nullopt) const {
    const auto it = o.find(key);
    if (it == o.end()) {
      if (fallback) return *fallback;
      fail(where + "." + key, "missing");
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()))
      fail(where + "." + key, "not a number");
    const double v = it->get<double>();
    if (v < lo || v > hi) fail(where + "." + key, fmt::format("{} is outside [{}, {}]", v, lo, hi));
    return v;
  }
  std::string text(const json& o, const char* key, const std::string& where) const {
    const auto it = o.find(key);
    if (it == o.end()) fail(where + "." + key, "missing");
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      fail(where + "." + key, "not a non-empty string");
    return it->get<std::string>();
  }
  const json& list(const json& doc, const char* key) const {
    static const json empty = json::array();
    const auto it = doc.find(key);
    if (it == doc.end()) return empty;
    if (!it->is_array()) fail(key, "not a list");
    return *it;
  }
};

// Line pieces bucketed by a lat/lon grid, so that each observer looks only at the pieces
// near it.
class PieceGrid {
 public:
  static constexpr double kCell = 0.05;  // degrees
  explicit PieceGrid(const std::vector<geo::LatLon>& mids) : mids_(mids) {
    for (std::size_t i = 0; i < mids.size(); ++i)
      cells_[key(cell(mids[i].lat), cell(mids[i].lon))].push_back(i);
  }
  template <typename Visit>
  void near(geo::LatLon at, double radius_m, Visit&& visit) const {
    const double dlat = radius_m / 110'000 / kCell + 1;
    const double coslat = std::max(0.05, std::cos(at.lat * M_PI / 180));
    const double dlon = radius_m / (111'000 * coslat) / kCell + 1;
    const auto clat = cell(at.lat), clon = cell(at.lon);
    for (auto i = clat - static_cast<long>(dlat); i <= clat + static_cast<long>(dlat); ++i)
      for (auto j = clon - static_cast<long>(dlon); j <= clon + static_cast<long>(dlon); ++j) {
        const auto it = cells_.find(key(i, j));
        if (it == cells_.end()) continue;
        for (const auto p : it->second)
          if (geo::fast_distance_m(at, mids_[p]) <= radius_m) visit(p);
      }
  }

 private:
  static long cell(double degrees) { return static_cast<long>(std::floor(degrees / kCell)); }
  static std::int64_t key(long i, long j) {
    return (static_cast<std::int64_t>(i) << 32) ^ (j & 0xFFFFFFFF);
  }
  const std::vector<geo::LatLon>& mids_;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> cells_;
};

}  // namespace

SensorDeclaration parse_sensor_declaration(const std::string& text, const std::string& name) {
  const SensorFileReader r{name};
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw SensorError(fmt::format("{}: not JSON: {}", name, e.what()));
  }
  if (!doc.is_object()) r.fail("(top)", "not an object");
  for (const auto& item : doc.items())
    if (item.key() != "cameras" && item.key() != "patrols" && item.key() != "uav_flights" &&
        item.key() != "notes")
      r.fail(item.key(), "unknown field");
  SensorDeclaration out;
  std::set<std::string> seen;
  const auto& cameras = r.list(doc, "cameras");
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    const auto where = fmt::format("cameras[{}]", i);
    const auto& c = cameras[i];
    if (!c.is_object()) r.fail(where, "not an object");
    CameraDeclaration d;
    d.id = r.text(c, "id", where);
    d.at = {r.number(c, "lat", where, -90, 90), r.number(c, "lon", where, -180, 180)};
    d.range_m = r.number(c, "range_km", where, 0, 100) * 1000;
    d.fov_deg = r.number(c, "fov_deg", where, 0, 360, 360.0);
    d.azimuth_deg =
        r.number(c, "azimuth_deg", where, 0, 360, d.fov_deg >= 360 ? 0.0 : std::optional<double>());
    if (!seen.insert(d.id).second) r.fail(where + ".id", "declared twice: " + d.id);
    out.cameras.push_back(std::move(d));
  }
  const auto tracks = [&](const char* key, const char* reach_key, double factor,
                          std::optional<double> fallback, std::vector<TrackDeclaration>& into) {
    const auto& list = r.list(doc, key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto where = fmt::format("{}[{}]", key, i);
      if (!list[i].is_object()) r.fail(where, "not an object");
      TrackDeclaration d;
      d.entity = r.text(list[i], "entity", where);
      d.reach_m = r.number(list[i], reach_key, where, 0, 100, fallback) * factor;
      if (!seen.insert(d.entity).second) r.fail(where + ".entity", "declared twice: " + d.entity);
      into.push_back(std::move(d));
    }
  };
  tracks("patrols", "sight_km", 1000, kDefaultPatrolSightM / 1000, out.patrols);
  tracks("uav_flights", "swath_km", 500, std::nullopt, out.uav_flights);
  out.canonical = doc.dump();
  return out;
}

Coverage compute_coverage(const Classifier& classifier, const SensorDeclaration& sensors,
                          const std::map<std::string, std::vector<TrackPoint>>& tracks,
                          const std::set<std::string>& reporting) {
  struct Piece {
    geo::LatLon from, to, mid;
    double length_m;
    std::string sector;
    std::size_t part;
  };
  std::vector<Piece> pieces;
  std::vector<geo::LatLon> mids;
  const auto& parts = classifier.line().parts;
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t i = 1; i < parts[p].size(); ++i) {
      const auto a = parts[p][i - 1], b = parts[p][i];
      const double length = geo::distance_m(a, b);
      if (length <= 0) continue;
      const auto n = static_cast<std::size_t>(std::ceil(length / kCoveragePieceM));
      const double bearing = geo::bearing_deg(a, b);
      geo::LatLon from = a;
      for (std::size_t k = 1; k <= n; ++k) {
        const auto to =
            k == n ? b
                   : geo::destination(a, bearing,
                                      length * static_cast<double>(k) / static_cast<double>(n));
        const auto mid = geo::destination(
            a, bearing, length * (static_cast<double>(k) - 0.5) / static_cast<double>(n));
        const auto where = classifier.classify(mid);
        pieces.push_back({from, to, mid, length / static_cast<double>(n),
                          where.sector == Classification::kNoSector
                              ? std::string()
                              : classifier.sectors()[where.sector],
                          p});
        mids.push_back(mid);
        from = to;
      }
    }
  const PieceGrid grid(mids);
  std::vector<bool> seen(pieces.size(), false);

  Coverage out;
  const auto follow = [&](const TrackDeclaration& d, const char* kind) {
    const auto it = tracks.find(d.entity);
    if (it == tracks.end() || it->second.empty()) {
      out.outages.push_back({d.entity, kind});
      return;
    }
    const auto& points = it->second;
    const double step = std::max(d.reach_m / 2, 50.0);
    for (std::size_t i = 0; i < points.size(); ++i) {
      grid.near(points[i].at, d.reach_m, [&](std::size_t p) { seen[p] = true; });
      if (i + 1 == points.size() || points[i + 1].time - points[i].time > kMaxTrackStep) continue;
      // Between two points of one drive or flight: what was passed on the way.
      const double length = geo::distance_m(points[i].at, points[i + 1].at);
      const double bearing = geo::bearing_deg(points[i].at, points[i + 1].at);
      for (double s = step; s < length; s += step)
        grid.near(geo::destination(points[i].at, bearing, s), d.reach_m,
                  [&](std::size_t p) { seen[p] = true; });
    }
  };
  for (const auto& d : sensors.patrols)
    follow(d, "patrol");
  for (const auto& d : sensors.uav_flights)
    follow(d, "uav");
  for (const auto& c : sensors.cameras) {
    if (!reporting.count(c.id)) {
      out.outages.push_back({c.id, "camera"});
      continue;
    }
    grid.near(c.at, c.range_m, [&](std::size_t p) {
      if (c.fov_deg >= 360 || geo::bearing_difference_deg(geo::bearing_deg(c.at, mids[p]),
                                                          c.azimuth_deg) <= c.fov_deg / 2)
        seen[p] = true;
    });
  }

  std::optional<Stretch> gap;
  std::size_t gap_part = 0;
  const auto close_gap = [&] {
    if (gap && gap->length_m >= kMinListedGapM) out.unobserved.push_back(*gap);
    gap.reset();
  };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& piece = pieces[i];
    auto& sector = out.sectors[piece.sector];
    sector.line_m += piece.length_m;
    out.line_m += piece.length_m;
    if (seen[i]) {
      sector.observed_m += piece.length_m;
      out.observed_m += piece.length_m;
      close_gap();
      continue;
    }
    out.unobserved_pieces.emplace_back(piece.from, piece.to);
    if (gap && (gap_part != piece.part || gap->sector != piece.sector)) close_gap();
    if (!gap) {
      gap = Stretch{piece.sector, piece.from, piece.to, 0};
      gap_part = piece.part;
    }
    gap->to = piece.to;
    gap->length_m += piece.length_m;
  }
  close_gap();
  std::stable_sort(out.unobserved.begin(), out.unobserved.end(),
                   [](const Stretch& a, const Stretch& b) { return a.length_m > b.length_m; });
  return out;
}

}  // namespace vigil::ceasefire
