#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/io/record_reader.hpp"

namespace vigil::ingest {

// ais_csv: a CSV whose header is a known AIS position export (docs/ais.md), read with
// its own column meanings; nmea: raw AIS sentences.
enum class InputFormat { jsonl, csv, geojson, nmea, ais_csv };

std::string_view to_string(InputFormat format);
std::optional<InputFormat> parse_input_format(std::string_view text);

// Decides the format from the first bytes of the content: a first line (after blank and
// '#' lines) starting with '!', '\\' or '$' is NMEA; a first line that is a complete JSON
// object is JSON Lines (GeoJSON Features per line included); a JSON document spread over
// lines, or a FeatureCollection, is GeoJSON; anything else is CSV (ais_csv when
// open_reader recognises its header).
InputFormat detect_format(std::string_view head);

// Opens `path` ("-" for stdin, which must then have an explicit format or be CSV/JSONL)
// with the reader for `format`, detecting it when not given. Throws with the path.
std::unique_ptr<io::RecordReader> open_reader(const std::string& path,
                                              std::optional<InputFormat> format,
                                              InputFormat* detected = nullptr);

}  // namespace vigil::ingest
