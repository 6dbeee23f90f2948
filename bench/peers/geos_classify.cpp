// The classification peer for bench/ceasefire.sh: GEOS's C API as its documentation
// recommends for many points against one geometry (prepared geometries), in a metric
// projection (azimuthal equidistant centred on the line, GeographicLib): side by prepared
// containment in the control polygon, distance by prepared distance to the line, zones by
// comparing that distance with the zone widths. Reads the line export of `vigil line export`
// and CSV points (id,lat,lon); writes id,side,distance_m.
//
//   g++ -O2 -std=c++20 geos_classify.cpp -lgeos_c -lGeographicLib
//   geos_classify LINE.geojson POINTS.csv > out.csv
#include <geos_c.h>
#include <GeographicLib/AzimuthalEquidistant.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

struct Projection {
  GeographicLib::AzimuthalEquidistant aeqd{GeographicLib::Geodesic::WGS84()};
  double lat0 = 48.5, lon0 = 35.5;
};

static int forward(double* x, double* y, void* data) {
  const auto* p = static_cast<const Projection*>(data);
  double px = 0, py = 0, azimuth = 0, scale = 0;
  p->aeqd.Forward(p->lat0, p->lon0, *y, *x, px, py, azimuth, scale);
  *x = px;
  *y = py;
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: geos_classify LINE.geojson POINTS.csv\n");
    return 2;
  }
  GEOSContextHandle_t h = GEOS_init_r();
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(h);
  GEOSGeometry* collection = GEOSGeoJSONReader_readGeometry_r(h, reader, text.str().c_str());
  if (collection == nullptr || GEOSGetNumGeometries_r(h, collection) < 2) {
    std::fprintf(stderr, "%s: expected the line and control features of vigil line export\n",
                 argv[1]);
    return 1;
  }
  Projection projection;
  GEOSGeometry* line =
      GEOSGeom_transformXY_r(h, GEOSGetGeometryN_r(h, collection, 0), forward, &projection);
  GEOSGeometry* control_raw =
      GEOSGeom_transformXY_r(h, GEOSGetGeometryN_r(h, collection, 1), forward, &projection);
  GEOSGeometry* control = GEOSMakeValid_r(h, control_raw);
  const GEOSPreparedGeometry* prepared_line = GEOSPrepare_r(h, line);
  const GEOSPreparedGeometry* prepared_control = GEOSPrepare_r(h, control);
  const double widths[] = {15'000, 25'000, 35'000, 70'000};

  std::ifstream points(argv[2]);
  std::string row;
  std::getline(points, row);  // header
  struct Point {
    std::string id;
    double lat, lon;
  };
  std::vector<Point> input;
  while (std::getline(points, row)) {
    const auto c1 = row.find(','), c2 = row.find(',', c1 + 1);
    input.push_back({row.substr(0, c1), std::stod(row.substr(c1 + 1, c2 - c1 - 1)),
                     std::stod(row.substr(c2 + 1))});
  }
  std::string out;
  out.reserve(1 << 20);
  long zone_hits = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const Point& point : input) {
    double x = point.lon, y = point.lat;
    forward(&x, &y, &projection);
    GEOSGeometry* p = GEOSGeom_createPointFromXY_r(h, x, y);
    const bool inside = GEOSPreparedContains_r(h, prepared_control, p) == 1;
    double distance = 0;
    GEOSPreparedDistance_r(h, prepared_line, p, &distance);
    for (const double w : widths)
      zone_hits += distance <= w;
    GEOSGeom_destroy_r(h, p);
    out += point.id;
    out += inside ? ",inside," : ",outside,";
    out += std::to_string(distance);
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "%zu points classified in %.3f s (%.0f a second); zone memberships %ld\n",
               input.size(), seconds, static_cast<double>(input.size()) / seconds, zone_hits);
  GEOSPreparedGeom_destroy_r(h, prepared_line);
  GEOSPreparedGeom_destroy_r(h, prepared_control);
  GEOSGeom_destroy_r(h, line);
  GEOSGeom_destroy_r(h, control_raw);
  GEOSGeom_destroy_r(h, control);
  GEOSGeom_destroy_r(h, collection);
  GEOSGeoJSONReader_destroy_r(h, reader);
  GEOS_finish_r(h);
  return 0;
}
