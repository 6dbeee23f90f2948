#pragma once

// Writing text fields into JSON and CSV output by hand, for the writers that must be fast.

#include <string>
#include <string_view>

namespace vigil::io {

// A JSON string literal (quotes included); bytes that are not UTF-8 (station names and ids
// from arbitrary files) become U+FFFD so that the output always parses.
void append_json_string(std::string& out, std::string_view text);

// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
void append_csv_cell(std::string& out, std::string_view text);

}  // namespace vigil::io
