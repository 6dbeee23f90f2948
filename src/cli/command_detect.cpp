#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.hpp"
#include "vigil/ceasefire/rule_config.hpp"
#include "vigil/core/threshold_settings.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/detect/maritime_detection.hpp"
#include "vigil/ingest/input_format.hpp"
#include "vigil/io/input_file.hpp"
#include "vigil/io/line_source.hpp"
#include "vigil/maritime/ais_feed.hpp"
#include "vigil/maritime/engine.hpp"
#include "vigil/maritime/geography.hpp"

namespace vigil::cli {
namespace {

struct DetectArgs {
  bool stream = false;
  std::string file = "-";
  std::string config;
  maritime::GeographyOptions geography;
  bool no_default_ports = false;
  std::string stats = "text";
  std::string format = "jsonl";
  unsigned threads = 2;
  WorkspaceOptions ws;
  std::string from, to, by;
};

void write_out(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size())
    throw std::runtime_error("cannot write to standard output");
}

class JsonLinesOutput final : public maritime::EventSink {
 public:
  void on_event(maritime::Event event) override {
    write_out(maritime::to_json(event).dump() + '\n');
  }
};

// One line per incident, for people: the rule, when, which vessels, where, and its
// attributes as key=value.
class TableOutput final : public maritime::EventSink {
 public:
  TableOutput() {
    write_out(fmt::format("{:<16} {:<20} {:>7} {:<20} {:>20}  {}\n", "rule", "start", "hours",
                          "mmsi", "lat,lon", "details"));
  }
  void on_event(maritime::Event event) override {
    std::string rule(event.rule);
    if (rule.rfind("maritime.", 0) == 0) rule.erase(0, 9);
    std::string vessels;
    for (const auto mmsi : event.mmsis)
      vessels += (vessels.empty() ? "" : ",") + std::to_string(mmsi);
    std::string details;
    for (const auto& [key, value] : event.attributes.items()) {
      if (!details.empty()) details += ' ';
      details += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    const double hours = static_cast<double>(event.end - event.start) / 3.6e9;
    write_out(fmt::format("{:<16} {:<20} {:>7.1f} {:<20} {:>20}  {}\n", rule,
                          format_rfc3339(event.start).substr(0, 19) + "Z", hours, vessels,
                          fmt::format("{:.4f},{:.4f}", event.at.lat, event.at.lon), details));
  }
};

// detect --stream reads NMEA; an AIS CSV export or a JSON file given to it would otherwise
// give "0 positions" and exit 0, as if the sea had been empty.
std::string not_nmea_advice(const std::string& file, std::string_view what) {
  return fmt::format(
      "{}: {}: detect --stream reads NMEA (!AIVDM sentences). Ingest it into a workspace and "
      "detect there: vigil init -w W.vigil; vigil ingest -w W.vigil {}; vigil detect -w W.vigil",
      file, what, file);
}

void refuse_if_not_nmea(const std::string& file) {
  if (file == "-") return;  // judged after reading: stdin cannot be read twice
  io::InputFile input(file);
  std::string head(64 * 1024, '\0');
  head.resize(input.read(head.data(), head.size()));
  if (head.empty() || head.find("VDM,") != std::string::npos ||
      head.find("VDO,") != std::string::npos)
    return;
  const auto format = ingest::detect_format(head);
  if (format == ingest::InputFormat::nmea) return;
  throw std::runtime_error(
      not_nmea_advice(file, fmt::format("no AIS sentence in its first {} KiB; it reads as {}",
                                        head.size() >> 10, ingest::to_string(format))));
}

// The places and land, saying which rows of the user's place files were skipped.
maritime::Geography load_geography_warning(const maritime::GeographyOptions& options) {
  auto geography = maritime::load_geography(options);
  for (const auto& warning : geography.warnings)
    fmt::print(stderr, "vigil: warning: {}\n", warning);
  return geography;
}

int run_stream(DetectArgs args) {
  refuse_if_not_nmea(args.file);
  const maritime::Config config =
      args.config.empty() ? maritime::Config{} : maritime::load_config(args.config);
  args.geography.default_places = !args.no_default_ports;
  const auto geography = load_geography_warning(args.geography);

  static char stdout_buffer[1 << 16];
  std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  std::unique_ptr<maritime::EventSink> output;
  if (args.format == "table") {
    output = std::make_unique<TableOutput>();
  } else {
    output = std::make_unique<JsonLinesOutput>();
  }
  maritime::Engine engine(config, geography.land ? &*geography.land : nullptr, &geography.places,
                          *output);
  io::LineSource lines(args.file);
  const auto streamed = maritime::detect_stream(lines, engine, args.threads != 1);
  std::fflush(stdout);
  if (streamed.decode.sentences == 0 && streamed.decode.lines > streamed.decode.comments)
    throw std::runtime_error(not_nmea_advice(
        args.file, fmt::format("no AIS sentence in {} lines", streamed.decode.lines)));

  const auto& stats = engine.stats();
  nlohmann::json events = nlohmann::json::object();
  for (const auto& [rule, count] : stats.events)
    events[rule] = count;
  const auto& decoded = streamed.decode;
  if (args.stats == "json") {
    fmt::print(stderr, "{}\n",
               nlohmann::json{{"decode", decoded.to_json()},
                              {"positions", stats.positions},
                              {"static_values", stats.static_reports},
                              {"untimed", streamed.untimed},
                              {"out_of_order", stats.out_of_order},
                              {"duplicates", stats.duplicates},
                              {"vessels", stats.vessels},
                              {"segments", stats.segments},
                              {"feed_outages", stats.feed_outages},
                              {"position_noise", stats.position_noise},
                              {"not_for_class", stats.not_for_class},
                              {"at_berth", stats.at_berth},
                              {"unheard_gaps", stats.unheard_gaps},
                              {"berth_cells", stats.berth_cells},
                              {"vessel_state_bytes", engine.vessel_state_bytes()},
                              {"events", events}}
                   .dump());
  } else if (args.stats == "text") {
    fmt::print(stderr,
               "{} positions and {} static values of {} vessels ({} segments); {} without a "
               "receive time, {} out of order, {} duplicates\n",
               stats.positions, stats.static_reports, stats.vessels, stats.segments,
               streamed.untimed, stats.out_of_order, stats.duplicates);
    for (const auto& [rule, count] : stats.events)
      fmt::print(stderr, "{:>10}  {}\n", count, rule);
  }
  return kExitOk;
}

int run_workspace(DetectArgs args) {
  detect::MaritimeRun run;
  detect::CeasefireRun ceasefire_run;
  if (!args.config.empty()) {
    // One file, read once: its maritime thresholds and its "ceasefire" section.
    const auto document = read_config_document(args.config);
    with_config_file(args.config, [&] {
      run.config = maritime::config_from_document(document);
      ceasefire_run.config = ceasefire::rule_config_from_document(document);
    });
  }
  if (!args.from.empty()) run.from = parse_time_option("--from", args.from);
  if (!args.to.empty()) run.to = parse_time_option("--to", args.to);
  run.by = args.by.empty() ? default_actor() : args.by;
  args.geography.default_places = !args.no_default_ports;
  const auto geography = load_geography_warning(args.geography);
  store::Workspace ws(args.ws.paths());
  const auto result = detect::run_maritime_detection(ws, geography, run);
  fmt::print("maritime: {} vessel positions and {} identity values examined\n", result.positions,
             result.static_values);
  // What the rules found and did not report, so that a quiet log is not mistaken for an
  // empty sea.
  for (const auto& [label, counts] :
       {std::pair{"of vessels the rule is not about", &result.not_for_class},
        std::pair{"at berths", &result.at_berth}}) {
    if (counts->empty()) continue;
    std::vector<std::string> parts;
    for (const auto& [rule, n] : *counts)
      parts.push_back(fmt::format("{} {}", n, rule));
    fmt::print("maritime: set aside {}: {}\n", label, fmt::join(parts, ", "));
  }

  ceasefire_run.from = run.from;
  ceasefire_run.to = run.to;
  ceasefire_run.by = run.by;
  const auto ceasefire = detect::run_ceasefire_detection(ws, ceasefire_run);
  if (ceasefire.has_settlement) {
    fmt::print(
        "ceasefire: {} reports and {} positions of parties' entities examined; {} incidents "
        "after corroboration",
        ceasefire.reports, ceasefire.positions, ceasefire.clusters);
    if (ceasefire.unplaced > 0)
      fmt::print("; {} reports before the first line version not judged", ceasefire.unplaced);
    fmt::print("\n");
  } else {
    fmt::print("ceasefire: no settlement (vigil zones build), not run\n");
  }

  struct Counts {
    std::uint64_t created = 0, known = 0, pending = 0, superseding = 0;
  };
  std::map<std::string, Counts> rules;
  for (const auto* counts : {&result.created, &ceasefire.created})
    for (const auto& [rule, n] : *counts)
      rules[rule].created = n;
  for (const auto* counts : {&result.known, &ceasefire.known})
    for (const auto& [rule, n] : *counts)
      rules[rule].known = n;
  for (const auto& [rule, n] : result.pending)
    rules[rule].pending = n;
  for (const auto& [rule, n] : ceasefire.superseding)
    rules[rule].superseding = n;
  if (rules.empty()) fmt::print("no incidents\n");
  for (const auto& [rule, c] : rules) {
    fmt::print("{:<29} {:>6} new, {:>6} already logged", rule, c.created, c.known);
    if (c.pending > 0) fmt::print(", {} still under way", c.pending);
    if (c.superseding > 0)
      fmt::print(", {} of the new replace earlier ones with more evidence", c.superseding);
    fmt::print("\n");
  }
  return kExitOk;
}

}  // namespace

void add_detect_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<DetectArgs>();
  auto* cmd = app.add_subcommand(
      "detect",
      "Run the maritime detectors (gaps, encounters, loitering, port calls, identity "
      "changes, spoofing, dark encounters) over AIS, and with -w the ceasefire rules (weapons "
      "in withdrawal zones, fire in the security zone, crossings, disengagement areas). With "
      "--stream: NMEA in, incidents out "
      "as JSON Lines, no workspace.");
  cmd->add_flag("--stream", args->stream, "Read NMEA and write incidents to standard output");
  cmd->add_option("-w,--workspace", args->ws.path,
                  "Workspace whose AIS positions and vessel identities (maritime rules) and "
                  "ceasefire observations (ceasefire rules) to examine; incidents go to its log");
  cmd->add_option("--key", args->ws.key,
                  "Secret signing key file (default: WORKSPACE.key, or $VIGIL_KEY)");
  cmd->add_option("--from", args->from, "With -w: positions at or after this time");
  cmd->add_option("--to", args->to, "With -w: positions before this time");
  cmd->add_option("--by", args->by, "With -w: who records the incidents (default: $USER)");
  cmd->add_option("file", args->file, "NMEA file; standard input when none or '-'");
  cmd->add_option("--config", args->config,
                  "JSON file of thresholds, e.g. {\"gap\": {\"min_h\": 8}, \"ceasefire\": "
                  "{\"crossing\": {\"min_distance_m\": 300}}} (docs/maritime.md, "
                  "docs/ceasefire.md)");
  cmd->add_option("--ports", args->geography.places,
                  "More ports, anchorages or terminals (GFW port/anchorage CSV, oil "
                  "infrastructure JSON)");
  cmd->add_flag("--no-default-ports", args->no_default_ports,
                "Do not load the bundled World Port Index and Russian oil terminals");
  cmd->add_option("--land", args->geography.land,
                  "Land polygons as TopoJSON (default: bundled Natural Earth 1:10m land)");
  cmd->add_flag("--no-land", args->geography.no_land, "No land mask (no on-land or shore tests)");
  cmd->add_option("--format", args->format, "Incidents as JSON Lines, or a table for people")
      ->check(CLI::IsMember({"jsonl", "table"}))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads,
                  "1: read, decode and detect on one thread; 2: decode on a second one")
      ->capture_default_str()
      ->check(CLI::Range(1u, 2u));
  cmd->add_option("--stats", args->stats, "Statistics on standard error at the end")
      ->check(CLI::IsMember({"text", "json", "none"}))
      ->capture_default_str();
  cmd->callback([args, &run] {
    if (args->stream == !args->ws.path.empty())
      throw CLI::ValidationError("--stream", "give either --stream (NMEA in) or -w WORKSPACE");
    if (args->stream) {
      run = [args] { return run_stream(*args); };
    } else {
      if (args->file != "-")
        throw CLI::ValidationError("file", "with -w, the input is the workspace");
      run = [args] { return run_workspace(*args); };
    }
  });
}

}  // namespace vigil::cli
