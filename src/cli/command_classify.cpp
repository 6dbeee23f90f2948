// vigil classify: side, distance to the line, zones and sector of each input point.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/ceasefire/classifier.hpp"
#include "vigil/ceasefire/points.hpp"
#include "vigil/io/text_escape.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::cli {
namespace {

using io::append_csv_cell;
using io::append_json_string;

struct ClassifyArgs {
  WorkspaceOptions ws;
  std::string line;
  std::string date;
  std::string settlement;
  std::string file = "-";
  std::string format = "jsonl";
  bool quiet = false;
};

}  // namespace

void report_reclassified(std::uint64_t count) {
  if (count > 0)
    fmt::print(stderr, "{} ceasefire observations classified against the line in force\n", count);
}

LineSides line_sides(store::Workspace& ws, const std::string& line_name) {
  LineSides sides;
  const auto stored = store::current_settlement(ws);
  if (!stored || (!line_name.empty() && stored->line != line_name)) return sides;
  for (const auto& party : stored->settlement.parties) {
    if (party.side == ceasefire::LineSide::inside) sides.inside = party.id;
    if (party.side == ceasefire::LineSide::outside) sides.outside = party.id;
  }
  if (stored->regions)
    sides.regions =
        ceasefire::named_regions(*stored->regions, stored->settlement.sectors.name_property);
  return sides;
}

ceasefire::Classifier load_classifier(store::Workspace& ws, const std::string& line_name,
                                      const std::string& date, const std::string& settlement_file) {
  std::optional<ceasefire::Settlement> settlement;
  std::optional<geo::GeometryFile> regions;
  std::string line = line_name;
  if (!settlement_file.empty()) {
    settlement = ceasefire::read_settlement(settlement_file);
    if (!settlement->sectors.regions_file.empty())
      regions = geo::read_geojson_geometry(settlement->sectors.regions_file);
  } else if (auto stored = store::current_settlement(ws)) {
    settlement = std::move(stored->settlement);
    regions = std::move(stored->regions);
    if (line.empty()) line = stored->line;
  } else {
    throw ceasefire::SettlementError(
        "no settlement: build the zones first (vigil zones build --settlement FILE) or give "
        "--settlement FILE");
  }
  auto [version, contact] = store::load_line(ws, line, date);
  return ceasefire::Classifier(std::move(contact), std::move(*settlement),
                               regions ? &*regions : nullptr);
}

namespace {

int run_classify(const ClassifyArgs& args) {
  store::Workspace ws(args.ws.paths());
  std::optional<ceasefire::Classifier> classifier;
  try {
    classifier.emplace(load_classifier(ws, args.line, args.date, args.settlement));
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  const auto& parties = classifier->settlement().parties;
  const auto& zones = classifier->zones();
  const auto& sectors = classifier->sectors();
  const bool csv = args.format == "csv";
  std::string out;
  if (csv) out.append("id,side,distance_m,zones,sector\n");
  const auto flush = [&](bool force) {
    if (!force && out.size() < (1 << 20)) return;
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  const auto started = std::chrono::steady_clock::now();
  const auto stats = ceasefire::read_points(
      args.file,
      [&](const ceasefire::InputPoint& p) {
        const auto c = classifier->classify(p.at);
        const std::string_view side =
            c.side >= 0 ? std::string_view(parties[static_cast<std::size_t>(c.side)].id) : "";
        const std::string_view sector = c.sector != ceasefire::Classification::kNoSector
                                            ? std::string_view(sectors[c.sector])
                                            : "";
        if (csv) {
          append_csv_cell(out, p.id);
          fmt::format_to(std::back_inserter(out), ",{},{:.1f},", side, c.distance_m);
          bool first = true;
          std::string joined;
          for (std::size_t i = 0; i < zones.size(); ++i)
            if (c.in(i)) {
              if (!first) joined += ';';
              joined += zones[i].name;
              first = false;
            }
          append_csv_cell(out, joined);
          out.push_back(',');
          append_csv_cell(out, sector);
          out.push_back('\n');
        } else {
          out.append("{\"id\":");
          append_json_string(out, p.id);
          out.append(",\"side\":");
          if (c.side >= 0)
            append_json_string(out, side);
          else
            out.append("null");
          fmt::format_to(std::back_inserter(out), ",\"distance_m\":{:.1f},\"zones\":[",
                         c.distance_m);
          bool first = true;
          for (std::size_t i = 0; i < zones.size(); ++i)
            if (c.in(i)) {
              if (!first) out.push_back(',');
              append_json_string(out, zones[i].name);
              first = false;
            }
          out.append("],\"sector\":");
          if (sector.empty())
            out.append("null");
          else
            append_json_string(out, sector);
          out.append("}\n");
        }
        flush(false);
      },
      [&](const std::string& error) { fmt::print(stderr, "{}\n", error); });
  flush(true);
  std::fflush(stdout);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!args.quiet)
    fmt::print(stderr, "{} points classified in {:.2f} s ({:.0f} a second), {} rejected\n",
               stats.points, seconds, static_cast<double>(stats.points) / std::max(seconds, 1e-9),
               stats.rejected);
  return stats.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void add_classify_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "classify",
      "Classify points against a line of contact and its settlement: for each point, the "
      "party whose side it is on, the geodesic distance to the line, the zones it is in and "
      "the sector of the line it faces (JSON Lines or CSV).");
  auto args = std::make_shared<ClassifyArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("file", args->file,
                  "Points: JSON Lines (id, lat, lon), CSV with id,lat,lon or a GeoJSON "
                  "FeatureCollection of Points (default: stdin)");
  cmd->add_option("--line", args->line, "The line (default: the settlement's, or the only one)");
  cmd->add_option("--date", args->date, "Use the line version in force on this date (YYYY-MM-DD)");
  cmd->add_option("--settlement", args->settlement,
                  "A settlement file (default: the one built with zones build)");
  cmd->add_option("--format", args->format, "jsonl (default) or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  cmd->callback([&run, args] { run = [args] { return run_classify(*args); }; });
}

}  // namespace vigil::cli
