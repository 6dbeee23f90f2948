#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/incident_store.hpp"

namespace vigil::cli {

namespace {

struct ReviewArgs {
  WorkspaceOptions ws;
  std::string id;
  std::string status;
  std::string by;
  std::string note;
};

}  // namespace

void add_incidents_review_command(CLI::App* incidents, Runner& run) {
  auto* cmd = incidents->add_subcommand(
      "review",
      "Confirm or dismiss an incident. The review is a new signed log record; the "
      "incident itself never changes.");
  auto args = std::make_shared<ReviewArgs>();
  add_workspace_options(cmd, args->ws, true);
  cmd->add_option("id", args->id, "Incident id")->required();
  cmd->add_option("--status", args->status, "confirmed or dismissed")
      ->required()
      ->check(CLI::IsMember({"confirmed", "dismissed"}));
  cmd->add_option("--by", args->by, "Reviewer name")->required();
  cmd->add_option("--note", args->note, "Why")->required();
  cmd->callback([&run, args] {
    run = [args] {
      Review review{args->id, parse_status(args->status).value_or(IncidentStatus::confirmed),
                    args->by, args->note, now()};
      store::Workspace ws(args->ws.paths());
      store::IncidentWriter writer(ws);
      const auto seq = writer.review(review);
      writer.commit();
      fmt::print("{} {} (log record {})\n", args->id, args->status, seq);
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
