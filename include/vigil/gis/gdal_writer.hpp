#pragma once

// The GIS writer as a plugin (libvigil_gis_gdal.so, vigil/core/plugin.hpp): GDAL and its
// drivers write the table that feature_file.cpp builds from the records.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/gis/feature_file.hpp"

namespace vigil::gis {

// How every record holds a column: the narrowest GDAL type all their values fit.
enum class ColumnType { none, boolean, integer, integer64, real, text };

struct Table {
  std::string name;                                         // the layer's
  std::vector<std::pair<std::string, ColumnType>> columns;  // in the order written
  std::vector<nlohmann::json> rows;     // one flat object per record; text columns hold strings
  std::vector<std::string> geometries;  // one GeoJSON geometry per record, "" for none
  std::vector<std::string> titles;      // KML's Name per record, or empty
};

struct GdalWriter {
  void (*write)(const std::string& path, FileFormat format, const Table& table);
  // The bytes of the file GDAL writes as `file_name` in its memory file system.
  std::string (*bytes)(const std::string& file_name, FileFormat format, const Table& table);
};

}  // namespace vigil::gis

extern "C" const vigil::gis::GdalWriter* vigil_gis_gdal_writer();
