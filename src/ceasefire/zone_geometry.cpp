#include "vigil/ceasefire/zone_geometry.hpp"

#include <geos_c.h>
#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace vigil::ceasefire {
namespace {

using nlohmann::json;

class Geos {
 public:
  Geos() : handle_(GEOS_init_r()) {}
  ~Geos() { GEOS_finish_r(handle_); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;
  GEOSContextHandle_t operator*() const { return handle_; }

 private:
  GEOSContextHandle_t handle_;
};

struct GeometryDeleter {
  GEOSContextHandle_t handle;
  void operator()(GEOSGeometry* g) const {
    if (g != nullptr) GEOSGeom_destroy_r(handle, g);
  }
};
using Geometry = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

struct Projection {
  GeographicLib::AzimuthalEquidistant aeqd{GeographicLib::Geodesic::WGS84()};
  double lat0 = 0, lon0 = 0;
};

int forward(double* x, double* y, void* data) {
  const auto* p = static_cast<const Projection*>(data);
  double px = 0, py = 0, azimuth = 0, scale = 0;
  p->aeqd.Forward(p->lat0, p->lon0, *y, *x, px, py, azimuth, scale);
  *x = px;
  *y = py;
  return 1;
}

int reverse(double* x, double* y, void* data) {
  const auto* p = static_cast<const Projection*>(data);
  double lat = 0, lon = 0, azimuth = 0, scale = 0;
  p->aeqd.Reverse(p->lat0, p->lon0, *x, *y, lat, lon, azimuth, scale);
  *x = std::round(lon * 1e6) / 1e6;
  *y = std::round(lat * 1e6) / 1e6;
  return 1;
}

}  // namespace

json zone_features(const Classifier& classifier, const std::function<bool(const Zone&)>& include) {
  const ContactLine& line = classifier.line();
  const Settlement& settlement = classifier.settlement();
  Geos geos;
  const GeometryDeleter deleter{*geos};
  const auto check = [&](GEOSGeometry* g, const char* what) {
    if (g == nullptr) throw std::runtime_error(fmt::format("GEOS could not build {}", what));
    return Geometry(g, deleter);
  };
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (const auto& part : line.parts)
    for (const auto& p : part) {
      lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
      lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
    }
  Projection projection;
  projection.lat0 = (lat_min + lat_max) / 2;
  projection.lon0 = (lon_min + lon_max) / 2;

  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(*geos);
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(*geos);
  const auto read = [&](const json& geometry, const char* what) {
    Geometry g =
        check(GEOSGeoJSONReader_readGeometry_r(*geos, reader, geometry.dump().c_str()), what);
    Geometry projected = check(GEOSGeom_transformXY_r(*geos, g.get(), forward, &projection), what);
    // Rings from the even-odd rule can overlap or touch once projected: repair.
    if (GEOSisValid_r(*geos, projected.get()) != 1)
      projected = check(GEOSMakeValid_r(*geos, projected.get()), what);
    return projected;
  };
  const auto write = [&](const Geometry& projected) {
    Geometry g =
        check(GEOSGeom_transformXY_r(*geos, projected.get(), reverse, &projection), "a zone");
    char* text = GEOSGeoJSONWriter_writeGeometry_r(*geos, writer, g.get(), -1);
    json out = json::parse(text);
    GEOSFree_r(*geos, text);
    return out;
  };

  json features = json::array();
  try {
    const Geometry parts = read(geo::to_geojson_lines(line.parts), "the line");
    std::array<Geometry, 2> side{Geometry(nullptr, deleter), Geometry(nullptr, deleter)};
    for (int party = 0; party < 2; ++party) {
      const LineSide s = settlement.parties[static_cast<std::size_t>(party)].side;
      if (s == LineSide::inside) {
        side[static_cast<std::size_t>(party)] =
            read(geo::to_geojson_rings(line.control), "control");
      } else if (s == LineSide::outside && !line.territory.empty()) {
        const Geometry territory = read(geo::to_geojson_rings(line.territory), "territory");
        const Geometry control = read(geo::to_geojson_rings(line.control), "control");
        side[static_cast<std::size_t>(party)] =
            check(GEOSDifference_r(*geos, territory.get(), control.get()), "the outside");
      }
    }
    features.push_back({{"type", "Feature"},
                        {"properties", {{"kind", "line"}}},
                        {"geometry", geo::to_geojson_lines(line.parts)}});
    std::map<double, Geometry> buffers;
    for (const Zone& zone : classifier.zones()) {
      if (include && !include(zone)) continue;
      json properties = {{"name", zone.name}};
      Geometry shape(nullptr, deleter);
      if (zone.kind == ZoneKind::disengagement) {
        properties["kind"] = "disengagement";
        for (const auto& area : settlement.disengagement_areas)
          if (zone.name == "disengagement area " + area.name)
            shape = read(geo::to_geojson_rings(area.rings), "a disengagement area");
      } else {
        properties["kind"] = zone.kind == ZoneKind::security ? "security" : "withdrawal";
        properties["party"] = settlement.parties[static_cast<std::size_t>(zone.party)].id;
        if (zone.weapon_class)
          properties["weapon_class"] = std::string(to_string(*zone.weapon_class));
        properties["width_km"] = zone.width_m / 1000;
        auto& buffer = buffers[zone.width_m];
        if (!buffer) buffer = check(GEOSBuffer_r(*geos, parts.get(), zone.width_m, 32), "a buffer");
        const auto& clip = side[static_cast<std::size_t>(zone.party)];
        if (clip) {
          shape = check(GEOSIntersection_r(*geos, buffer.get(), clip.get()), "a zone");
        } else {
          // A drawn line: the buffer's half on the party's side is not cut here.
          shape = check(GEOSGeom_clone_r(*geos, buffer.get()), "a zone");
          properties["both_sides"] = true;
        }
      }
      if (!shape) continue;
      features.push_back(
          {{"type", "Feature"}, {"properties", properties}, {"geometry", write(shape)}});
    }
  } catch (...) {
    GEOSGeoJSONReader_destroy_r(*geos, reader);
    GEOSGeoJSONWriter_destroy_r(*geos, writer);
    throw;
  }
  GEOSGeoJSONReader_destroy_r(*geos, reader);
  GEOSGeoJSONWriter_destroy_r(*geos, writer);
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace vigil::ceasefire
