#include "vigil/io/jsonl_reader.hpp"

#include <fmt/format.h>

#include "vigil/io/json_value.hpp"

namespace vigil::io {
namespace {

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t') return false;
  return true;
}

// A GeoJSON Feature becomes a record: its properties, plus lon/lat from a Point geometry.
bool record_from_feature(const nlohmann::json& feature, RawRecord& record, RecordError& error) {
  const auto geometry = feature.find("geometry");
  if (geometry == feature.end() || !geometry->is_object()) {
    error.field = "geometry";
    error.message = "a Feature needs a Point geometry";
    return false;
  }
  const auto type = geometry->find("type");
  if (type == geometry->end() || *type != "Point") {
    error.field = "geometry.type";
    error.message = fmt::format("only Point features are observations, got {}",
                                type == geometry->end() ? "nothing" : type->dump());
    return false;
  }
  const auto coordinates = geometry->find("coordinates");
  if (coordinates == geometry->end() || !coordinates->is_array() || coordinates->size() < 2 ||
      !(*coordinates)[0].is_number() || !(*coordinates)[1].is_number()) {
    error.field = "geometry.coordinates";
    error.message = "expected [longitude, latitude]";
    return false;
  }
  const auto properties = feature.find("properties");
  if (properties != feature.end() && !properties->is_null()) {
    if (!properties->is_object()) {
      error.field = "properties";
      error.message = "expected an object";
      return false;
    }
    for (const auto& [key, value] : properties->items()) {
      if (key == "lat" || key == "lon") {
        error.field = "properties." + key;
        error.message = "the position of a Feature comes from its geometry, not its properties";
        return false;
      }
      record.fields.emplace_back(key, value);
    }
  }
  if (const auto id = feature.find("id"); id != feature.end() && !id->is_null()) {
    for (const auto& [key, value] : record.fields)
      if (key == "id") {
        error.field = "id";
        error.message = "given both as the Feature id and in its properties";
        return false;
      }
    record.fields.emplace_back("id", *id);
  }
  record.fields.emplace_back("lon", (*coordinates)[0]);
  record.fields.emplace_back("lat", (*coordinates)[1]);
  return true;
}

}  // namespace

bool record_from_json_object(simdjson::dom::element element, RawRecord& record,
                             RecordError& error) {
  simdjson::dom::object object;
  if (element.get(object) != simdjson::SUCCESS) {
    error.message = "expected a JSON object";
    return false;
  }
  // Fields go straight into the record (no intermediate object): this is the ingest hot path.
  std::string duplicate;
  bool is_feature = false;
  for (auto field : object) {
    for (const auto& [name, value] : record.fields)
      if (name == field.key) {
        error.field = std::string(field.key);
        error.message = "field given twice";
        return false;
      }
    nlohmann::json value;
    if (!to_json_value(field.value, value, duplicate)) {
      error.field = std::string(field.key) + "." + duplicate;
      error.message = "field given twice";
      return false;
    }
    if (field.key == "type" && value == "Feature") is_feature = true;
    record.fields.emplace_back(std::string(field.key), std::move(value));
  }
  if (!is_feature) return true;
  nlohmann::json feature = nlohmann::json::object();
  for (auto& [name, value] : record.fields)
    feature[name] = std::move(value);
  record.fields.clear();
  return record_from_feature(feature, record, error);
}

JsonlReader::JsonlReader(const std::string& path) : lines_(path) {}

ReadStatus JsonlReader::next(RawRecord& record, RecordError& error) {
  std::string_view line;
  for (;;) {
    if (const auto status = next_record_line(lines_, record, error, line);
        status != ReadStatus::record)
      return status;
    if (is_blank(line)) continue;
    simdjson::dom::element element;
    static_assert(LineSource::kPadding >= simdjson::SIMDJSON_PADDING);
    if (auto err = parser_.parse(line.data(), line.size(), !lines_.padded()).get(element); err) {
      error.message = fmt::format("not valid JSON: {}", simdjson::error_message(err));
      return ReadStatus::error;
    }
    if (!record_from_json_object(element, record, error)) return ReadStatus::error;
    return ReadStatus::record;
  }
}

}  // namespace vigil::io
