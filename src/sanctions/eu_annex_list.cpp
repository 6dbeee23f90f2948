// EU Annex XLII to Regulation 833/2014 (vessels denied port access): "Vessel name;IMO
// number;Date of application", Latin-1, dates dd.mm.yyyy, former names in the name cell
// as "Quartanus (formerly Morpheus)" or "Noctis (formerly Luna; Asher)".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include "list_readers.hpp"

namespace vigil::sanctions::detail {
namespace {

// "25.06.2024" -> "2024-06-25"; other text is kept as given.
std::string iso_date_from_dotted(const std::string& text) {
  if (text.size() == 10 && text[2] == '.' && text[5] == '.')
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  return text;
}

// Splits "Name (formerly Old)" (the closing parenthesis is sometimes missing).
void split_former(ListEntry& entry, const std::string& cell) {
  const auto open = cell.find("(formerly");
  if (open == std::string::npos) {
    entry.name = cell;
    return;
  }
  entry.name = cell.substr(0, open);
  while (!entry.name.empty() && entry.name.back() == ' ')
    entry.name.pop_back();
  std::string former = cell.substr(open + 9);
  if (const auto close = former.find(')'); close != std::string::npos) former.resize(close);
  // "formerly Luna; Asher": several former names.
  entry.former_names = split_names(former, ";");
}

}  // namespace

// Read line by line rather than with the CSV reader: the file is Latin-1, which the CSV
// reader rightly refuses as not UTF-8.
LoadedList read_eu_annex_xlii(const std::string& path) {
  LoadedList out;
  std::size_t name_column = 0, imo_column = 0, date_column = 0;
  bool header = true;
  for_each_line(path, " \r", [&](std::uint64_t number, std::string_view line) {
    auto fields = split_delimited(line, ';');
    for (auto& f : fields)
      f = clean_text(f);
    if (header) {
      if (!fields.empty() && fields[0].rfind("\xef\xbb\xbf", 0) == 0) fields[0].erase(0, 3);
      const auto find = [&](std::string_view name) {
        for (std::size_t i = 0; i < fields.size(); ++i)
          if (fields[i] == name) return i;
        throw ListError(fmt::format("{}:{}: no column '{}' (header: {})", path, number, name,
                                    fmt::join(fields, ";")));
      };
      name_column = find("Vessel name");
      imo_column = find("IMO number");
      date_column = find("Date of application");
      header = false;
      return;
    }
    if (fields.size() <= std::max({name_column, imo_column, date_column}))
      throw ListError(fmt::format("{}:{}: {} fields where the header has {}", path, number,
                                  fields.size(),
                                  std::max({name_column, imo_column, date_column}) + 1));
    ListEntry entry;
    entry.list = "eu";
    entry.line = number;
    split_former(entry, fields[name_column]);
    if (entry.name.empty()) {
      out.warnings.push_back({number, "no vessel name; row left out"});
      return;
    }
    set_imo(entry, fields[imo_column], out.warnings);
    entry.entry_id = entry.imo ? fmt::format("imo:{}", *entry.imo) : fmt::format("line:{}", number);
    entry.listed_on = iso_date_from_dotted(fields[date_column]);
    entry.programs.push_back("Annex XLII Reg. 833/2014");
    out.entries.push_back(std::move(entry));
  });
  if (header) throw ListError(fmt::format("{}: empty file", path));
  return out;
}

}  // namespace vigil::sanctions::detail
