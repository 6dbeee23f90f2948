#include "vigil/ceasefire/zone_geometry.hpp"

#include <array>
#include <map>

#include "geos_support.hpp"
#include "vigil/geo/geojson_geometry.hpp"

namespace vigil::ceasefire {

using nlohmann::json;

json zone_features(const Classifier& classifier, const std::function<bool(const Zone&)>& include) {
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

  json features = json::array();
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
    features.push_back({{"type", "Feature"},
                        {"properties", {{"kind", "line"}}},
                        {"geometry", geo::to_geojson_lines(line.parts)}});
    std::map<double, geos::Geometry> buffers;
    for (const Zone& zone : classifier.zones()) {
      if (include && !include(zone)) continue;
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
      if (!shape) continue;
      features.push_back(
          {{"type", "Feature"}, {"properties", properties}, {"geometry", write(shape)}});
    }
  } catch (...) {
    GEOSGeoJSONWriter_destroy_r(h, writer);
    throw;
  }
  GEOSGeoJSONWriter_destroy_r(h, writer);
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace vigil::ceasefire
