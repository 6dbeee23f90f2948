#include "listing_options.hpp"

#include "vigil/gis/feature_file.hpp"

namespace vigil::cli {

void ListingOptions::add_to(CLI::App* cmd) {
  add_workspace_options(cmd, ws, false);
  cmd->add_option("--from", from, "From this time (RFC 3339 or YYYY-MM-DD), inclusive");
  cmd->add_option("--to", to, "Up to this time, exclusive");
  cmd->add_option("--bbox", bbox, "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (west > east crosses 180°)");
  cmd->add_option("--limit", limit, "At most this many rows")->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", format, "table (default), jsonl, csv or geojson")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "geojson"}));
  cmd->add_option(
         "-o,--output", output,
         "Write a file for GIS tools instead, its kind by its extension: .gpkg "
         "(GeoPackage, QGIS), .kml or .kmz (Google Earth), .csv (one column per attribute)")
      ->check([](const std::string& path) -> std::string {
        try {
          gis::format_of_path(path);
          return {};
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
      });
}

std::optional<Timestamp> ListingOptions::from_time() const {
  if (from.empty()) return std::nullopt;
  return parse_time_option("--from", from);
}

std::optional<Timestamp> ListingOptions::to_time() const {
  if (to.empty()) return std::nullopt;
  return parse_time_option("--to", to);
}

std::optional<store::BoundingBox> ListingOptions::box() const {
  if (bbox.empty()) return std::nullopt;
  return parse_bbox_option(bbox);
}

std::optional<std::int64_t> ListingOptions::row_limit() const {
  if (limit < 0) return std::nullopt;
  return limit;
}

view::OutputFormat ListingOptions::output_format() const {
  return view::parse_output_format(format).value_or(view::OutputFormat::table);
}

}  // namespace vigil::cli
