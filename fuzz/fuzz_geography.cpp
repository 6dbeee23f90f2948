// libFuzzer target for the geographic inputs besides AIS: the first byte picks the parser
// (ports/terminals file, TopoJSON land, threshold config, GeoNames places), the rest is the file.
// Each either refuses the file with std::runtime_error or loads it; what loads answers queries.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "vigil/geo/gazetteer.hpp"
#include "vigil/geo/land_mask.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/maritime/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int fd = ::memfd_create("fuzz-geography", 0);
  if (fd < 0) std::abort();
  if (size > 1 && ::write(fd, data + 1, size - 1) != static_cast<ssize_t>(size - 1)) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    switch (data[0] % 4) {
      case 0: {
        vigil::geo::PlaceIndex places;
        vigil::geo::read_places(path, places);
        for (const auto& place : places.places())
          if (!(std::abs(place.at.lat) <= 90 && std::abs(place.at.lon) <= 180)) std::abort();
        (void)places.nearest({0.5, 0.5}, 12'000);
        break;
      }
      case 1: {
        const auto land = vigil::geo::LandMask::from_topojson(path);
        (void)land.on_land({0.5, 0.5});
        (void)land.on_land({-89.9, 179.9});
        const double d = land.distance_to_shore_m({0.5, 0.5}, 50'000);
        if (!(d >= 0 && d <= 50'000)) std::abort();
        break;
      }
      case 3: {
        vigil::geo::Gazetteer gazetteer;
        vigil::geo::read_geonames(path, gazetteer);
        for (std::size_t i = 0; i < gazetteer.size(); ++i)
          if (!(std::abs(gazetteer[i].at.lat) <= 90 && std::abs(gazetteer[i].at.lon) <= 180))
            std::abort();
        if (const auto placed = gazetteer.place({48.3, 38.1})) {
          if (placed->text().empty() ||
              placed->distance_m > vigil::geo::Gazetteer::kMaxPortDistanceM)
            std::abort();
        }
        break;
      }
      default: {
        const auto config = vigil::maritime::load_config(path);
        if (config.port_exit_km < config.port_entry_km) std::abort();
        break;
      }
    }
  } catch (const std::runtime_error&) {
  }
  ::close(fd);
  return 0;
}
