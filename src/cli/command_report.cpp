// vigil report: the daily report of the ceasefire mission, with its map.
#include <filesystem>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/report/daily_report.hpp"

namespace vigil::cli {
namespace {

struct ReportArgs {
  WorkspaceOptions ws;
  std::string date;
  std::string format = "md";
  std::string out;
  std::string map;
};

int run_report(const ReportArgs& args) {
  store::Workspace ws(args.ws.paths());
  report::DailyReport r;
  try {
    r = report::gather_daily_report(ws, args.date);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  if (!args.out.empty() && args.out != "-" &&
      !std::filesystem::path(args.out).parent_path().empty())
    std::filesystem::create_directories(std::filesystem::path(args.out).parent_path());
  if (args.format == "html") {
    write_text_output(args.out, report::render_html(r));
    return kExitOk;
  }
  if (args.format == "pdf") {
    write_text_output(args.out, report::render_pdf(r));
    return kExitOk;
  }
  // Markdown links its map, written beside the report (or where --map says).
  std::string map = args.map;
  if (map.empty() && !args.out.empty() && args.out != "-")
    map = std::filesystem::path(args.out).replace_extension(".svg").string();
  if (!map.empty()) write_text_output(map, report::render_map_svg(r));
  const std::string href =
      map.empty() || args.out.empty() || args.out == "-"
          ? map
          : std::filesystem::path(map)
                .lexically_relative(std::filesystem::path(args.out).parent_path().empty()
                                        ? std::filesystem::path(".")
                                        : std::filesystem::path(args.out).parent_path())
                .string();
  write_text_output(args.out, report::render_markdown(r, href));
  return kExitOk;
}

}  // namespace

void add_report_publish_command(CLI::App* report, Runner& run);
void add_report_published_command(CLI::App* report, Runner& run);

void add_report_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "report",
      "The daily report of the ceasefire mission: violations per sector compared with the day "
      "before, weapons in violation of withdrawal lines, disengagement areas, crossings, "
      "coverage and outages, the incidents with their evidence, and a map (SVG). With "
      "`publish`, freezes it for observers; `published` lists and shows what was published.");
  cmd->require_subcommand(0, 1);
  auto args = std::make_shared<ReportArgs>();
  add_workspace_options(cmd, args->ws, false);
  // Both are declared by the subcommands too; here they are needed only for the report itself.
  cmd->get_option("--workspace")
      ->required(false)
      ->description(
          "Workspace file (SQLite); required for the report (publish and published "
          "take their own)");
  cmd->add_option("--date", args->date,
                  "The day (YYYY-MM-DD, UTC); required for the report (not for publish and "
                  "published)");
  cmd->add_option("--format", args->format,
                  "md, html or pdf (html and pdf have the map in them; md links it)")
      ->capture_default_str()
      ->check(CLI::IsMember({"md", "html", "pdf"}));
  cmd->add_option("-o,--out", args->out, "Output file (default: stdout)");
  cmd->add_option("--map", args->map,
                  "Where Markdown's map goes (default: beside --out, as .svg; none on stdout)");
  add_report_publish_command(cmd, run);
  add_report_published_command(cmd, run);
  cmd->callback([&run, args, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    if (args->ws.path.empty()) throw CLI::RequiredError("--workspace");
    if (args->date.empty()) throw CLI::RequiredError("--date");
    run = [args] { return run_report(*args); };
  });
}

}  // namespace vigil::cli
