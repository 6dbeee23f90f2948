#pragma once

// How the CLI and the API print records: JSON objects written as a table, JSON Lines, CSV or
// GeoJSON. The objects themselves are the views of observation_view.hpp, incident_view.hpp and
// vessel_view.hpp, the one definition of what a listing shows of each record.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vigil::view {

enum class OutputFormat { table, jsonl, csv, geojson };

std::optional<OutputFormat> parse_output_format(std::string_view text);

// A table column of this width shows its values whole (the last column: paths, sources).
inline constexpr std::size_t kWholeValue = 0;

struct Column {
  std::string name;
  std::size_t width;  // for the table format; longer values are cut with '…'
};

// Writes JSON objects as a table, JSON Lines, CSV (RFC 4180) or a GeoJSON FeatureCollection,
// streaming: nothing is held back but the GeoJSON footer. JSON Lines and GeoJSON carry every
// key; table and CSV carry `columns`, nested values as compact JSON.
class RecordOutput {
 public:
  RecordOutput(std::ostream& out, OutputFormat format, std::vector<Column> columns);
  void write(const nlohmann::json& object);
  void finish();
  std::size_t count() const { return count_; }

 private:
  void start();

  std::ostream& out_;
  OutputFormat format_;
  std::vector<Column> columns_;
  std::size_t count_ = 0;
  bool started_ = false;
};

// A record with lat and lon (and an optional GeoJSON geometry, used instead of the point) as
// a GeoJSON Feature whose properties are the other keys.
nlohmann::json to_geojson_feature(const nlohmann::json& object);

}  // namespace vigil::view
