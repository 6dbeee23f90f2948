#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/simulate/ceasefire_simulation.hpp"
#include "vigil/simulate/maritime_simulation.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::cli {
namespace {

struct SimulateArgs {
  simulate::MaritimeOptions options;
  std::string start;
  std::string out;
};

int run_simulate_maritime(SimulateArgs args) {
  if (!args.start.empty()) args.options.start = parse_time_option("--start", args.start);
  maritime::GeographyOptions where;
  const auto geography = maritime::load_geography(where);
  std::filesystem::create_directories(args.out);
  const auto nmea_path = (std::filesystem::path(args.out) / "ais.nmea").string();
  const auto truth_path = (std::filesystem::path(args.out) / "truth.jsonl").string();
  std::ofstream nmea(nmea_path, std::ios::binary | std::ios::trunc);
  std::ofstream truth(truth_path, std::ios::binary | std::ios::trunc);
  if (!nmea || !truth) throw std::runtime_error("cannot write to " + args.out);
  std::vector<char> buffer(1 << 20);
  nmea.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  const auto summary =
      simulate::simulate_maritime(args.options, *geography.land, geography.places, nmea, truth);
  nmea.flush();
  truth.flush();
  if (!nmea || !truth) throw std::runtime_error("cannot write to " + args.out);
  fmt::print("{}: {} sentences ({} position reports, {} static reports) of {} vessels\n", nmea_path,
             summary.sentences, summary.position_reports, summary.static_reports, summary.vessels);
  std::uint32_t planted = 0;
  for (const auto& [rule, n] : summary.planted)
    planted += n;
  fmt::print("{}: {} planted events\n", truth_path, planted);
  for (const auto& [rule, n] : summary.planted)
    fmt::print("{:>8}  {}\n", n, rule);
  return kExitOk;
}

struct SimulateCeasefireArgs {
  simulate::CeasefireOptions options;
  WorkspaceOptions ws;
  std::string line;
  std::string start;
  std::string out;
};

int run_simulate_ceasefire(SimulateCeasefireArgs args) {
  if (!args.start.empty()) args.options.start = parse_time_option("--start", args.start);
  store::Workspace ws(args.ws.paths());
  if (args.start.empty()) {
    // The default day needs a line in force; else the day the latest version took effect.
    const auto settled = store::current_settlement_id(ws);
    const std::string line = args.line.empty() && settled ? settled->second : args.line;
    std::string latest;
    for (const auto& v : store::line_versions(ws))
      if (line.empty() || v.name == line) latest = std::max(latest, v.valid_from);
    if (!latest.empty() && latest > format_rfc3339(args.options.start).substr(0, 10)) {
      args.options.start = *parse_rfc3339(latest + "T00:00:00Z");
      fmt::print(stderr,
                 "no --start: simulating {}, when the latest version of the line took "
                 "effect\n",
                 latest);
    }
  }
  const auto classifier =
      load_classifier(ws, args.line, format_rfc3339(args.options.start).substr(0, 10), "");
  std::filesystem::create_directories(args.out);
  const auto dir = std::filesystem::path(args.out);
  std::ofstream observations(dir / "observations.jsonl", std::ios::binary | std::ios::trunc);
  std::ofstream truth(dir / "truth.jsonl", std::ios::binary | std::ios::trunc);
  std::ofstream sensors(dir / "sensors.json", std::ios::binary | std::ios::trunc);
  if (!observations || !truth || !sensors) throw std::runtime_error("cannot write to " + args.out);
  const auto summary =
      simulate::simulate_ceasefire(args.options, classifier, observations, truth, sensors);
  observations.flush();
  truth.flush();
  sensors.flush();
  if (!observations || !truth || !sensors) throw std::runtime_error("cannot write to " + args.out);
  fmt::print("{}: {} observations ({} patrol and UAV positions)\n",
             (dir / "observations.jsonl").string(), summary.observations,
             summary.monitor_positions);
  fmt::print("{}: {} cameras, {} patrols, {} UAV flights declared\n",
             (dir / "sensors.json").string(), summary.cameras, args.options.patrols,
             args.options.uav_flights);
  std::uint32_t planted = 0;
  for (const auto& [rule, n] : summary.planted)
    planted += n;
  fmt::print("{}: {} planted violations\n", (dir / "truth.jsonl").string(), planted);
  for (const auto& [rule, n] : summary.planted)
    fmt::print("{:>8}  {}\n", n, rule);
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("simulate", "Generate realistic test data with known truth");
  cmd->require_subcommand(1);
  auto args = std::make_shared<SimulateArgs>();
  auto* maritime = cmd->add_subcommand(
      "maritime",
      "AIS NMEA of vessels on sea routes with planted encounters, gaps, dark encounters, "
      "loitering, port calls at Russian oil terminals, identity changes and spoofing; writes "
      "ais.nmea and truth.jsonl");
  maritime->add_option("--seed", args->options.seed, "Random seed")->capture_default_str();
  maritime->add_option("--vessels", args->options.vessels, "Vessels (at least 60)")
      ->capture_default_str()
      ->check(CLI::Range(60u, 2'000'000u));
  maritime->add_option("--hours", args->options.hours, "Simulated hours (at least 24)")
      ->capture_default_str()
      ->check(CLI::Range(24.0, 24.0 * 60));
  maritime->add_option("--start", args->start, "Start time (default 2025-03-01T00:00:00Z)");
  maritime
      ->add_option("--interval", args->options.report_interval_s,
                   "Seconds between a vessel's position reports")
      ->capture_default_str()
      ->check(CLI::Range(2.0, 3600.0));
  maritime
      ->add_option("--static-interval", args->options.static_interval_s,
                   "Seconds between a vessel's static and voyage reports")
      ->capture_default_str()
      ->check(CLI::Range(60.0, 86400.0));
  maritime->add_option("--out", args->out, "Output directory")->required();
  maritime->callback([args, &run] { run = [args] { return run_simulate_maritime(*args); }; });

  auto cf = std::make_shared<SimulateCeasefireArgs>();
  auto* ceasefire = cmd->add_subcommand(
      "ceasefire",
      "A day of monitor reports along the workspace's line of contact (patrols, cameras, UAV "
      "flights, acoustic sensors): fire, weapons inside and outside their withdrawal zones, "
      "forces in disengagement areas, crossings, noise; each violation reported by one to "
      "three sources. Needs vigil zones build. Writes observations.jsonl, truth.jsonl and "
      "sensors.json");
  add_workspace_options(ceasefire, cf->ws, true);
  ceasefire->add_option("--line", cf->line, "Line (default: the settlement's)");
  ceasefire->add_option("--seed", cf->options.seed, "Random seed")->capture_default_str();
  ceasefire->add_option("--start", cf->start,
                        "Start time (default 2025-02-21T00:00:00Z, or the day the line's latest "
                        "version took effect if that is later)");
  ceasefire->add_option("--hours", cf->options.hours, "Simulated hours")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 24.0 * 31));
  ceasefire->add_option("--out", cf->out, "Output directory")->required();
  ceasefire->callback([cf, &run] { run = [cf] { return run_simulate_ceasefire(*cf); }; });
}

}  // namespace vigil::cli
