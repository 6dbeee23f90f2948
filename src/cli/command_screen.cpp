#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/store/vessel_store.hpp"
#include "vigil/vessel/flag.hpp"
#include "vigil/view/record_output.hpp"
#include "vigil/view/vessel_view.hpp"

namespace vigil::cli {

namespace {

struct ScreenArgs {
  WorkspaceOptions ws;
  double threshold = sanctions::kDefaultNameThreshold;
  std::vector<std::string> bases;
  std::string format = "table";
};

int run_screen(const ScreenArgs& args) {
  store::Workspace ws(args.ws.paths());
  auto entries = store::current_list_entries(ws);
  if (entries.empty()) {
    fmt::print(stderr, "{}: no sanctions lists loaded; see vigil lists load\n", args.ws.path);
    return kExitError;
  }
  const sanctions::Screener screener(std::move(entries), args.threshold);
  std::ios::sync_with_stdio(false);
  view::RecordOutput out(std::cout,
                         view::parse_output_format(args.format).value_or(view::OutputFormat::table),
                         {{"mmsi", 9},
                          {"flag", 4},
                          {"name", 20},
                          {"list", 5},
                          {"listed_name", 20},
                          {"listed_imo", 10},
                          {"basis", 5},
                          {"score", 5},
                          {"explanation", 60}});
  std::size_t vessels = 0, matched = 0;
  sanctions::ScreeningNotes notes;
  for (const auto& vessel : store::known_vessels(ws)) {
    ++vessels;
    bool any = false;
    for (const auto& m : screener.screen(vessel, &notes)) {
      const auto basis = std::string(sanctions::to_string(m.basis));
      if (!args.bases.empty() &&
          std::find(args.bases.begin(), args.bases.end(), basis) == args.bases.end())
        continue;
      out.write(view::match_json(m));
      any = true;
    }
    matched += any;
  }
  out.finish();
  fmt::print(stderr,
             "{} vessels screened against {} list entries: {} with a match; {} name "
             "resemblances set aside as contradicted by an IMO or MMSI, {} folded into a "
             "list's best match\n",
             vessels, screener.entries().size(), matched, notes.conflicts, notes.folded);
  return kExitOk;
}

}  // namespace

void add_screen_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "screen",
      "Screen every vessel in the workspace against the loaded sanctions lists: by IMO, by "
      "MMSI, and by current and former names (Jaro-Winkler), each match with the list, the "
      "listed name, the score and an explanation.");
  auto args = std::make_shared<ScreenArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("--threshold", args->threshold,
                  fmt::format("Lowest Jaro-Winkler score of a name-only match (default {})",
                              sanctions::kDefaultNameThreshold))
      ->check(CLI::Range(0.5, 1.0));
  cmd->add_option("--basis", args->bases, "Only matches on these: imo, mmsi, name (repeatable)")
      ->check(CLI::IsMember({"imo", "mmsi", "name"}));
  cmd->add_option("--format", args->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->callback([&run, args] { run = [args] { return run_screen(*args); }; });
}

}  // namespace vigil::cli
