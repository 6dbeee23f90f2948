// vigil coverage: the kilometres of line watched per sector in a period, the stretches
// nobody watched, and the declared sensors that reported nothing.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/report/workspace_coverage.hpp"
#include "vigil/store/sensor_store.hpp"

namespace vigil::cli {
namespace {

struct CoverageArgs {
  WorkspaceOptions ws;
  std::string date;
  double hours = 24;
  std::string line;
  std::string format = "table";
  std::size_t stretches = 20;
};

int run_coverage(const CoverageArgs& args) {
  store::Workspace ws(args.ws.paths());
  const auto from = parse_time_option("--date", args.date + "T00:00:00Z");
  const auto to = from + static_cast<Timestamp>(args.hours * 3.6e9);
  const auto sensors = store::current_sensors(ws);
  if (!sensors) {
    fmt::print(stderr, "no sensors declared (vigil sensors declare FILE)\n");
    return kExitRejected;
  }
  const auto classifier = load_classifier(ws, args.line, args.date, "");
  const auto c = report::workspace_coverage(ws, classifier, sensors->sensors, from, to);
  if (args.format == "json") {
    nlohmann::json gaps = nlohmann::json::array();
    for (const auto& g : c.unobserved)
      gaps.push_back({{"sector", g.sector},
                      {"from", {g.from.lat, g.from.lon}},
                      {"to", {g.to.lat, g.to.lon}},
                      {"length_km", g.length_m / 1000}});
    auto out = report::coverage_summary_json(c);
    out["date"] = args.date;
    out["hours"] = args.hours;
    out["unobserved"] = std::move(gaps);
    fmt::print("{}\n", out.dump());
    return kExitOk;
  }
  fmt::print("{:.1f} of {:.1f} km of line observed ({:.0f}%) from {} for {:g} h\n",
             c.observed_m / 1000, c.line_m / 1000, 100 * c.observed_m / std::max(c.line_m, 1.0),
             args.date, args.hours);
  fmt::print("\n{:<32} {:>9} {:>11} {:>5}\n", "sector", "line_km", "observed_km", "%");
  for (const auto& [name, s] : c.sectors)
    fmt::print("{:<32} {:>9.1f} {:>11.1f} {:>5.0f}\n", name.empty() ? "(none)" : name,
               s.line_m / 1000, s.observed_m / 1000, 100 * s.observed_m / std::max(s.line_m, 1.0));
  fmt::print("\n{} unobserved stretches of at least 1 km; the longest:\n", c.unobserved.size());
  for (std::size_t i = 0; i < c.unobserved.size() && i < args.stretches; ++i) {
    const auto& g = c.unobserved[i];
    fmt::print("  {:>6.1f} km  {:<28} {:.4f},{:.4f} to {:.4f},{:.4f}\n", g.length_m / 1000,
               g.sector, g.from.lat, g.from.lon, g.to.lat, g.to.lon);
  }
  fmt::print("\n{} outages (declared, reported nothing)\n", c.outages.size());
  for (const auto& o : c.outages)
    fmt::print("  {:<8} {}\n", o.kind, o.sensor);
  return kExitOk;
}

}  // namespace

void add_coverage_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "coverage",
      "Kilometres of the line of contact observed per sector in a period (patrol tracks, UAV "
      "swaths, cameras' fields of view), the stretches nobody watched and the sensors that "
      "reported nothing.");
  auto args = std::make_shared<CoverageArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("--date", args->date, "The day (YYYY-MM-DD, UTC)")->required();
  cmd->add_option("--hours", args->hours, "Length of the period from the day's start")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 24.0 * 31));
  cmd->add_option("--line", args->line, "The line (default: the settlement's)");
  cmd->add_option("--format", args->format, "table or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--stretches", args->stretches, "Unobserved stretches to list")
      ->capture_default_str();
  cmd->callback([&run, args] { run = [args] { return run_coverage(*args); }; });
}

}  // namespace vigil::cli
