// vigil line show: one version of a line of contact, with who holds how much of the territory.
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/ceasefire/control_area.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::cli {
namespace {

struct LineShowArgs {
  WorkspaceOptions ws;
  std::string name;
  std::string date;
  std::string format = "table";
};

double rounded_1(double v) {
  return std::round(v * 10) / 10;
}

int run_line_show(const LineShowArgs& args) {
  store::Workspace ws(args.ws.paths());
  try {
    const auto [version, line] = store::load_line(ws, args.name, args.date);
    const auto format = view::parse_output_format(args.format).value_or(view::OutputFormat::table);
    nlohmann::json record = {{"name", version.name},
                             {"valid_from", version.valid_from},
                             {"method", version.method},
                             {"source", version.source},
                             {"parts", line.parts.size()},
                             {"length_km", rounded_1(version.length_m / 1000)},
                             {"imported_at", format_rfc3339(version.imported_at)},
                             {"imported_by", version.imported_by}};
    std::optional<ceasefire::ControlAreas> areas;
    LineSides sides;
    if (!line.control.empty()) {
      sides = line_sides(ws, version.name);
      areas = ceasefire::control_areas(line, sides.regions);
      record["area_km2"] = {{sides.inside, rounded_1(areas->inside_km2)},
                            {sides.outside, rounded_1(areas->outside_km2)},
                            {"territory", rounded_1(areas->territory_km2)}};
      nlohmann::json regions = nlohmann::json::array();
      for (const auto& r : areas->regions)
        regions.push_back({{"region", r.name},
                           {sides.inside + "_km2", rounded_1(r.inside_km2)},
                           {sides.outside + "_km2", rounded_1(r.outside_km2)}});
      if (!regions.empty()) record["regions"] = regions;
    }
    if (format != view::OutputFormat::table) {
      std::cout << record.dump() << '\n';
      return kExitOk;
    }
    fmt::print("line '{}' valid from {} ({}): {} part{}, {:.1f} km\n", version.name,
               version.valid_from, version.method, line.parts.size(),
               line.parts.size() == 1 ? "" : "s", version.length_m / 1000);
    fmt::print("source      {}\nimported    {} by {}\n", version.source,
               format_rfc3339(version.imported_at), version.imported_by);
    if (!areas) {
      fmt::print("a drawn line: it does not say who holds what\n");
      return kExitOk;
    }
    const auto share = [&](double km2) {
      return areas->territory_km2 > 0 ? fmt::format("{:5.1f} %", 100 * km2 / areas->territory_km2)
                                      : std::string();
    };
    fmt::print("\n{:<22}{:>12}  {}\n", "held by", "km²", "of the territory");
    // Without a settlement the sides have no names: the control area and the rest.
    const bool named = sides.inside != "inside";
    fmt::print("{:<22}{:>12.1f}  {}\n", named ? sides.inside + " (inside)" : "the control area",
               areas->inside_km2, share(areas->inside_km2));
    if (areas->territory_km2 > 0) {
      fmt::print("{:<22}{:>12.1f}  {}\n", named ? sides.outside + " (outside)" : "the rest",
                 areas->outside_km2, share(areas->outside_km2));
      fmt::print("{:<22}{:>12.1f}\n", "territory", areas->territory_km2);
    }
    if (areas->regions.empty()) return kExitOk;
    fmt::print("\n");
    view::RecordOutput out(std::cout, view::OutputFormat::table,
                           {{"region", 32},
                            {sides.inside + "_km2", 14},
                            {sides.outside + "_km2", 14},
                            {sides.inside + "_share", 14}});
    for (const auto& r : areas->regions) {
      const double whole = r.inside_km2 + r.outside_km2;
      out.write({{"region", r.name},
                 {sides.inside + "_km2", rounded_1(r.inside_km2)},
                 {sides.outside + "_km2", rounded_1(r.outside_km2)},
                 {sides.inside + "_share",
                  whole > 0 ? fmt::format("{:.1f} %", 100 * r.inside_km2 / whole) : ""}});
    }
    out.finish();
  } catch (const store::LineError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  return kExitOk;
}

}  // namespace

void add_line_show_command(CLI::App* line, Runner& run) {
  auto* show = line->add_subcommand(
      "show",
      "One version of a line: where it came from, its length and, for a line derived from a "
      "control map, the area each side holds (geodesic km², per region of the settlement).");
  auto args = std::make_shared<LineShowArgs>();
  add_workspace_options(show, args->ws, false);
  show->add_option("--name", args->name, "The line (default: the only one)");
  show->add_option("--date", args->date, "The version in force on this date (default: the latest)");
  show->add_option("--format", args->format, "table (default) or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));
  show->callback([&run, args] { run = [args] { return run_line_show(*args); }; });
}

}  // namespace vigil::cli
