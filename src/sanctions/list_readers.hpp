#pragma once

// The readers behind read_list, one per format (one file each).
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "vigil/io/record_reader.hpp"
#include "vigil/sanctions/list_entry.hpp"

namespace vigil::sanctions::detail {

LoadedList read_ofac_json(const std::string& path);
LoadedList read_eu_annex_xlii(const std::string& path);
LoadedList read_gur(const std::string& path);
LoadedList read_imo_table(const std::string& path);
LoadedList read_ofac_sdn_csv(const std::string& path);
LoadedList read_ftm(const std::string& path);

// Text as the lists are compared: UTF-8 (Latin-1 converted), no-break spaces as spaces,
// carriage returns dropped, trimmed.
std::string clean_text(std::string_view text);
// The trimmed, non-empty parts of `text` between `separator`s ("A / B", "X] [Y").
std::vector<std::string> split_names(std::string_view text, std::string_view separator);

// Reads a CSV list: checks the header has `required` columns, then calls `visit` with each
// row and the header. A row the CSV reader refuses throws ListError with its line.
void for_each_csv_row(
    const std::string& path, std::initializer_list<std::string_view> required,
    const std::function<void(const io::RawRecord&, const std::vector<std::string>&)>& visit);

// Reads a list line by line (for files the CSV reader cannot take): calls `visit` with each
// line's number and text, skipping lines made only of characters in `blank`. An overlong
// line throws ListError.
void for_each_line(const std::string& path, std::string_view blank,
                   const std::function<void(std::uint64_t, std::string_view)>& visit);

// Splits one line at `delimiter` outside double quotes ("" is a quote inside them).
std::vector<std::string> split_delimited(std::string_view line, char delimiter);

// A CSV cell as text (numbers as their digits), converted to UTF-8, trimmed.
std::string cell_text(const io::RawRecord& row, std::string_view column);
// The header names of a CSV list, trimmed; throws ListError naming `path` when one of
// `required` is missing.
void require_columns(const std::string& path, const std::vector<std::string>& header,
                     std::initializer_list<std::string_view> required);
// MMSIs in a cell ("273414440", "273414440 / 273123000"); others are warned about.
std::vector<std::uint32_t> parse_mmsis(std::string_view text, std::uint64_t line,
                                       std::vector<ListWarning>& warnings);
// Adds entry.imo from `text`, or a warning naming the line when it is not a valid IMO.
void set_imo(ListEntry& entry, std::string_view text, std::vector<ListWarning>& warnings);
// Adds entry.build_year from `text` ("2003", or a date "2003-05-01"), or a warning naming the
// line when it is not a year from 1900 to 2100.
void set_build_year(ListEntry& entry, std::string_view text, std::vector<ListWarning>& warnings);

}  // namespace vigil::sanctions::detail
