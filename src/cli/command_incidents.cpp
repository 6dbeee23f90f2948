#include <iostream>

#include "listing_options.hpp"
#include "vigil/gis/feature_file.hpp"
#include "vigil/report/palette.hpp"
#include "vigil/store/incident_store.hpp"

namespace vigil::cli {

void add_incidents_add_command(CLI::App* incidents, Runner& run);
void add_incidents_review_command(CLI::App* incidents, Runner& run);
void add_incidents_show_command(CLI::App* incidents, Runner& run);

namespace {

struct IncidentArgs {
  ListingOptions listing;
  std::vector<std::string> rules, statuses, entities;
  double min_confidence = -1;
};

}  // namespace

void add_incidents_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "incidents",
      "List incidents (with no subcommand), or add, review or show one. An incident overlaps "
      "--from/--to when it ends at or after --from and starts before --to.");
  cmd->require_subcommand(0, 1);
  auto args = std::make_shared<IncidentArgs>();
  args->listing.add_to(cmd);
  // The workspace option is also declared by each subcommand; here it is needed only to list.
  cmd->get_option("--workspace")->required(false);
  cmd->add_option("--rule", args->rules, "Only these rules (repeatable)");
  cmd->add_option("--status", args->statuses, "Only these statuses: open, confirmed, dismissed")
      ->check(CLI::IsMember({"open", "confirmed", "dismissed"}));
  cmd->add_option("--entity", args->entities, "Only incidents involving these entities");
  cmd->add_option("--min-confidence", args->min_confidence, "Only at least this confidence")
      ->check(CLI::Range(0.0, 1.0));
  add_incidents_add_command(cmd, run);
  add_incidents_review_command(cmd, run);
  add_incidents_show_command(cmd, run);
  cmd->callback([&run, args, cmd] {
    if (cmd->get_subcommands().size() > 0) return;
    if (args->listing.ws.path.empty()) throw CLI::RequiredError("--workspace");
    run = [args] {
      const ListingOptions& l = args->listing;
      store::IncidentFilter filter;
      filter.from = l.from_time();
      filter.to = l.to_time();
      filter.bbox = l.box();
      filter.rules = args->rules;
      filter.statuses = args->statuses;
      filter.entities = args->entities;
      if (args->min_confidence >= 0) filter.min_confidence = args->min_confidence;
      filter.limit = l.row_limit();
      store::Workspace ws(l.ws.paths());
      if (!l.output.empty()) {
        gis::Layer layer{"incidents", {}, {}};
        store::for_each_incident(ws, filter, [&](const store::StoredIncident& row) {
          layer.records.push_back(
              view::to_json(row.incident, row.status, row.log_seq, row.log_hash));
          const auto& place = layer.records.back()["place"];
          layer.titles.push_back(report::rule_label(row.incident.rule) +
                                 (place.is_string() ? ", " + place.get<std::string>() : ""));
          return true;
        });
        gis::write_feature_file(l.output, gis::format_of_path(l.output), layer);
        std::cerr << "wrote " << layer.records.size() << " incidents to " << l.output << '\n';
        return kExitOk;
      }
      view::RecordOutput out(std::cout, l.output_format(), view::incident_columns());
      store::for_each_incident(ws, filter, [&](const store::StoredIncident& row) {
        out.write(view::to_json(row.incident, row.status, row.log_seq, row.log_hash));
        return static_cast<bool>(std::cout);
      });
      out.finish();
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
