#include "vigil/gis/feature_file.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/core/incident.hpp"
#include "vigil/core/plugin.hpp"
#include "vigil/gis/gdal_writer.hpp"

namespace vigil::gis {
namespace {

bool ends_with(const std::string& text, std::string_view tail) {
  if (text.size() < tail.size()) return false;
  return std::equal(tail.rbegin(), tail.rend(), text.rbegin(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

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

namespace {

// The records as GDAL's writer takes them: flattened, typed, the columns a reader looks for
// first, and the geometry of each.
Table table_of(FileFormat format, const Layer& layer) {
  Table table{layer.name, {}, {}, {}, layer.titles};
  table.rows.reserve(layer.records.size());
  std::vector<std::string> columns;  // in first-seen order
  std::map<std::string, ColumnType> types;
  const bool kml = format == FileFormat::kml || format == FileFormat::kmz;
  for (const auto& record : layer.records) {
    table.rows.push_back(flatten(record));
    auto& row = table.rows.back();
    // KML's TimeSpan is read from fields named begin and end (Google Earth's time slider).
    if (kml && row.contains("start")) {
      row["begin"] = row["start"];
      row.erase("start");
    }
    for (const auto& [key, value] : row.items()) {
      auto [at, added] = types.emplace(key, ColumnType::none);
      if (added) columns.push_back(key);
      at->second = widen(at->second, type_of(value));
    }
    std::string geometry;
    const auto attributes = record.find("attributes");
    if (attributes != record.end() && !position_known(*attributes)) {
      // No geometry: an identity change heard in a static report alone.
    } else if (record.contains("geometry") && record["geometry"].is_object()) {
      geometry = record["geometry"].dump();
    } else if (record.contains("lat") && record.contains("lon") && record["lat"].is_number() &&
               record["lon"].is_number()) {
      geometry =
          nlohmann::json{{"type", "Point"}, {"coordinates", {record["lon"], record["lat"]}}}.dump();
    }
    table.geometries.push_back(std::move(geometry));
  }
  for (auto& row : table.rows) {
    for (auto& [key, value] : row.items()) {
      if (!value.is_null() && types[key] == ColumnType::text) value = text_of(value);
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
  for (const auto& column : columns)
    table.columns.emplace_back(column, types[column]);
  return table;
}

const GdalWriter& gdal_writer() {
  static const GdalWriter* const writer = reinterpret_cast<decltype(&vigil_gis_gdal_writer)>(
      plugin_entry("libvigil_gis_gdal.so", "vigil_gis_gdal_writer"))();
  return *writer;
}

}  // namespace

void write_feature_file(const std::string& path, FileFormat format, const Layer& layer) {
  const auto parent = std::filesystem::absolute(path).parent_path();
  if (!std::filesystem::is_directory(parent))
    throw std::runtime_error(
        fmt::format("{}: no directory {} to write it in", path, parent.string()));
  gdal_writer().write(path, format, table_of(format, layer));
}

std::string feature_file_bytes(FileFormat format, const Layer& layer) {
  return gdal_writer().bytes(layer.name + "." + extension(format), format, table_of(format, layer));
}

}  // namespace vigil::gis
