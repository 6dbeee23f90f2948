#include <charconv>
#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vessel_risk.hpp"
#include "vessel_rows.hpp"

namespace vigil::cli {

void add_vessels_history_command(CLI::App* vessels, Runner& run);

namespace {

struct VesselArgs {
  WorkspaceOptions ws;
  std::vector<std::uint32_t> mmsis;
  std::string imo, name;
  bool changed = false;
  bool risk = false;
  std::string config;
  std::int64_t limit = -1;
  std::string format = "table";
};

}  // namespace

void add_vessels_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "vessels",
      "List vessels (with no subcommand): each MMSI heard in positions or static data, with "
      "its flag (from the MMSI), latest name, call sign, IMO, type, dimensions and "
      "destination, and how often its identity changed; or show one vessel's history.");
  cmd->require_subcommand(0, 1);
  auto args = std::make_shared<VesselArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->get_option("--workspace")->required(false);
  cmd->add_option("--mmsi", args->mmsis, "Only these MMSIs (repeatable)");
  cmd->add_option("--imo", args->imo, "Only vessels that ever broadcast this IMO number");
  cmd->add_option("--name", args->name,
                  "Only vessels that ever broadcast a name containing this text (any case)");
  cmd->add_flag("--changed", args->changed,
                "Only vessels whose name, call sign, IMO or ship type changed");
  cmd->add_flag("--risk", args->risk,
                "Rank vessels by risk: list matches, maritime incidents in the log and identity "
                "changes, each score with its reasons (docs/maritime.md)");
  cmd->add_option("--config", args->config,
                  "With --risk: a JSON file whose \"risk\" object sets weights");
  cmd->add_option("--limit", args->limit, "At most this many rows")->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", args->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  add_vessels_history_command(cmd, run);
  cmd->callback([&run, args, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    if (args->ws.path.empty()) throw CLI::RequiredError("--workspace");
    if (args->risk) {
      if (args->format == "csv")
        throw CLI::ValidationError("--format", "--risk writes table or jsonl");
      run = [args] { return run_vessel_risk(args->ws, args->config, args->limit, args->format); };
      return;
    }
    run = [args] {
      store::VesselFilter filter;
      filter.mmsis = args->mmsis;
      if (!args->imo.empty()) filter.imo = args->imo;
      filter.name_contains = args->name;
      filter.changed_only = args->changed;
      if (args->limit >= 0) filter.limit = args->limit;
      store::Workspace ws(args->ws.paths());
      std::ios::sync_with_stdio(false);
      view::RecordOutput out(
          std::cout, view::parse_output_format(args->format).value_or(view::OutputFormat::table),
          vessel_columns());
      store::for_each_vessel(ws, filter, [&](const store::VesselSummary& v) {
        out.write(view::vessel_json(v));
        return static_cast<bool>(std::cout);
      });
      out.finish();
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
