#include <iostream>

#include "listing_options.hpp"
#include "vigil/gis/feature_file.hpp"

namespace vigil::cli {

namespace {

struct ObservationArgs {
  ListingOptions listing;
  std::vector<std::string> kinds, sources, entities;
};

}  // namespace

void add_observations_command(CLI::App& app, Runner& run) {
  auto* cmd =
      app.add_subcommand("observations",
                         "List observations, in time order, filtered by time, place, kind, source "
                         "or entity. The jsonl output can be ingested again unchanged.");
  auto args = std::make_shared<ObservationArgs>();
  args->listing.add_to(cmd);
  cmd->add_option("--kind", args->kinds, "Only these kinds (repeatable)");
  cmd->add_option("--source", args->sources, "Only these sources (repeatable)");
  cmd->add_option("--entity", args->entities, "Only these entities (repeatable)");
  cmd->callback([&run, args] {
    run = [args] {
      const ListingOptions& l = args->listing;
      store::ObservationFilter filter{l.from_time(), l.to_time(),    l.box(),       args->kinds,
                                      args->sources, args->entities, l.row_limit(), {}};
      store::Workspace ws(l.ws.paths());
      if (!l.output.empty()) {
        gis::Layer layer{"observations", {}, {}};
        store::for_each_observation(ws, filter, [&](const store::StoredObservation& row) {
          layer.records.push_back(view::to_json(row.obs));
          layer.titles.push_back(row.obs.kind + " by " + row.obs.source);
          return true;
        });
        gis::write_feature_file(l.output, gis::format_of_path(l.output), layer);
        std::cerr << "wrote " << layer.records.size() << " observations to " << l.output << '\n';
        return kExitOk;
      }
      std::ios::sync_with_stdio(false);
      view::RecordOutput out(std::cout, l.output_format(), view::observation_columns());
      store::for_each_observation(ws, filter, [&](const store::StoredObservation& row) {
        out.write(view::to_json(row.obs));
        return static_cast<bool>(std::cout);
      });
      out.finish();
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
