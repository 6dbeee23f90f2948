// The GIS writer plugin (vigil/gis/gdal_writer.hpp): a table as a GeoPackage, KML, KMZ or CSV
// file, by GDAL's drivers.
#include "vigil/gis/gdal_writer.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

namespace vigil::gis {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

// GDAL's messages reach the user through the writers' exceptions, once, not also on stderr.
struct QuietGdalErrors {
  QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

void write_kmz(const std::string& path, const Table& table);

void write_dataset(const std::string& path, FileFormat format, const Table& table) {
  if (format == FileFormat::kmz) return write_kmz(path, table);
  GDALAllRegister();
  const QuietGdalErrors quiet;
  const char* driver_name = format == FileFormat::geopackage ? "GPKG"
                            : format == FileFormat::kml      ? "KML"
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

  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** options = nullptr;
  if (format == FileFormat::csv) {
    options = CSLSetNameValue(options, "GEOMETRY", "AS_WKT");
    // GDAL's default quotes numbers too ("3"), which spreadsheets then read as text.
    options = CSLSetNameValue(options, "STRING_QUOTING", "IF_NEEDED");
  }
  OGRLayer* out = dataset->CreateLayer(table.name.c_str(), &wgs84, wkbUnknown, options);
  CSLDestroy(options);
  if (out == nullptr)
    throw std::runtime_error(
        fmt::format("{}: cannot create layer {}: {}", path, table.name, CPLGetLastErrorMsg()));
  const bool kml = format == FileFormat::kml || format == FileFormat::kmz;
  if (kml) {
    OGRFieldDefn name("Name", OFTString);
    out->CreateField(&name);
  }
  std::map<std::string, ColumnType> types;
  for (const auto& [column, column_type] : table.columns) {
    types[column] = column_type;
    OGRFieldType type = OFTString;
    OGRFieldSubType subtype = OFSTNone;
    switch (column_type) {
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

  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)> feature(
        OGRFeature::CreateFeature(out->GetLayerDefn()), &OGRFeature::DestroyFeature);
    if (kml && i < table.titles.size()) feature->SetField("Name", table.titles[i].c_str());
    for (const auto& [key, value] : table.rows[i].items()) {
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
          feature->SetField(index, value.get_ref<const std::string&>().c_str());
          break;
      }
    }
    if (i < table.geometries.size() && !table.geometries[i].empty()) {
      OGRGeometry* geometry = OGRGeometryFactory::createFromGeoJson(table.geometries[i].c_str());
      if (geometry != nullptr) {
        geometry->assignSpatialReference(&wgs84);
        feature->SetGeometryDirectly(geometry);
      }
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

// The KML driver's document with its layer's Folder made the Document, which then holds both
// the layer's Schema and its placemarks.
std::string as_kmz_document(std::string kml, const std::string& path) {
  const auto unexpected = [&](const char* what) {
    return std::runtime_error(fmt::format(
        "{}: GDAL's KML driver wrote a document vigil does not know how to zip: {}", path, what));
  };
  const std::string open = "<Folder>", close = "</Folder>", name_close = "</name>";
  const auto document = kml.find("<Document");
  const auto folder = kml.find(open + "<name>");
  const auto folder_end = kml.rfind(close);
  if (document == std::string::npos || folder == std::string::npos ||
      folder_end == std::string::npos || folder_end < folder)
    throw unexpected("no Document holding a Folder");
  if (kml.find("<Folder", folder + 1) != std::string::npos)
    throw unexpected("more than one Folder");
  const auto name_begin = folder + open.size();
  auto name_end = kml.find(name_close, name_begin);
  if (name_end == std::string::npos) throw unexpected("a Folder without its name");
  name_end += name_close.size();
  const std::string name = kml.substr(name_begin, name_end - name_begin);
  kml.erase(folder_end, close.size());
  kml.erase(folder, name_end - folder);
  kml.insert(kml.find('>', document) + 1, name);
  return kml;
}

// A KMZ: the KML driver's document (as_kmz_document) zipped as doc.kml. Not GDAL's LIBKML
// driver: its writer copies the whole document for every element it adds, quadratic in the
// features (2,050 incidents: 32.5 s where the KML driver takes 0.15 s; the dashboard exports up
// to 10,000). The Folder becomes the Document because LIBKML, which opens .kmz files for QGIS
// and ogrinfo, looks for a KMZ layer's Schema in the layer's own container: from the KML
// driver's Folder it would read every placemark without its fields.
void write_kmz(const std::string& path, const Table& table) {
  static std::atomic<std::uint64_t> documents{0};
  const std::string dir = fmt::format("/vsimem/vigil-kmz-{}", ++documents);
  struct Remove {
    std::string dir;
    ~Remove() { VSIRmdirRecursive(dir.c_str()); }
  } remove{dir};
  VSIMkdir(dir.c_str(), 0755);
  const std::string kml_path = dir + "/doc.kml";
  write_dataset(kml_path, FileFormat::kml, table);
  vsi_l_offset size = 0;
  const GByte* data = VSIGetMemFileBuffer(kml_path.c_str(), &size, FALSE);
  if (data == nullptr) throw std::runtime_error(fmt::format("{}: GDAL wrote no KML", path));
  const std::string document = as_kmz_document(
      std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)), path);

  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  const QuietGdalErrors quiet;
  CPLErrorReset();
  void* zip = CPLCreateZip(path.c_str(), nullptr);
  if (zip == nullptr)
    throw std::runtime_error(fmt::format("{}: cannot create it: {}", path, CPLGetLastErrorMsg()));
  bool written = CPLCreateFileInZip(zip, "doc.kml", nullptr) == CE_None;
  constexpr std::size_t chunk = std::size_t{1} << 30;  // CPLWriteFileInZip takes an int
  for (std::size_t at = 0; written && at < document.size(); at += chunk)
    written = CPLWriteFileInZip(zip, document.data() + at,
                                static_cast<int>(std::min(chunk, document.size() - at))) == CE_None;
  written = CPLCloseFileInZip(zip) == CE_None && written;
  written = CPLCloseZip(zip) == CE_None && written;
  if (!written)
    throw std::runtime_error(fmt::format("{}: cannot write it: {}", path, CPLGetLastErrorMsg()));
}

std::string dataset_bytes(const std::string& file_name, FileFormat format, const Table& table) {
  static std::atomic<std::uint64_t> files{0};
  // A directory of its own per file: a driver may add a sidecar beside it.
  const std::string dir = fmt::format("/vsimem/vigil-export-{}", ++files);
  const std::string path = dir + "/" + file_name;
  struct Remove {
    std::string dir;
    ~Remove() { VSIRmdirRecursive(dir.c_str()); }
  } remove{dir};
  VSIMkdir(dir.c_str(), 0755);
  write_dataset(path, format, table);
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
  if (data == nullptr) throw std::runtime_error(fmt::format("{}: GDAL wrote nothing", path));
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace
}  // namespace vigil::gis

extern "C" const vigil::gis::GdalWriter* vigil_gis_gdal_writer() {
  static const vigil::gis::GdalWriter writer{&vigil::gis::write_dataset,
                                             &vigil::gis::dataset_bytes};
  return &writer;
}
