// libFuzzer target for the line-of-contact inputs: the first byte picks the parser (GeoJSON
// lines and polygons, settlement file, points to classify, sensor declaration), the rest is the
// file. Each either refuses the file with an exception naming it or loads it; what loads is used:
// rings are indexed and queried, lines classified against, points classified.
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/control_map.hpp"
#include "vigil/ceasefire/coverage.hpp"
#include "vigil/ceasefire/points.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/segment_index.hpp"

namespace {

using namespace vigil;

const ceasefire::Settlement& drawn_settlement() {
  static const auto s = ceasefire::parse_settlement(
      R"({"name": "f", "parties": [{"id": "a", "side": "left"}, {"id": "b", "side": "right"}],
          "security_zone_km": 10, "sectors": {"every_km": 10}})",
      "fuzz", ".");
  return s;
}

const ceasefire::Classifier& small_classifier() {
  static const ceasefire::Classifier c(
      ceasefire::ContactLine{{{{48.0, 37.0}, {48.2, 37.3}, {48.1, 37.6}}}, {}, {}},
      drawn_settlement());
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > (1 << 16)) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (data[0] % 4) {
      case 0: {
        const auto file = geo::parse_geojson_geometry(text, "fuzz");
        const auto rings = file.all_rings();
        std::size_t vertices = 0;
        for (const auto& r : rings)
          vertices += r.size();
        if (vertices > 5'000) break;
        const geo::RingIndex index(rings, 1'000);
        (void)index.contains({48.0, 37.0});
        auto lines = file.all_lines();
        // Lines across continents take seconds to index under the sanitizers: the fuzzer's
        // time limit, not a defect. Keep to a region.
        bool regional = true;
        for (const auto& l : lines)
          for (const auto& p : l)
            regional = regional && std::abs(p.lat - 48) < 3 && std::abs(p.lon - 37) < 4;
        if (!lines.empty() && regional) {
          const geo::SegmentIndex segments(lines, 50'000, 5'000);
          const auto n = segments.nearest(geo::LatLon{48.0, 37.0});
          if (n.found() && !(n.distance_m >= 0 && std::isfinite(n.distance_m))) std::abort();
          const ceasefire::Classifier c(ceasefire::ContactLine{lines, {}, {}}, drawn_settlement());
          (void)c.classify({48.0, 37.0});
        }
        // A control map's polygons, dissolved as line import does: no NaN, nothing outside
        // the region, and the dissolved rings are what gets stored below.
        auto stored_rings = rings;
        bool regional_rings = true;
        for (const auto& r : rings)
          for (const auto& p : r)
            regional_rings = regional_rings && std::abs(p.lat - 48) < 3 && std::abs(p.lon - 37) < 4;
        if (!rings.empty() && regional_rings) {
          try {
            const auto selected = ceasefire::select_control(file, {});
            if (!(selected.area_km2 >= 0 && std::isfinite(selected.area_km2))) std::abort();
            stored_rings = ceasefire::rings_of(selected.area);
            for (const auto& r : stored_rings)
              for (const auto& p : r)
                if (!(std::abs(p.lat - 48) < 3.001 && std::abs(p.lon - 37) < 4.001)) std::abort();
          } catch (const ceasefire::ControlMapError&) {
          }
        }
        // Whatever imports, reads back: the rings as stored (storable_rings, then written)
        // parse again, as every command after the import reads them.
        std::size_t dropped = 0;
        const auto storable = geo::storable_rings(stored_rings, dropped);
        if (storable.size() + dropped != stored_rings.size()) std::abort();
        const auto written = geo::to_geojson_rings(storable).dump();
        if (!storable.empty()) {
          try {
            if (geo::parse_geojson_geometry(written, "stored").all_rings().size() !=
                storable.size())
              std::abort();
          } catch (const geo::GeometryError&) {
            std::abort();  // a sealed version that no command could read
          }
        }
        break;
      }
      case 1: {
        const auto s = ceasefire::parse_settlement(text, "fuzz", "/nonexistent");
        (void)s.canonical;
        break;
      }
      case 3: {
        const auto sensors = ceasefire::parse_sensor_declaration(text, "fuzz");
        for (const auto& c : sensors.cameras)
          if (!(c.range_m >= 0 && std::abs(c.at.lat) <= 90)) std::abort();
        break;
      }
      case 2: {
        const int fd = ::memfd_create("fuzz-points", 0);
        if (fd < 0) std::abort();
        if (!text.empty() &&
            ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
          std::abort();
        const std::string path = "/proc/self/fd/" + std::to_string(fd);
        try {
          ceasefire::read_points(
              path,
              [](const ceasefire::InputPoint& p) {
                if (!(std::abs(p.at.lat) <= 90 && std::abs(p.at.lon) <= 180)) std::abort();
                const auto r = small_classifier().classify(p.at);
                if (!(r.distance_m >= 0)) std::abort();
              },
              [](const std::string& error) {
                if (error.empty()) std::abort();
              });
        } catch (const std::runtime_error&) {
        }
        ::close(fd);
        break;
      }
    }
  } catch (const geo::GeometryError&) {
  } catch (const ceasefire::SettlementError&) {
  } catch (const ceasefire::SensorError&) {
  }
  return 0;
}
