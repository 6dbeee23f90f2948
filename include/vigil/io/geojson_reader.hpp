#pragma once

#include <string>
#include <vector>

#include <simdjson.h>

#include "vigil/io/record_reader.hpp"

namespace vigil::io {

// A GeoJSON document: a FeatureCollection of Point features, or a single Feature. Each
// feature's properties are the record's fields and its Point gives lon/lat. The document is
// read whole (GeoJSON has no record boundaries), up to kMaxBytes; errors name the line on
// which the offending feature starts.
class GeoJsonReader final : public RecordReader {
 public:
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

  explicit GeoJsonReader(const std::string& path);
  ReadStatus next(RawRecord& record, RecordError& error) override;
  std::uint64_t bytes_read() const override;

 private:
  std::uint64_t line_at(std::size_t offset);

  std::string path_;
  simdjson::padded_string text_;
  simdjson::dom::parser parser_;
  std::vector<simdjson::dom::element> features_;
  std::vector<std::size_t> feature_offsets_;
  std::size_t next_feature_ = 0;
  std::size_t line_offset_ = 0;  // line_at() counts newlines forward from here
  std::uint64_t line_ = 1;
};

// Byte offsets at which the elements of the top-level "features" array begin (or, for a
// single Feature, the offset of the document). Assumes `text` is valid JSON.
std::vector<std::size_t> feature_offsets(std::string_view text);

}  // namespace vigil::io
