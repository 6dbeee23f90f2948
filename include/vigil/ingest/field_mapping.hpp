#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vigil/io/record_reader.hpp"

namespace vigil::ingest {

// Maps the columns of a foreign layout onto observation fields without converting the file:
// `--map time={date}T00:00:00Z --map kind=explosion --map entity=mmsi:{MMSI}`.
// A template that is exactly one "{column}" copies the value with its type; otherwise the
// result is text. Columns a template uses are consumed (they do not also become attributes).
// When a referenced column is empty or missing, the mapped field is absent.
class FieldMapping {
 public:
  // Parses "field=template"; throws std::invalid_argument with the reason.
  void add(std::string_view spec);
  bool empty() const { return rules_.empty(); }

  // Rewrites the record's fields; false with `error` set when the input already has a field
  // the mapping would define.
  bool apply(io::RawRecord& record, io::RecordError& error) const;

 private:
  struct Part {
    bool is_column;
    std::string text;  // the literal text or the column name
  };
  struct Rule {
    std::string target;
    std::vector<Part> parts;
  };
  std::vector<Rule> rules_;
};

}  // namespace vigil::ingest
