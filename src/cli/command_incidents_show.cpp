#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/view/record_views.hpp"

namespace vigil::cli {

namespace {

struct ShowArgs {
  WorkspaceOptions ws;
  std::string id;
};

}  // namespace

void add_incidents_show_command(CLI::App* incidents, Runner& run) {
  auto* cmd = incidents->add_subcommand(
      "show", "Print one incident as JSON with its evidence observations and review history");
  auto args = std::make_shared<ShowArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("id", args->id, "Incident id")->required();
  cmd->callback([&run, args] {
    run = [args] {
      store::Workspace ws(args->ws.paths());
      const auto found = store::find_incident(ws, args->id);
      if (!found) {
        fmt::print(stderr, "vigil: no incident with id '{}'\n", args->id);
        return kExitError;
      }
      nlohmann::json out =
          view::to_json(found->incident, found->status, found->log_seq, found->log_hash);
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& id : found->incident.evidence)
        if (const auto obs = store::find_observation(ws, id))
          evidence.push_back(view::to_json(*obs));
      out["evidence_observations"] = evidence;
      nlohmann::json reviews = nlohmann::json::array();
      for (const auto& r : store::reviews_of(ws, args->id))
        reviews.push_back(to_log_body(r));
      out["reviews"] = reviews;
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
