#include "vigil/maritime/geography.hpp"

#include <cstdlib>

namespace vigil::maritime {

std::string data_directory() {
  if (const char* dir = std::getenv("VIGIL_DATA"); dir != nullptr && *dir != '\0') return dir;
  return VIGIL_DATA_DIR;
}

Geography load_geography(const GeographyOptions& options) {
  Geography geography;
  const std::string data = data_directory();
  if (!options.no_land)
    geography.land = geo::LandMask::from_topojson(
        options.land.empty() ? data + "/geo/natural_earth_land_10m.topojson" : options.land);
  if (options.default_places) {
    geo::read_places(data + "/maritime/wpi_ports.csv", geography.places);
    geo::read_places(data + "/maritime/russian_oil_infra.json", geography.places);
  }
  for (const auto& file : options.places)
    geo::read_places(file, geography.places);
  return geography;
}

}  // namespace vigil::maritime
