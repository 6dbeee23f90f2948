#include "vigil/maritime/geography.hpp"

#include "vigil/geo/data_directory.hpp"

namespace vigil::maritime {

Geography load_geography(const GeographyOptions& options) {
  Geography geography;
  const std::string data = geo::data_directory();
  if (!options.no_land)
    geography.land = geo::LandMask::from_topojson(
        options.land.empty() ? data + "/geo/natural_earth_land_10m.topojson" : options.land);
  if (options.default_places) {
    geo::read_places(data + "/maritime/wpi_ports.csv", geography.places);
    geo::read_places(data + "/maritime/russian_oil_infra.json", geography.places);
    // One row of GFW's file has a longitude of 1001: skipped, as the test of this file says.
    geo::read_places(data + "/maritime/gfw_anchorage_overrides.csv.gz", geography.places);
  }
  for (const auto& file : options.places) {
    auto read = geo::read_places_file(file, geography.places);
    for (auto& warning : read.warnings)
      geography.warnings.push_back(std::move(warning));
    if (read.skipped > read.warnings.size())
      geography.warnings.push_back(
          file + ": " + std::to_string(read.skipped - read.warnings.size()) + " more rows skipped");
  }
  return geography;
}

}  // namespace vigil::maritime
