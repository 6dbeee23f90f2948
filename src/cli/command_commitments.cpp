#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/commitments/commitment_tables.hpp"
#include "vigil/store/commitment_store.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::cli {

void add_commitments_report_command(CLI::App* commitments, Runner& run);

namespace {

struct CommitmentsArgs {
  WorkspaceOptions ws;
  std::string format = "table";
};

struct CommitmentsLoadArgs {
  WorkspaceOptions ws;
  std::vector<std::string> files;
  std::string by;
  bool quiet = false;
};

int run_commitments_load(const CommitmentsLoadArgs& args) {
  // Every file is read before anything is stored: a bad file leaves the workspace as it was.
  std::vector<commitments::CommitmentsTable> tables;
  for (const auto& file : args.files) {
    try {
      tables.push_back(commitments::read_commitments_table(file));
    } catch (const commitments::CommitmentsError& e) {
      fmt::print(stderr, "{}\nnothing was loaded.\n", e.what());
      return kExitRejected;
    }
  }
  store::Workspace ws(args.ws.paths());
  const std::string by = args.by.empty() ? default_actor() : args.by;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    const auto& table = tables[i];
    if (!args.quiet)
      for (const auto& warning : table.warnings)
        fmt::print(stderr, "{}:{}: {}\n", args.files[i], warning.line, warning.message);
    const auto load = store::store_commitments(ws, args.files[i], table, by);
    if (!args.quiet)
      fmt::print(stderr, "{}: {}: {} rows, {} warnings; load {}, log record {}\n", args.files[i],
                 commitments::to_string(table.kind), load.rows, load.warnings, load.id,
                 load.log_seq);
  }
  return kExitOk;
}

}  // namespace

void add_commitments_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "commitments",
      "Defence spending against NATO's targets and support to Ukraine: show the tables loaded "
      "(with no subcommand), load table files, or report.");
  cmd->require_subcommand(0, 1);
  auto args = std::make_shared<CommitmentsArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->get_option("--workspace")->required(false);
  cmd->add_option("--format", args->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));

  auto* load = cmd->add_subcommand(
      "load",
      "Load NATO's defence expenditure table (% of GDP by ally and year) or the Kiel Institute's "
      "Ukraine Support Tracker country summary, told apart by their columns "
      "(docs/commitments.md). Each file is sealed in the log; the newest load of a table is the "
      "one reported.");
  auto load_args = std::make_shared<CommitmentsLoadArgs>();
  add_workspace_options(load, load_args->ws, true);
  load->add_option("files", load_args->files, "Table files (CSV)")->required();
  load->add_option("--by", load_args->by, "Who loads the tables (default: $USER)");
  load->add_flag("-q,--quiet", load_args->quiet, "No summary and no warnings");
  load->callback(
      [&run, load_args] { run = [load_args] { return run_commitments_load(*load_args); }; });

  add_commitments_report_command(cmd, run);

  cmd->callback([&run, args, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    if (args->ws.path.empty()) throw CLI::RequiredError("--workspace");
    run = [args] {
      store::Workspace ws(args->ws.paths());
      view::RecordOutput out(
          std::cout, view::parse_output_format(args->format).value_or(view::OutputFormat::table),
          {{"load", 4},
           {"kind", 24},
           {"current", 7},
           {"rows", 5},
           {"warnings", 8},
           {"loaded_at", 20},
           {"loaded_by", 12},
           {"file", 40}});
      for (const auto& l : store::commitments_loads(ws))
        out.write({{"load", l.id},
                   {"kind", std::string(commitments::to_string(l.kind))},
                   {"current", l.current},
                   {"rows", l.rows},
                   {"warnings", l.warnings},
                   {"loaded_at", format_rfc3339(l.loaded_at).substr(0, 19) + "Z"},
                   {"loaded_by", l.loaded_by},
                   {"file", l.file}});
      out.finish();
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
