#include <algorithm>
#include <iostream>

#include "common.hpp"
#include "vessel_rows.hpp"

namespace vigil::cli {

namespace {

struct HistoryArgs {
  WorkspaceOptions ws;
  std::vector<std::uint32_t> mmsis;
  std::string imo;
  std::vector<std::string> attributes;
  std::string format = "table";
};

int run_history(const HistoryArgs& args) {
  store::Workspace ws(args.ws.paths());
  std::vector<std::uint32_t> mmsis = args.mmsis;
  if (!args.imo.empty()) {
    const auto holders = store::vessels_with(ws, vessel::Attribute::imo, args.imo);
    mmsis.insert(mmsis.end(), holders.begin(), holders.end());
  }
  const auto runs = store::identity_history(ws, mmsis);
  std::vector<nlohmann::json> rows;
  if (!args.imo.empty()) rows = view::imo_holder_rows(runs, args.imo);
  const vessel::IdentityRun* previous = nullptr;
  for (const auto& run : runs) {
    const bool change =
        previous != nullptr && previous->mmsi == run.mmsi && previous->attribute == run.attribute;
    previous = &run;
    const auto name = vessel::to_string(run.attribute);
    if (!args.attributes.empty() &&
        std::find(args.attributes.begin(), args.attributes.end(), name) == args.attributes.end())
      continue;
    rows.push_back(view::history_json(run, change));
  }
  // One timeline: what changed when, across attributes (and MMSIs, for an IMO).
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a["first"].template get<std::string>() < b["first"].template get<std::string>();
  });
  std::ios::sync_with_stdio(false);
  view::RecordOutput out(std::cout,
                         view::parse_output_format(args.format).value_or(view::OutputFormat::table),
                         history_columns());
  for (const auto& row : rows)
    out.write(row);
  out.finish();
  return kExitOk;
}

}  // namespace

void add_vessels_history_command(CLI::App* vessels, Runner& run) {
  auto* cmd = vessels->add_subcommand(
      "history",
      "One vessel's identity over time: each value of each attribute it broadcast, from the "
      "first to the last report, and whether it replaced an earlier value. With --imo, every "
      "MMSI that broadcast that IMO, so a change of MMSI or flag shows as rows of attribute "
      "'mmsi' and 'flag'.");
  auto args = std::make_shared<HistoryArgs>();
  add_workspace_options(cmd, args->ws, false);
  auto* mmsi = cmd->add_option("--mmsi", args->mmsis, "The vessel's MMSI (repeatable)");
  auto* imo = cmd->add_option("--imo", args->imo, "Every MMSI that broadcast this IMO number");
  mmsi->excludes(imo);
  cmd->add_option("--attribute", args->attributes,
                  "Only these attributes: name, callsign, imo, ship_type, length, beam, "
                  "draught, destination (repeatable)");
  cmd->add_option("--format", args->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->callback([&run, args] {
    if (args->mmsis.empty() && args->imo.empty())
      throw CLI::ValidationError("history", "give --mmsi or --imo");
    for (const auto& a : args->attributes)
      if (!vessel::parse_attribute(a))
        throw CLI::ValidationError("--attribute", "unknown attribute '" + a + "'");
    run = [args] { return run_history(*args); };
  });
}

}  // namespace vigil::cli
