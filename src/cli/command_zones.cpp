// vigil zones build|export: a settlement's zones along a line of contact.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/ceasefire/zone_geometry.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::cli {
namespace {

struct BuildArgs {
  WorkspaceOptions ws;
  std::string settlement;
  std::string line;
  std::string by;
};

struct ZonesExportArgs {
  WorkspaceOptions ws;
  std::string line;
  std::string date;
  std::string out;
};

int run_build(const BuildArgs& args) {
  store::Workspace ws(args.ws.paths());
  try {
    auto settlement = ceasefire::read_settlement(args.settlement);
    std::optional<geo::GeometryFile> regions;
    if (!settlement.sectors.regions_file.empty())
      regions = geo::read_geojson_geometry(settlement.sectors.regions_file);
    // Check it against every version of the line before storing anything.
    auto [version, line] = store::load_line(ws, args.line, "");
    const ceasefire::Classifier classifier(line, settlement, regions ? &*regions : nullptr);
    const auto id =
        store::store_settlement(ws, version.name, settlement, regions ? &*regions : nullptr,
                                args.by.empty() ? default_actor() : args.by);
    fmt::print(stderr, "settlement '{}' (build {}) for line '{}': {} zones, {} sectors\n",
               settlement.name, id, version.name, classifier.zones().size(),
               classifier.sectors().size());
    for (const auto& zone : classifier.zones())
      fmt::print(stderr, "  {}{}\n", zone.name,
                 zone.width_m > 0 ? fmt::format(": {:g} km", zone.width_m / 1000) : "");
    for (const auto& area : ceasefire::stranded_disengagement_areas(classifier))
      fmt::print(stderr,
                 "warning: disengagement area {} lies wholly on {}'s side, {:.1f} km from the "
                 "line of {} at its nearest: the line has left it behind\n",
                 area.name, area.side, area.distance_m / 1000, version.valid_from);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\nnothing was built.\n", e.what());
    return kExitRejected;
  }
  report_reclassified(detect::classify_stored_observations(ws));
  return kExitOk;
}

int run_zones_export(const ZonesExportArgs& args) {
  store::Workspace ws(args.ws.paths());
  try {
    const auto classifier = load_classifier(ws, args.line, args.date, "");
    const auto doc = ceasefire::zone_features(classifier);
    write_text_output(args.out, doc.dump() + '\n');
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  return kExitOk;
}

}  // namespace

void add_zones_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("zones", "A settlement's zones along a line of contact.");
  cmd->require_subcommand(1);
  auto* build = cmd->add_subcommand(
      "build",
      "Check a settlement file against a line of contact and store it in the workspace: the "
      "zones, sectors and disengagement areas classify and detect use.");
  auto ba = std::make_shared<BuildArgs>();
  add_workspace_options(build, ba->ws, true);
  build->add_option("--settlement", ba->settlement, "The settlement file (JSON)")->required();
  build->add_option("--line", ba->line, "The line it applies to (default: the only one)");
  build->add_option("--by", ba->by, "Who builds the zones (default: $USER)");
  build->callback([&run, ba] { run = [ba] { return run_build(*ba); }; });

  auto* exp = cmd->add_subcommand(
      "export", "Write the line, the zones and the disengagement areas as GeoJSON polygons.");
  auto ea = std::make_shared<ZonesExportArgs>();
  add_workspace_options(exp, ea->ws, false);
  exp->add_option("--line", ea->line, "The line (default: the settlement's)");
  exp->add_option("--date", ea->date, "The line version in force on this date (default: latest)");
  exp->add_option("-o,--out", ea->out, "Output file (default: stdout)");
  exp->callback([&run, ea] { run = [ea] { return run_zones_export(*ea); }; });
}

}  // namespace vigil::cli
