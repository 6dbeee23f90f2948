// Ukraine's GUR (Defence Intelligence) shadow-fleet list, as the war-sanctions portal
// exports it: gur_id, name, imo, mmsi_current, mmsi_legacy, flag, vessel_type, callsign,
// former_names ("A / B / C"), build_year, status ("listed" or "delisted_from_gur").
#include <fmt/format.h>

#include "list_readers.hpp"

namespace vigil::sanctions::detail {

LoadedList read_gur(const std::string& path) {
  LoadedList out;
  const auto visit = [&](const io::RawRecord& row, const std::vector<std::string>&) {
    ListEntry entry;
    entry.list = "gur";
    entry.line = row.line;
    entry.name = cell_text(row, "name");
    const std::string state = cell_text(row, "status");
    if (!state.empty() && state != "listed") {
      out.warnings.push_back(
          {row.line, fmt::format("'{}' has status '{}'; left out", entry.name, state)});
      return;
    }
    entry.entry_id = "gur:" + cell_text(row, "gur_id");
    set_imo(entry, cell_text(row, "imo"), out.warnings);
    entry.mmsis = parse_mmsis(cell_text(row, "mmsi_current"), row.line, out.warnings);
    for (const auto mmsi : parse_mmsis(cell_text(row, "mmsi_legacy"), row.line, out.warnings))
      if (std::find(entry.mmsis.begin(), entry.mmsis.end(), mmsi) == entry.mmsis.end())
        entry.mmsis.push_back(mmsi);
    entry.flag = cell_text(row, "flag");
    entry.vessel_type = cell_text(row, "vessel_type");
    entry.callsign = cell_text(row, "callsign");
    entry.former_names = split_names(cell_text(row, "former_names"), " / ");
    set_build_year(entry, cell_text(row, "build_year"), out.warnings);
    out.entries.push_back(std::move(entry));
  };
  for_each_csv_row(path, {"gur_id", "name", "imo", "mmsi_current"}, visit);
  return out;
}

}  // namespace vigil::sanctions::detail
