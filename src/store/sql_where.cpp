#include "vigil/store/sql_where.hpp"

#include "vigil/store/observation_store.hpp"

namespace vigil::store {

void SqlWhere::add(std::string condition, Value value) {
  conditions_.push_back(std::move(condition));
  values_.push_back(std::move(value));
}

void SqlWhere::add(std::string condition, Value a, Value b) {
  conditions_.push_back(std::move(condition));
  values_.push_back(std::move(a));
  values_.push_back(std::move(b));
}

void SqlWhere::add_many(std::string condition, std::vector<Value> values) {
  conditions_.push_back(std::move(condition));
  for (auto& v : values)
    values_.push_back(std::move(v));
}

void SqlWhere::add_bbox(const std::string& lat, const std::string& lon, const BoundingBox& box) {
  add(lat + " BETWEEN ? AND ?", box.min_lat, box.max_lat);
  if (box.min_lon <= box.max_lon)
    add(lon + " BETWEEN ? AND ?", box.min_lon, box.max_lon);
  else
    add("(" + lon + " >= ? OR " + lon + " <= ?)", box.min_lon, box.max_lon);
}

void SqlWhere::add_in(const std::string& column, const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::string condition = column + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    condition += i ? ",?" : "?";
    values_.push_back(values[i]);
  }
  conditions_.push_back(condition + ")");
}

std::string SqlWhere::sql() const {
  std::string out;
  for (std::size_t i = 0; i < conditions_.size(); ++i)
    out += (i ? " AND " : " WHERE ") + conditions_[i];
  return out;
}

void SqlWhere::bind(Statement& st, int first_index) const {
  int index = first_index;
  for (const Value& v : values_)
    std::visit([&](const auto& x) { st.bind(index++, x); }, v);
}

}  // namespace vigil::store
