#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/incident.hpp"
#include "vigil/core/observation.hpp"

namespace vigil::io {

enum class OutputFormat { table, jsonl, csv, geojson };

std::optional<OutputFormat> parse_output_format(std::string_view text);

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

// Observations in the ingest format (so a listing can be ingested again unchanged).
nlohmann::json to_json(const Observation& obs);
std::vector<Column> observation_columns();

// Incidents as `vigil incidents` prints them.
nlohmann::json to_json(const Incident& incident, IncidentStatus status, std::int64_t log_seq,
                       std::string_view log_hash);
std::vector<Column> incident_columns();

}  // namespace vigil::io
