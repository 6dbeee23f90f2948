#include <fmt/format.h>

#include "common.hpp"
#include "vigil/report/commitments_report.hpp"

namespace vigil::cli {

namespace {

struct CommitmentsReportArgs {
  WorkspaceOptions ws;
  std::optional<int> year;
  std::string format = "table";
  std::string output;
};

int run_commitments_report(const CommitmentsReportArgs& args) {
  store::Workspace ws(args.ws.paths());
  report::CommitmentsReport gathered;
  try {
    gathered = report::gather_commitments_report(ws, args.year);
  } catch (const commitments::CommitmentsError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitError;
  }
  write_text_output(args.output, report::render_commitments(
                                     gathered, *report::parse_commitments_format(args.format)));
  return kExitOk;
}

}  // namespace

void add_commitments_report_command(CLI::App* commitments, Runner& run) {
  auto* cmd = commitments->add_subcommand(
      "report",
      "Each ally's defence spending against 2 %, 3.5 % and 5 % of GDP, its trend, the gap in "
      "points and in money, and aid to Ukraine by donor; html and svg draw the chart.");
  auto args = std::make_shared<CommitmentsReportArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("--year", args->year, "The year to assess (default: the latest loaded)")
      ->check(CLI::Range(1949, 2100));
  cmd->add_option("--format", args->format, "table (default), md, html, svg, json, jsonl or csv")
      ->check(CLI::IsMember({"table", "md", "html", "svg", "json", "jsonl", "csv"}));
  cmd->add_option("-o,--output", args->output, "Write to this file (default: stdout)");
  cmd->callback([&run, args] { run = [args] { return run_commitments_report(*args); }; });
}

}  // namespace vigil::cli
