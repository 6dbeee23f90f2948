#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::sanctions {

// One listed vessel as a sanctions list gives it. Lists differ in what they carry: OFAC
// and the EU give a name and an IMO, Ukraine's GUR list adds MMSIs, call sign and former
// names, the IMO tables only say which lists name an IMO.
struct ListEntry {
  std::string list;      // "ofac", "eu", "uk", "gur", ...
  std::string entry_id;  // the list's own id, or "imo:<IMO>" when it has none
  std::string name;      // as listed; may be empty (IMO tables)
  std::vector<std::string> former_names;
  std::optional<std::int64_t> imo;  // only with a valid check digit
  std::vector<std::uint32_t> mmsis;
  std::string flag, callsign, vessel_type;
  std::vector<std::string> programs;  // sanctions programmes (OFAC)
  std::string listed_on;              // YYYY-MM-DD when the list gives a date
  std::optional<int> build_year;      // when the list gives one
  std::uint64_t line = 0;             // where the entry starts in its file
};

// Something in a list file that vigil did not load as given, with its line: an invalid
// IMO (kept without it), a delisted vessel (left out), an unreadable MMSI.
struct ListWarning {
  std::uint64_t line = 0;
  std::string message;
};

enum class ListFormat { ofac_json, eu_annex_xlii, gur, imo_table, ofac_sdn_csv, ftm };

struct LoadedList {
  ListFormat format = ListFormat::ofac_json;
  std::vector<ListEntry> entries;
  std::vector<ListWarning> warnings;
};

// A list file that cannot be loaded at all (wrong columns, not the format it claims):
// the message names the file and, where it helps, the line.
class ListError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string_view to_string(ListFormat format);
std::optional<ListFormat> parse_list_format(std::string_view text);

// Reads a list file, detecting its format from its content unless given. Throws ListError
// for a file that is not a list vigil knows; entries are all or nothing.
LoadedList read_list(const std::string& path, std::optional<ListFormat> format = std::nullopt);

// Parses a 7-digit IMO ("9179842", "IMO 9179842", "0363464"); nullopt when it is not
// seven digits or fails its check digit.
std::optional<std::int64_t> parse_imo(std::string_view text);

// Text as UTF-8: valid UTF-8 is kept, anything else is read as Latin-1 (the EU's files).
std::string to_utf8(std::string_view text);

}  // namespace vigil::sanctions
