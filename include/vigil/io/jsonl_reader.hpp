#pragma once

#include <string>

#include <simdjson.h>

#include "vigil/io/line_source.hpp"
#include "vigil/io/record_reader.hpp"

namespace vigil::io {

// JSON Lines: one JSON object per line; blank lines are skipped. A line holding a GeoJSON
// Feature (RFC 8142 GeoJSON text sequences) is read as that feature's point and properties.
class JsonlReader final : public RecordReader {
 public:
  explicit JsonlReader(const std::string& path);
  ReadStatus next(RawRecord& record, RecordError& error) override;
  std::uint64_t bytes_read() const override { return lines_.bytes_read(); }

 private:
  LineSource lines_;
  simdjson::dom::parser parser_;
};

// Fills `record` from one parsed JSON object (a plain record or a GeoJSON Point Feature).
// Shared by the JSON Lines and GeoJSON readers; returns false with `error` set otherwise.
bool record_from_json_object(simdjson::dom::element element, RawRecord& record, RecordError& error);

}  // namespace vigil::io
