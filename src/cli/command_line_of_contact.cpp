// vigil line import|list|export: lines of contact, versioned by date.
#include <fstream>
#include <iostream>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/ceasefire/control_area.hpp"
#include "vigil/ceasefire/control_map.hpp"
#include "vigil/ceasefire/line_diff.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::cli {

void add_line_show_command(CLI::App* line, Runner& run);

namespace {

struct ImportArgs {
  WorkspaceOptions ws;
  std::string name;
  std::string valid_from;
  std::string file;
  std::vector<std::string> from_control;
  std::string within;
  std::vector<std::string> where;
  double sliver_width_m = ceasefire::kDefaultSliverWidthM;
  ceasefire::DerivationOptions derivation;
  std::string by;
};

struct LineListArgs {
  WorkspaceOptions ws;
  std::string format = "table";
  bool areas = false;
};

struct DiffArgs {
  WorkspaceOptions ws;
  std::string name;
  std::string from, to;
  std::string format = "table";
};

struct LineExportArgs {
  WorkspaceOptions ws;
  std::string name;
  std::string date;
  std::string out;
};

void print_warnings(const geo::GeometryFile& file) {
  for (const auto& w : file.warnings)
    fmt::print(stderr, "warning: {}\n", w);
}

int run_import(const ImportArgs& args) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(args.valid_from, date)) {
    fmt::print(stderr, "--valid-from: '{}' is not a date (YYYY-MM-DD)\n", args.valid_from);
    return kExitUsage;
  }
  if (args.file.empty() == args.from_control.empty()) {
    fmt::print(stderr, "give either a line FILE or --from-control POLYGONS --within BOUNDARY\n");
    return kExitUsage;
  }
  if (!args.where.empty() && args.from_control.empty()) {
    fmt::print(stderr,
               "--where chooses the polygons of a control map: give it with --from-control\n");
    return kExitUsage;
  }
  std::vector<ceasefire::FeatureFilter> filters;
  try {
    for (const auto& w : args.where)
      filters.push_back(ceasefire::FeatureFilter::parse(w));
  } catch (const ceasefire::ControlMapError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitUsage;
  }
  const ceasefire::FeatureSelection selection(std::move(filters));
  ceasefire::ContactLine line;
  store::LineVersion version;
  version.name = args.name;
  version.valid_from = args.valid_from;
  try {
    if (!args.file.empty()) {
      const auto file = geo::read_geojson_geometry(args.file);
      print_warnings(file);
      line.parts = file.all_lines();
      if (line.parts.empty())
        throw geo::GeometryError(args.file + ": no LineString or MultiLineString");
      version.method = "geojson";
      version.source = args.file;
    } else {
      if (args.within.empty()) {
        fmt::print(stderr, "--from-control needs --within BOUNDARY (the country's polygons)\n");
        return kExitUsage;
      }
      std::vector<geo::GeometryFile> maps;
      for (const auto& path : args.from_control) {
        maps.push_back(geo::read_geojson_geometry(path));
        print_warnings(maps.back());
      }
      const std::string control = fmt::format("{}", fmt::join(args.from_control, " + "));
      const auto boundary = geo::read_geojson_geometry(args.within);
      print_warnings(boundary);
      if (boundary.all_rings().empty())
        throw geo::GeometryError(args.within + ": no Polygon or MultiPolygon");
      const auto selected = ceasefire::select_control(maps, selection, args.sliver_width_m);
      for (std::size_t i = 0; i < maps.size(); ++i)
        if (selected.layers[i].mixed())
          fmt::print(stderr, "{}: polygons by '{}'{}:\n{}", maps[i].path, selected.layers[i].key,
                     selection.empty() ? "" : " (* selected)",
                     ceasefire::describe_layers(selected.layers[i]));
      fmt::print(stderr, "{}: {} polygon feature{}{}{} dissolved into {} polygon{}, {:.0f} km²{}\n",
                 control, selected.features, selected.features == 1 ? "" : "s",
                 selection.empty() ? "" : " where " + selection.describe(),
                 selected.skipped == 0 ? "" : fmt::format(" ({} left out)", selected.skipped),
                 selected.area.size(), selected.area.size() == 1 ? "" : "s", selected.area_km2,
                 selected.slivers_filled == 0
                     ? std::string()
                     : fmt::format("; {} gap{} narrower than {:g} m between features closed",
                                   selected.slivers_filled, selected.slivers_filled == 1 ? "" : "s",
                                   args.sliver_width_m));
      ceasefire::DerivationReport report;
      line = ceasefire::derive_from_control(ceasefire::rings_of(selected.area),
                                            boundary.all_rings(), args.derivation, report);
      fmt::print(stderr,
                 "{}: {} rings, {} vertices; {:.1f} km along borders and coasts and {:.1f} km "
                 "outside {} left out; {} stretches shorter than {:.0f} m dropped\n",
                 control, report.control_rings, report.control_vertices, report.on_border_km,
                 report.outside_km, args.within, report.dropped_parts, args.derivation.min_part_m);
      if (line.parts.empty())
        throw geo::GeometryError(control + ": no line of contact inside " + args.within);
      version.method = "from-control";
      version.source = control + (selection.empty() ? "" : " where " + selection.describe()) +
                       " within " + args.within;
    }
  } catch (const geo::GeometryError& e) {
    fmt::print(stderr, "{}\nnothing was imported.\n", e.what());
    return kExitRejected;
  } catch (const ceasefire::ControlMapError& e) {
    fmt::print(stderr, "{}\nnothing was imported.\n", e.what());
    return kExitRejected;
  }
  version.length_m = line.length_m();
  version.imported_at = now();
  version.imported_by = args.by.empty() ? default_actor() : args.by;
  store::Workspace ws(args.ws.paths());
  try {
    if (const auto dropped = store::store_line(ws, version, line); dropped > 0)
      fmt::print(stderr,
                 "warning: {} ring{} of the control area narrower than the stored precision "
                 "(1e-7°) dropped: stored, {} would have no area\n",
                 dropped, dropped == 1 ? "" : "s", dropped == 1 ? "it" : "they");
  } catch (const store::LineError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  if (!line.control.empty() && !line.territory.empty()) {
    const auto areas = ceasefire::control_areas(line);
    fmt::print(stderr, "control area within {}: {:.1f} km² of {:.1f} km² ({:.1f} %)\n", args.within,
               areas.inside_km2, areas.territory_km2, 100 * areas.inside_km2 / areas.territory_km2);
  }
  fmt::print(stderr, "line '{}' valid from {}: {} parts, {} vertices, {:.1f} km\n", version.name,
             version.valid_from, line.parts.size(), line.vertices(), version.length_m / 1000);
  report_reclassified(detect::classify_stored_observations(ws));
  return kExitOk;
}

