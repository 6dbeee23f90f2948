#pragma once

// Records as files GIS tools open: a GeoPackage for QGIS, KML or KMZ for Google Earth, and a
// flat CSV (one column per attribute) for spreadsheets. Written with GDAL.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vigil::gis {

enum class FileFormat { geopackage, kml, kmz, csv };

// The format a file name asks for: .gpkg, .kml, .kmz or .csv. Throws std::invalid_argument
// naming the extensions vigil writes for any other.
FileFormat format_of_path(const std::string& path);

// A record flattened into columns: its top-level values as they are, each attribute as
// `attr_<name>`; lists of plain values joined with "; ", anything nested as JSON text.
// `geometry` is left out (it is the feature's geometry).
nlohmann::json flatten(const nlohmann::json& record);

// One layer of records (objects as `vigil incidents` or `vigil observations --format jsonl`
// print them): each becomes a feature whose geometry is the record's `geometry` when it has
// one, else the point (`lon`, `lat`), and whose fields are its flattened columns, typed by
// what every record holds (integer, real, boolean, else text). `title` names each feature in
// KML's Name (what Google Earth labels it with). The file is replaced when it exists. Throws
// std::runtime_error naming the file when GDAL cannot write it.
struct Layer {
  std::string name;  // "incidents", "observations"
  std::vector<nlohmann::json> records;
  std::vector<std::string> titles;  // one per record, or empty
};
void write_feature_file(const std::string& path, FileFormat format, const Layer& layer);

// The same file's bytes, written in memory (GDAL's /vsimem/), for a server to send.
std::string feature_file_bytes(FileFormat format, const Layer& layer);

// The file's media type ("application/geopackage+sqlite3", ...) and usual extension ("gpkg").
const char* media_type(FileFormat format);
const char* extension(FileFormat format);

}  // namespace vigil::gis
