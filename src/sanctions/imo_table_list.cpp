// A table of IMO numbers with one True/False column per list ("imo,ofac,uk,eu"): each
// True becomes an entry of that list, with no name.
#include <fmt/format.h>

#include "list_readers.hpp"
#include "vigil/io/csv_reader.hpp"

namespace vigil::sanctions::detail {

LoadedList read_imo_table(const std::string& path) {
  io::CsvReader csv(path);
  LoadedList out;
  io::RawRecord row;
  io::RecordError error;
  std::vector<std::string> lists;
  bool checked = false;
  for (;;) {
    const auto status = csv.next(row, error);
    if (!checked) {
      require_columns(path, csv.header(), {"imo"});
      for (const auto& column : csv.header())
        if (column != "imo") lists.push_back(column);
      checked = true;
    }
    if (status == io::ReadStatus::end) break;
    if (status == io::ReadStatus::error)
      throw ListError(fmt::format("{}:{}: {}", path, error.line, error.message));
    const std::string imo_text = cell_text(row, "imo");
    const auto imo = parse_imo(imo_text);
    if (!imo) {
      out.warnings.push_back(
          {row.line, fmt::format("IMO '{}' is not a valid IMO number; row left out", imo_text)});
      continue;
    }
    for (const auto& list : lists) {
      const std::string flag = cell_text(row, list);
      if (flag == "True" || flag == "true" || flag == "1") {
        ListEntry entry;
        entry.list = list;
        entry.entry_id = fmt::format("imo:{}", *imo);
        entry.imo = imo;
        entry.line = row.line;
        out.entries.push_back(std::move(entry));
      } else if (flag != "False" && flag != "false" && flag != "0" && !flag.empty()) {
        throw ListError(fmt::format("{}:{}: column '{}': '{}' is not True or False", path, row.line,
                                    list, flag));
      }
    }
  }
  return out;
}

}  // namespace vigil::sanctions::detail
