// A table of IMO numbers with one True/False column per list ("imo,ofac,uk,eu"): each
// True becomes an entry of that list, with no name.
#include <fmt/format.h>

#include "list_readers.hpp"

namespace vigil::sanctions::detail {

LoadedList read_imo_table(const std::string& path) {
  LoadedList out;
  const auto visit = [&](const io::RawRecord& row, const std::vector<std::string>& header) {
    const std::string imo_text = cell_text(row, "imo");
    const auto imo = parse_imo(imo_text);
    if (!imo) {
      out.warnings.push_back(
          {row.line, fmt::format("IMO '{}' is not a valid IMO number; row left out", imo_text)});
      return;
    }
    for (const auto& list : header) {
      if (list == "imo") continue;
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
  };
  for_each_csv_row(path, {"imo"}, visit);
  return out;
}

}  // namespace vigil::sanctions::detail
