#pragma once

// Zones as polygons, for maps and GeoJSON export. Classification never uses these: it
// measures each point's geodesic distance to the line (classifier.hpp). The polygons are
// buffers of the line in an azimuthal equidistant projection centred on the line (GEOS),
// clipped to each party's side and mapped back to longitude and latitude; their edges are
// within about 0.1% of the zone width of the true geodesic offset (70 m at 70 km) on a line
// 1,000 km long, which a map cannot show.

#include <functional>

#include <nlohmann/json.hpp>

#include "vigil/ceasefire/classifier.hpp"

namespace vigil::ceasefire {

// A FeatureCollection: the line, each zone (properties name, kind, party, weapon_class,
// width_km) and each disengagement area.
// `include`, when given, picks the zones to draw (the buffers are most of the cost).
nlohmann::json zone_features(const Classifier& classifier,
                             const std::function<bool(const Zone&)>& include = nullptr);

}  // namespace vigil::ceasefire
