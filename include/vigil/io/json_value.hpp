#pragma once

#include <string>

#include <simdjson.h>
#include <nlohmann/json.hpp>

namespace vigil::io {

// Converts a parsed simdjson element to nlohmann::json. Integral doubles within ±2^53 become
// integers so that 3, 3.0 and the CSV cell "3" are the same value; objects come out with
// sorted keys. Returns false and names the duplicated key when an object repeats one.
bool to_json_value(simdjson::dom::element element, nlohmann::json& out, std::string& duplicate_key);

// The type name used in error messages ("string", "number", "object", ...).
const char* json_type_name(const nlohmann::json& value);

// Interprets a CSV cell: empty -> null; an integer or decimal number (without a leading zero
// that would make it an identifier such as "0123") -> number; anything else -> string.
nlohmann::json infer_cell_value(std::string_view cell);

}  // namespace vigil::io
