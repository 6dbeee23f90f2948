#include "vigil/io/json_value.hpp"

#include <charconv>
#include <cmath>

namespace vigil::io {
namespace {

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

nlohmann::json number_value(double d) {
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= kMaxExactInteger)
    return static_cast<std::int64_t>(d);
  return d;
}

// The element's type was checked before the call, so get() cannot fail.
void ignore_error(simdjson::error_code) {}

}  // namespace

bool to_json_value(simdjson::dom::element element, nlohmann::json& out,
                   std::string& duplicate_key) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::OBJECT: {
      out = nlohmann::json::object();
      simdjson::dom::object object;
      if (element.get(object) != simdjson::SUCCESS) return true;
      for (auto field : object) {
        std::string key(field.key);
        if (out.contains(key)) {
          duplicate_key = key;
          return false;
        }
        nlohmann::json child;
        if (!to_json_value(field.value, child, duplicate_key)) return false;
        out.emplace(std::move(key), std::move(child));
      }
      return true;
    }
    case element_type::ARRAY: {
      out = nlohmann::json::array();
      simdjson::dom::array array;
      if (element.get(array) != simdjson::SUCCESS) return true;
      for (auto child_element : array) {
        nlohmann::json child;
        if (!to_json_value(child_element, child, duplicate_key)) return false;
        out.push_back(std::move(child));
      }
      return true;
    }
    case element_type::STRING: {
      std::string_view text;
      ignore_error(element.get(text));
      out = std::string(text);
      return true;
    }
    case element_type::INT64: {
      std::int64_t value = 0;
      ignore_error(element.get(value));
      out = value;
      return true;
    }
    case element_type::UINT64: {
      std::uint64_t value = 0;
      ignore_error(element.get(value));
      out = value;
      return true;
    }
    case element_type::DOUBLE: {
      double value = 0;
      ignore_error(element.get(value));
      out = number_value(value);
      return true;
    }
    case element_type::BOOL: {
      bool value = false;
      ignore_error(element.get(value));
      out = value;
      return true;
    }
    case element_type::NULL_VALUE:
      out = nullptr;
      return true;
  }
  return true;
}

const char* json_type_name(const nlohmann::json& value) {
  if (value.is_number()) return "number";
  return value.type_name();
}

nlohmann::json infer_cell_value(std::string_view cell) {
  if (cell.empty()) return nullptr;
  const char* begin = cell.data();
  const char* end = begin + cell.size();
  const char* digits = begin + (cell[0] == '-' || cell[0] == '+' ? 1 : 0);
  if (digits == end) return std::string(cell);
  // "0123" is an identifier, not one hundred and twenty-three.
  if (*digits == '0' && digits + 1 < end && digits[1] >= '0' && digits[1] <= '9')
    return std::string(cell);
  if (cell[0] == '+') ++begin;
  std::int64_t i = 0;
  auto [iend, ierr] = std::from_chars(begin, end, i);
  if (ierr == std::errc() && iend == end) return i;
  double d = 0;
  auto [dend, derr] = std::from_chars(begin, end, d);
  if (derr == std::errc() && dend == end && std::isfinite(d)) return number_value(d);
  return std::string(cell);
}

}  // namespace vigil::io
