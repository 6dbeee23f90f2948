#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "vigil/store/database.hpp"

namespace vigil::store {

struct BoundingBox;

// Builds a WHERE clause from optional filters, with positional parameters bound afterwards,
// so that user-given values never become SQL text.
class SqlWhere {
 public:
  using Value = std::variant<std::int64_t, double, std::string>;

  void add(std::string condition, Value value);
  void add(std::string condition, Value a, Value b);
  void add_many(std::string condition, std::vector<Value> values);
  // `lat`/`lon` inside the box; a box whose west edge lies east of its east edge crosses
  // the antimeridian.
  void add_bbox(const std::string& lat, const std::string& lon, const BoundingBox& box);
  void add_in(const std::string& column, const std::vector<std::string>& values);

  std::string sql() const;  // " WHERE ..." or ""
  void bind(Statement& st, int first_index = 1) const;

 private:
  std::vector<std::string> conditions_;
  std::vector<Value> values_;
};

}  // namespace vigil::store
