#pragma once

// Writing text fields into JSON, CSV and HTML/SVG output by hand.

#include <string>
#include <string_view>

namespace vigil::io {

// A JSON string literal (quotes included); bytes that are not UTF-8 (station names and ids
// from arbitrary files) become U+FFFD so that the output always parses.
void append_json_string(std::string& out, std::string_view text);

// Text inside an HTML or SVG element or a double-quoted attribute value.
void append_markup_text(std::string& out, std::string_view text);
std::string markup_text(std::string_view text);

// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
void append_csv_cell(std::string& out, std::string_view text);

}  // namespace vigil::io