int run_line_list(const LineListArgs& args) {
  store::Workspace ws(args.ws.paths());
  std::vector<view::Column> columns = {
      {"name", 12}, {"valid_from", 10}, {"method", 12}, {"length_km", 9}};
  if (args.areas) columns.insert(columns.end(), {{"control_km2", 11}, {"control_share", 13}});
  columns.insert(columns.end(), {{"imported_at", 20}, {"source", view::kWholeValue}});
  view::RecordOutput out(std::cout,
                         view::parse_output_format(args.format).value_or(view::OutputFormat::table),
                         columns);
  for (const auto& v : store::line_versions(ws)) {
    nlohmann::json row = {{"name", v.name},
                          {"valid_from", v.valid_from},
                          {"method", v.method},
                          {"length_km", std::round(v.length_m / 100) / 10},
                          {"imported_at", format_rfc3339(v.imported_at).substr(0, 19) + "Z"},
                          {"source", v.source}};
    if (args.areas) {
      const auto line = store::load_line(ws, v.name, v.valid_from).second;
      if (!line.control.empty()) {
        const auto areas = ceasefire::control_areas(line);
        row["control_km2"] = std::round(areas.inside_km2 * 10) / 10;
        if (areas.territory_km2 > 0)
          row["control_share"] = std::round(1000 * areas.inside_km2 / areas.territory_km2) / 10;
      }
    }
    out.write(row);
  }
  out.finish();
  return kExitOk;
}

