#include "vigil/gis/feature_file.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include "vigil/core/incident.hpp"

namespace vigil::gis {
namespace {

bool ends_with(const std::string& text, std::string_view tail) {
  if (text.size() < tail.size()) return false;
  return std::equal(tail.rbegin(), tail.rend(), text.rbegin(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

// How every record holds a column: the narrowest GDAL type all their values fit.
enum class ColumnType { none, boolean, integer, integer64, real, text };

ColumnType type_of(const nlohmann::json& value) {
  if (value.is_null()) return ColumnType::none;
  if (value.is_boolean()) return ColumnType::boolean;
  if (value.is_number_integer()) {
    const auto n = value.get<std::int64_t>();
    return n >= INT32_MIN && n <= INT32_MAX ? ColumnType::integer : ColumnType::integer64;
  }
  if (value.is_number()) return ColumnType::real;
  return ColumnType::text;
}

ColumnType widen(ColumnType a, ColumnType b) {
  if (a == ColumnType::none) return b;
  if (b == ColumnType::none || a == b) return a;
  if ((a == ColumnType::integer && b == ColumnType::real) ||
      (a == ColumnType::real && b == ColumnType::integer))
    return ColumnType::real;
  return ColumnType::text;
}

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

}  // namespace

FileFormat format_of_path(const std::string& path) {
  if (ends_with(path, ".gpkg")) return FileFormat::geopackage;
  if (ends_with(path, ".kml")) return FileFormat::kml;
  if (ends_with(path, ".kmz")) return FileFormat::kmz;
  if (ends_with(path, ".csv")) return FileFormat::csv;
  throw std::invalid_argument(
      fmt::format("{}: vigil writes .gpkg (GeoPackage), .kml, .kmz (Google Earth) and .csv (one "
                  "column per attribute)",
                  path));
}

nlohmann::json flatten(const nlohmann::json& record) {
  nlohmann::json flat = nlohmann::json::object();
  const auto column = [](const nlohmann::json& value) -> nlohmann::json {
    if (!value.is_array()) return value.is_object() ? nlohmann::json(text_of(value)) : value;
    const bool plain =
        std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_primitive(); });
    if (!plain) return text_of(value);
    std::string joined;
    for (const auto& v : value)
      joined += (joined.empty() ? "" : "; ") + text_of(v);
    return joined;
  };
  for (const auto& [key, value] : record.items()) {
    if (key == "geometry") continue;
    if (key == "attributes" && value.is_object()) {
      for (const auto& [name, attribute] : value.items())
        flat["attr_" + name] = column(attribute);
      continue;
    }
    flat[key] = column(value);
  }
  return flat;
}

namespace {
void write_dataset(const std::string& path, FileFormat format, const Layer& layer);
}

void write_feature_file(const std::string& path, FileFormat format, const Layer& layer) {
  const auto parent = std::filesystem::absolute(path).parent_path();
  if (!std::filesystem::is_directory(parent))
    throw std::runtime_error(
        fmt::format("{}: no directory {} to write it in", path, parent.string()));
  write_dataset(path, format, layer);
}

const char* media_type(FileFormat format) {
  switch (format) {
    case FileFormat::geopackage:
      return "application/geopackage+sqlite3";
    case FileFormat::kml:
      return "application/vnd.google-earth.kml+xml";
    case FileFormat::kmz:
      return "application/vnd.google-earth.kmz";
    case FileFormat::csv:
      return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

const char* extension(FileFormat format) {
  switch (format) {
    case FileFormat::geopackage:
      return "gpkg";
    case FileFormat::kml:
      return "kml";
    case FileFormat::kmz:
      return "kmz";
    case FileFormat::csv:
      return "csv";
  }
  return "bin";
}

std::string feature_file_bytes(FileFormat format, const Layer& layer) {
  static std::atomic<std::uint64_t> files{0};
  // A directory of its own per file: a driver may add a sidecar beside it.
  const std::string dir = fmt::format("/vsimem/vigil-export-{}", ++files);
  const std::string path = fmt::format("{}/{}.{}", dir, layer.name, extension(format));
  struct Remove {
    std::string dir;
    ~Remove() { VSIRmdirRecursive(dir.c_str()); }
  } remove{dir};
  VSIMkdir(dir.c_str(), 0755);
  write_dataset(path, format, layer);
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
  if (data == nullptr) throw std::runtime_error(fmt::format("{}: GDAL wrote nothing", path));
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

namespace {

void write_dataset(const std::string& path, FileFormat format, const Layer& layer) {
  GDALAllRegister();
  // GDAL's messages reach the user through the exceptions below, once, not also on stderr.
  CPLPushErrorHandler(CPLQuietErrorHandler);
  struct PopHandler {
    ~PopHandler() { CPLPopErrorHandler(); }
  } pop;
  const char* driver_name = format == FileFormat::geopackage ? "GPKG"
                            : format == FileFormat::kml      ? "KML"
                            : format == FileFormat::kmz      ? "LIBKML"
                                                             : "CSV";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr)
    throw std::runtime_error(fmt::format("{}: GDAL has no {} driver", path, driver_name));
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  std::unique_ptr<GDALDataset, DatasetCloser> dataset(
      driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset)
    throw std::runtime_error(fmt::format("{}: cannot create it: {}", path, CPLGetLastErrorMsg()));

  std::vector<nlohmann::json> rows;
  rows.reserve(layer.records.size());
  std::vector<std::string> columns;  // in first-seen order
  std::map<std::string, ColumnType> types;
  const bool kml = format == FileFormat::kml || format == FileFormat::kmz;
  for (const auto& record : layer.records) {
    rows.push_back(flatten(record));
    // KML's TimeSpan is read from fields named begin and end (Google Earth's time slider).
    if (kml && rows.back().contains("start")) {
      rows.back()["begin"] = rows.back()["start"];
      rows.back().erase("start");
    }
    for (const auto& [key, value] : rows.back().items()) {
      auto [at, added] = types.emplace(key, ColumnType::none);
      if (added) columns.push_back(key);
      at->second = widen(at->second, type_of(value));
    }
  }

  // The columns a reader looks for first, in the order `vigil incidents` prints them; then
  // the record's other fields, then its attributes, each by name.
  static const std::vector<std::string> kLeading = {
      "id",         "rule",   "start",    "end",      "time",         "lat",
      "lon",        "place",  "kind",     "source",   "entity",       "severity",
      "confidence", "status", "entities", "evidence", "uncertainty_m"};
  const auto rank = [](const std::string& column) -> std::size_t {
    const auto at = std::find(kLeading.begin(), kLeading.end(), column);
    if (at != kLeading.end()) return static_cast<std::size_t>(at - kLeading.begin());
    return column.rfind("attr_", 0) == 0 ? kLeading.size() + 1 : kLeading.size();
  };
  std::stable_sort(columns.begin(), columns.end(), [&](const std::string& a, const std::string& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : (rank(a) >= kLeading.size() && a < b);
  });

  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** options = nullptr;
  if (format == FileFormat::csv) {
    options = CSLSetNameValue(options, "GEOMETRY", "AS_WKT");
    // GDAL's default quotes numbers too ("3"), which spreadsheets then read as text.
    options = CSLSetNameValue(options, "STRING_QUOTING", "IF_NEEDED");
  }
  OGRLayer* out = dataset->CreateLayer(layer.name.c_str(), &wgs84, wkbUnknown, options);
  CSLDestroy(options);
  if (out == nullptr)
    throw std::runtime_error(
        fmt::format("{}: cannot create layer {}: {}", path, layer.name, CPLGetLastErrorMsg()));
  if (kml) {
    OGRFieldDefn name("Name", OFTString);
    out->CreateField(&name);
  }
  for (const auto& column : columns) {
    OGRFieldType type = OFTString;
    OGRFieldSubType subtype = OFSTNone;
    switch (types[column]) {
      case ColumnType::boolean:
        type = OFTInteger;
        subtype = OFSTBoolean;
        break;
      case ColumnType::integer:
        type = OFTInteger;
        break;
      case ColumnType::integer64:
        type = OFTInteger64;
        break;
      case ColumnType::real:
        type = OFTReal;
        break;
      default:
        break;
    }
    OGRFieldDefn field(column.c_str(), type);
    field.SetSubType(subtype);
    if (out->CreateField(&field) != OGRERR_NONE)
      throw std::runtime_error(
          fmt::format("{}: cannot add field {}: {}", path, column, CPLGetLastErrorMsg()));
  }

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& record = layer.records[i];
    std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)> feature(
        OGRFeature::CreateFeature(out->GetLayerDefn()), &OGRFeature::DestroyFeature);
    if (kml && i < layer.titles.size()) feature->SetField("Name", layer.titles[i].c_str());
    for (const auto& [key, value] : rows[i].items()) {
      const int index = feature->GetFieldIndex(key.c_str());
      if (value.is_null() || index < 0) continue;
      switch (types[key]) {
        case ColumnType::boolean:
          feature->SetField(index, value.get<bool>() ? 1 : 0);
          break;
        case ColumnType::integer:
        case ColumnType::integer64:
          feature->SetField(index, static_cast<GIntBig>(value.get<std::int64_t>()));
          break;
        case ColumnType::real:
          feature->SetField(index, value.get<double>());
          break;
        default:
          feature->SetField(index, text_of(value).c_str());
          break;
      }
    }
    OGRGeometry* geometry = nullptr;
    const auto attributes = record.find("attributes");
    if (attributes != record.end() && !position_known(*attributes)) {
      // No geometry: an identity change heard in a static report alone.
    } else if (record.contains("geometry") && record["geometry"].is_object()) {
      geometry = OGRGeometryFactory::createFromGeoJson(record["geometry"].dump().c_str());
    } else if (record.contains("lat") && record.contains("lon") && record["lat"].is_number() &&
               record["lon"].is_number()) {
      geometry = new OGRPoint(record["lon"].get<double>(), record["lat"].get<double>());
    }
    if (geometry != nullptr) {
      geometry->assignSpatialReference(&wgs84);
      feature->SetGeometryDirectly(geometry);
    }
    if (out->CreateFeature(feature.get()) != OGRERR_NONE)
      throw std::runtime_error(
          fmt::format("{}: cannot write feature {}: {}", path, i + 1, CPLGetLastErrorMsg()));
  }
  // GDAL 3.6 reports a failure to write out on close through its error state only.
  CPLErrorReset();
  dataset.reset();
  if (CPLGetLastErrorType() == CE_Failure)
    throw std::runtime_error(fmt::format("{}: cannot write it: {}", path, CPLGetLastErrorMsg()));
}

}  // namespace

}  // namespace vigil::gis
