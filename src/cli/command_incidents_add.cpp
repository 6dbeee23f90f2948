#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/incident_store.hpp"

namespace vigil::cli {

namespace {

struct AddArgs {
  WorkspaceOptions ws;
  std::string rule = "manual";
  std::string time, end;
  double lat = 0, lon = 0;
  std::string note;
  std::vector<std::string> evidence, entities;
  std::string severity = "medium";
  double confidence = 1.0;
  std::string by;
};

}  // namespace

void add_incidents_add_command(CLI::App* incidents, Runner& run) {
  auto* cmd = incidents->add_subcommand(
      "add", "Record an incident by hand; prints its id. The record is signed into the log.");
  auto args = std::make_shared<AddArgs>();
  add_workspace_options(cmd, args->ws, true);
  cmd->add_option("--rule", args->rule, "Rule id (default: manual)");
  cmd->add_option("--time", args->time, "When it started (RFC 3339)")->required();
  cmd->add_option("--end", args->end, "When it ended (default: --time)");
  cmd->add_option("--lat", args->lat, "Latitude, WGS84 degrees")
      ->required()
      ->check(CLI::Range(-90.0, 90.0));
  cmd->add_option("--lon", args->lon, "Longitude, WGS84 degrees")
      ->required()
      ->check(CLI::Range(-180.0, 180.0));
  cmd->add_option("--note", args->note, "What the analyst saw")->required();
  cmd->add_option("--evidence", args->evidence, "Observation id that supports it (repeatable)");
  cmd->add_option("--entity", args->entities, "Entity involved, e.g. mmsi:273274000 (repeatable)");
  cmd->add_option("--severity", args->severity, "info, low, medium (default), high, critical")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  cmd->add_option("--confidence", args->confidence, "0..1 (default 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--by", args->by, "Analyst name (default: $USER)");
  cmd->callback([&run, args] {
    run = [args] {
      Incident incident;
      incident.rule = args->rule;
      incident.start = parse_time_option("--time", args->time);
      incident.end = args->end.empty() ? incident.start : parse_time_option("--end", args->end);
      incident.lat = args->lat;
      incident.lon = args->lon;
      incident.severity = parse_severity(args->severity).value_or(Severity::medium);
      incident.confidence = args->confidence;
      incident.entities = args->entities;
      incident.evidence = args->evidence;
      incident.attributes = {{"note", args->note}};
      incident.recorded_by = args->by.empty() ? default_actor() : args->by;
      incident.recorded_at = now();
      normalise(incident);
      incident.id = derive_recorded_incident_id(incident);
      store::Workspace ws(args->ws.paths());
      store::IncidentWriter writer(ws);
      const auto logged = writer.add(std::move(incident));
      writer.commit();
      fmt::print("{}\n", logged.id);
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
