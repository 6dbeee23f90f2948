#include "vigil/ceasefire/zone_geometry.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <mutex>

#include "geos_support.hpp"
#include "vigil/geo/geojson_geometry.hpp"

namespace vigil::ceasefire {

using nlohmann::json;

namespace {

// The zones[i] for each i in `wanted` as a Feature, null where a zone has no shape.
std::map<std::size_t, json> draw_zones(const Classifier& classifier,
                                       const std::vector<std::size_t>& wanted) {
  const ContactLine& line = classifier.line();
  const Settlement& settlement = classifier.settlement();
  geos::Bounds bounds;
  bounds.add(line.parts);
  const auto plane = geos::azimuthal_plane(
      {(bounds.lat_min + bounds.lat_max) / 2, (bounds.lon_min + bounds.lon_max) / 2});
  const geos::Context context;
  const GEOSContextHandle_t h = *context;
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(h);
  const auto write = [&](const geos::Geometry& projected) {
    const geos::Geometry g = geos::to_degrees(context, projected.get(), *plane, 1e-6);
    char* text = GEOSGeoJSONWriter_writeGeometry_r(h, writer, g.get(), -1);
    json out = json::parse(text);
    GEOSFree_r(h, text);
    return out;
  };
  const auto area_of = [&](const std::vector<geo::Ring>& rings) {
    return geos::even_odd_area(context, rings, *plane);
  };

  std::map<std::size_t, json> drawn;
  try {
    const geos::Geometry parts = geos::lines(context, line.parts, *plane);
    std::array<geos::Geometry, 2> side{geos::Geometry(nullptr, geos::Deleter{h}),
                                       geos::Geometry(nullptr, geos::Deleter{h})};
    for (int party = 0; party < 2; ++party) {
      const LineSide s = settlement.parties[static_cast<std::size_t>(party)].side;
      if (s == LineSide::inside) {
        side[static_cast<std::size_t>(party)] = area_of(line.control);
      } else if (s == LineSide::outside && !line.territory.empty()) {
        const geos::Geometry territory = area_of(line.territory);
        const geos::Geometry control = area_of(line.control);
        side[static_cast<std::size_t>(party)] =
            geos::own(context, GEOSDifference_r(h, territory.get(), control.get()), "the outside");
      }
    }
    std::map<double, geos::Geometry> buffers;
    for (const std::size_t i : wanted) {
      const Zone& zone = classifier.zones()[i];
      json properties = {{"name", zone.name}};
      geos::Geometry shape(nullptr, geos::Deleter{h});
      if (zone.kind == ZoneKind::disengagement) {
        properties["kind"] = "disengagement";
        for (const auto& area : settlement.disengagement_areas)
          if (zone.name == "disengagement area " + area.name) shape = area_of(area.rings);
      } else {
        properties["kind"] = zone.kind == ZoneKind::security ? "security" : "withdrawal";
        properties["party"] = settlement.parties[static_cast<std::size_t>(zone.party)].id;
        properties["party_index"] = zone.party;  // 0 or 1: the palette's colour for the party
        if (zone.weapon_class)
          properties["weapon_class"] = std::string(to_string(*zone.weapon_class));
        properties["width_km"] = zone.width_m / 1000;
        auto& buffer = buffers[zone.width_m];
        if (!buffer)
          buffer = geos::own(context, GEOSBuffer_r(h, parts.get(), zone.width_m, 32), "a buffer");
        const auto& clip = side[static_cast<std::size_t>(zone.party)];
        if (clip) {
          shape = geos::own(context, GEOSIntersection_r(h, buffer.get(), clip.get()), "a zone");
        } else {
          // A drawn line: the buffer's half on the party's side is not cut here.
          shape = geos::own(context, GEOSGeom_clone_r(h, buffer.get()), "a zone");
          properties["both_sides"] = true;
        }
      }
      drawn[i] =
          shape ? json{{"type", "Feature"}, {"properties", properties}, {"geometry", write(shape)}}
                : json();
    }
  } catch (...) {
    GEOSGeoJSONWriter_destroy_r(h, writer);
    throw;
  }
  GEOSGeoJSONWriter_destroy_r(h, writer);
  return drawn;
}

// The zones drawn for the last few classifiers. A server keeps the classifiers it built, and
// every map of their line and settlement (the zones layer, each day's report) draws the same
// polygons, the costliest part of a report.
class DrawnZones {
 public:
  // What was kept of `wanted`, and the rest in `missing`.
  std::map<std::size_t, json> find(std::uint64_t serial, const std::vector<std::size_t>& wanted,
                                   std::vector<std::size_t>& missing) {
    std::map<std::size_t, json> found;
    std::lock_guard lock(mutex_);
    const auto kept =
        std::find_if(kept_.begin(), kept_.end(), [&](const auto& k) { return k.first == serial; });
    for (const std::size_t i : wanted) {
      if (kept != kept_.end())
        if (const auto it = kept->second.find(i); it != kept->second.end()) {
          found.emplace(i, it->second);
          continue;
        }
      missing.push_back(i);
    }
    return found;
  }

  void keep(std::uint64_t serial, const std::map<std::size_t, json>& drawn) {
    std::lock_guard lock(mutex_);
    auto kept =
        std::find_if(kept_.begin(), kept_.end(), [&](const auto& k) { return k.first == serial; });
    if (kept == kept_.end()) {
      if (kept_.size() >= kClassifiers) kept_.pop_front();
      kept = kept_.insert(kept_.end(), {serial, {}});
    }
    for (const auto& [i, feature] : drawn)
      kept->second.emplace(i, feature);
  }

 private:
  static constexpr std::size_t kClassifiers = 4;
  std::mutex mutex_;
  std::deque<std::pair<std::uint64_t, std::map<std::size_t, json>>> kept_;
};

DrawnZones& drawn_zones() {
  static DrawnZones instance;
  return instance;
}

}  // namespace

json zone_features(const Classifier& classifier, const std::function<bool(const Zone&)>& include) {
  std::vector<std::size_t> wanted, missing;
  for (std::size_t i = 0; i < classifier.zones().size(); ++i)
    if (!include || include(classifier.zones()[i])) wanted.push_back(i);
  auto drawn = drawn_zones().find(classifier.serial(), wanted, missing);
  if (!missing.empty()) {
    const auto fresh = draw_zones(classifier, missing);
    drawn_zones().keep(classifier.serial(), fresh);
    drawn.insert(fresh.begin(), fresh.end());
  }
  json features = json::array();
  features.push_back({{"type", "Feature"},
                      {"properties", {{"kind", "line"}}},
                      {"geometry", geo::to_geojson_lines(classifier.line().parts)}});
  for (const std::size_t i : wanted)
    if (!drawn.at(i).is_null()) features.push_back(std::move(drawn.at(i)));
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace vigil::ceasefire