int run_line_export(const LineExportArgs& args) {
  store::Workspace ws(args.ws.paths());
  try {
    const auto [version, line] = store::load_line(ws, args.name, args.date);
    const auto doc = store::line_geojson(version, line);
    write_text_output(args.out, doc.dump() + '\n');
  } catch (const store::LineError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  return kExitOk;
}

int run_diff(const DiffArgs& args) {
  store::Workspace ws(args.ws.paths());
  try {
    const auto [old_version, older] = store::load_line(ws, args.name, args.from);
    const auto [new_version, newer] = store::load_line(ws, args.name, args.to);
    std::optional<ceasefire::Classifier> sectors;
    std::string inside = "inside", outside = "outside";
    if (store::current_settlement(ws)) {
      sectors.emplace(load_classifier(ws, old_version.name, args.from, ""));
      for (const auto& party : sectors->settlement().parties) {
        if (party.side == ceasefire::LineSide::inside) inside = party.id;
        if (party.side == ceasefire::LineSide::outside) outside = party.id;
      }
    }
    const auto changes = ceasefire::diff_lines(older, newer, sectors ? &*sectors : nullptr);
    fmt::print(stderr, "line '{}': {} (valid from {}) to {} (valid from {})\n", old_version.name,
               args.from, old_version.valid_from, args.to, new_version.valid_from);
    const auto before = ceasefire::control_areas(older), after = ceasefire::control_areas(newer);
    const auto share = [](const ceasefire::ControlAreas& a) {
      return a.territory_km2 > 0 ? fmt::format(" ({:.2f} %)", 100 * a.inside_km2 / a.territory_km2)
                                 : std::string();
    };
    fmt::print(stderr, "{} held {:.1f} km²{} and holds {:.1f} km²{}: {:+.1f} km²\n",
               inside == "inside" ? "the control area" : inside, before.inside_km2, share(before),
               after.inside_km2, share(after), after.inside_km2 - before.inside_km2);
    const std::string to_inside = "to_" + inside + "_km2", to_outside = "to_" + outside + "_km2";
    const std::string inside_advance = inside + "_advance_km",
                      outside_advance = outside + "_advance_km";
    view::RecordOutput out(
        std::cout, view::parse_output_format(args.format).value_or(view::OutputFormat::table),
        {{"sector", 22},
         {to_inside, 14},
         {to_outside, 14},
         {inside_advance, 18},
         {outside_advance, 18}});
    ceasefire::SectorChange total;
    total.sector = "all";
    const auto round1 = [](double v) { return std::round(v * 10) / 10; };
    for (const auto& c : changes) {
      out.write({{"sector", c.sector.empty() ? "(none)" : c.sector},
                 {to_inside, round1(c.to_inside_km2)},
                 {to_outside, round1(c.to_outside_km2)},
                 {inside_advance, round1(c.inside_advance_km)},
                 {outside_advance, round1(c.outside_advance_km)}});
      total.to_inside_km2 += c.to_inside_km2;
      total.to_outside_km2 += c.to_outside_km2;
      total.inside_advance_km = std::max(total.inside_advance_km, c.inside_advance_km);
      total.outside_advance_km = std::max(total.outside_advance_km, c.outside_advance_km);
    }
    out.write({{"sector", total.sector},
               {to_inside, round1(total.to_inside_km2)},
               {to_outside, round1(total.to_outside_km2)},
               {inside_advance, round1(total.inside_advance_km)},
               {outside_advance, round1(total.outside_advance_km)}});
    out.finish();
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitRejected;
  }
  return kExitOk;
}

}  // namespace

