// vigil sensors declare|show: the mission's cameras, patrols and UAV flights, for coverage.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/sensor_store.hpp"

namespace vigil::cli {
namespace {

struct DeclareArgs {
  WorkspaceOptions ws;
  std::string file;
  std::string by;
};

int run_declare(const DeclareArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) throw std::runtime_error(args.file + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  ceasefire::SensorDeclaration sensors;
  try {
    sensors = ceasefire::parse_sensor_declaration(text.str(), args.file);
  } catch (const ceasefire::SensorError& e) {
    fmt::print(stderr, "{}\nnothing was declared.\n", e.what());
    return kExitRejected;
  }
  store::Workspace ws(args.ws.paths());
  const auto id =
      store::store_sensors(ws, sensors, args.file, args.by.empty() ? default_actor() : args.by);
  fmt::print(stderr, "sensor declaration {}: {} cameras, {} patrols, {} UAV flights\n", id,
             sensors.cameras.size(), sensors.patrols.size(), sensors.uav_flights.size());
  return kExitOk;
}

int run_show(const WorkspaceOptions& options) {
  store::Workspace ws(options.paths());
  const auto stored = store::current_sensors(ws);
  if (!stored) {
    fmt::print(stderr, "no sensors declared (vigil sensors declare FILE)\n");
    return kExitRejected;
  }
  fmt::print("{:<14} {:<8} {:>10} {:>11} {:>8} {:>8}\n", "sensor", "kind", "lat", "lon", "reach_km",
             "fov_deg");
  for (const auto& c : stored->sensors.cameras)
    fmt::print("{:<14} {:<8} {:>10.5f} {:>11.5f} {:>8g} {:>8g}\n", c.id, "camera", c.at.lat,
               c.at.lon, c.range_m / 1000, c.fov_deg);
  for (const auto& p : stored->sensors.patrols)
    fmt::print("{:<14} {:<8} {:>10} {:>11} {:>8g} {:>8}\n", p.entity, "patrol", "-", "-",
               p.reach_m / 1000, "-");
  for (const auto& u : stored->sensors.uav_flights)
    fmt::print("{:<14} {:<8} {:>10} {:>11} {:>8g} {:>8}\n", u.entity, "uav", "-", "-",
               u.reach_m / 1000, "-");
  return kExitOk;
}

}  // namespace

void add_sensors_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "sensors", "The mission's declared cameras, patrols and UAV flights (for coverage).");
  cmd->require_subcommand(1);
  auto* declare = cmd->add_subcommand(
      "declare",
      "Store a sensor declaration (JSON: cameras with place, range and field of view; patrols "
      "with their sight; UAV flights with their swath), sealed in the log; the latest is in "
      "force.");
  auto da = std::make_shared<DeclareArgs>();
  add_workspace_options(declare, da->ws, true);
  declare->add_option("file", da->file, "The declaration (JSON)")->required();
  declare->add_option("--by", da->by, "Who declares them (default: $USER)");
  declare->callback([&run, da] { run = [da] { return run_declare(*da); }; });

  auto* show = cmd->add_subcommand("show", "List the sensors in force.");
  auto sa = std::make_shared<WorkspaceOptions>();
  add_workspace_options(show, *sa, false);
  show->callback([&run, sa] { run = [sa] { return run_show(*sa); }; });
}

}  // namespace vigil::cli
