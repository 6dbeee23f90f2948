#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/simulate/maritime_simulation.hpp"

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
}

}  // namespace vigil::cli