void add_line_command(CLI::App& app, Runner& run) {
  auto* cmd =
      app.add_subcommand("line", "Lines of contact: import versions by date, list, diff, export.");
  cmd->require_subcommand(1);

  auto* import_command = cmd->add_subcommand(
      "import",
      "Import a version of a line of contact: a GeoJSON LineString/MultiLineString FILE, or "
      "the boundary of a control-of-terrain polygon inside a country (--from-control "
      "POLYGONS --within BOUNDARY), without the country's borders and coasts.");
  auto ia = std::make_shared<ImportArgs>();
  add_workspace_options(import_command, ia->ws, true);
  import_command->add_option("--name", ia->name, "The line's name")->required();
  import_command
      ->add_option("--valid-from", ia->valid_from, "The date this version holds from (YYYY-MM-DD)")
      ->required();
  import_command->add_option("file", ia->file, "GeoJSON line");
  import_command
      ->add_option("--from-control", ia->from_control,
                   "GeoJSON (Multi)Polygons of the area one party controls; repeat it "
                   "for a map published as one file per layer (ISW): all are united")
      ->allow_extra_args(false);
  import_command
      ->add_option(
          "--where", ia->where,
          "Choose the control map's polygons by property: KEY=VALUE (equal) or KEY~REGEX "
          "(matches); "
          "repeatable, alternatives on one key, all keys must hold. Needed when the map mixes "
          "layers (occupied, liberated, unknown status...)")
      ->allow_extra_args(false);
  import_command->add_option(
      "--within", ia->within,
      "GeoJSON polygons of the country (its regions will do: shared edges are "
      "not border)");
  import_command
      ->add_option("--sliver-width-m", ia->sliver_width_m,
                   "Close gaps between the control map's features narrower than this on average "
                   "(default 10)")
      ->check(CLI::Range(0.0, 1'000.0));
  import_command
      ->add_option("--border-tolerance-m", ia->derivation.border_tolerance_m,
                   "Control boundary this close to a border or coast is not front (default 3000)")
      ->check(CLI::Range(0.0, 50'000.0));
  import_command
      ->add_option("--min-part-m", ia->derivation.min_part_m,
                   "Drop derived stretches shorter than this (default 3000)")
      ->check(CLI::Range(0.0, 1e6));
  import_command->add_option("--by", ia->by, "Who imports the line (default: $USER)");
  import_command->callback([&run, ia] { run = [ia] { return run_import(*ia); }; });

  auto* list = cmd->add_subcommand("list", "List the line versions of a workspace.");
  auto la = std::make_shared<LineListArgs>();
  add_workspace_options(list, la->ws, false);
  list->add_option("--format", la->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  list->add_flag("--areas", la->areas,
                 "Add the area of each version's control area within the territory (km², and % "
                 "of the territory)");
  list->callback([&run, la] { run = [la] { return run_line_list(*la); }; });

  auto* diff = cmd->add_subcommand(
      "diff",
      "What changed hands between two versions of a line derived from control areas: km² to "
      "each side and each side's largest advance beyond the older line, per sector.");
  auto da = std::make_shared<DiffArgs>();
  add_workspace_options(diff, da->ws, false);
  diff->add_option("--name", da->name, "The line (default: the only one)");
  diff->add_option("--from", da->from, "The older date (YYYY-MM-DD)")->required();
  diff->add_option("--to", da->to, "The newer date (YYYY-MM-DD)")->required();
  diff->add_option("--format", da->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  diff->callback([&run, da] { run = [da] { return run_diff(*da); }; });

  add_line_show_command(cmd, run);

  auto* exp = cmd->add_subcommand("export", "Write a line version as GeoJSON.");
  auto ea = std::make_shared<LineExportArgs>();
  add_workspace_options(exp, ea->ws, false);
  exp->add_option("--name", ea->name, "The line (default: the only one)");
  exp->add_option("--date", ea->date, "The version in force on this date (default: the latest)");
  exp->add_option("-o,--out", ea->out, "Output file (default: stdout)");
  exp->callback([&run, ea] { run = [ea] { return run_line_export(*ea); }; });
}

}  // namespace vigil::cli
