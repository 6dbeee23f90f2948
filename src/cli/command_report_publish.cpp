// vigil report publish: freezes the day's report for observers, sealed in the log.
#include <fmt/format.h>

#include "common.hpp"
#include "vigil/report/daily_report.hpp"

namespace vigil::cli {
namespace {

struct PublishArgs {
  WorkspaceOptions ws;
  std::string date;
  std::string note;
  std::string by;
};

}  // namespace

void add_report_publish_command(CLI::App* report, Runner& run) {
  auto* cmd = report->add_subcommand(
      "publish",
      "Publish the day's report as it stands: Markdown, HTML and map are frozen, their digests "
      "signed into the log, and observers can read them. Prints the publication's id.");
  auto args = std::make_shared<PublishArgs>();
  add_workspace_options(cmd, args->ws, true);
  cmd->add_option("--date", args->date, "The day (YYYY-MM-DD, UTC)")->required();
  cmd->add_option("--note", args->note, "A word for the readers (optional)");
  cmd->add_option("--by", args->by, "Who publishes (default: $USER)");
  cmd->callback([&run, args] {
    parse_time_option("--date", args->date);
    run = [args] {
      store::Workspace ws(args->ws.paths());
      store::PublishedReport published;
      try {
        published = report::publish_daily_report(ws, args->date, args->note,
                                                 args->by.empty() ? default_actor() : args->by);
      } catch (const std::exception& e) {
        fmt::print(stderr, "{}\n", e.what());
        return kExitRejected;
      }
      fmt::print("{}\n", published.id);
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
