#include <fmt/format.h>

#include "classify_support.hpp"
#include "common.hpp"
#include "vigil/core/heap_tuning.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/observation_store.hpp"

namespace vigil::cli {

namespace {

struct IngestArgs {
  WorkspaceOptions ws;
  std::vector<std::string> files;
  std::string format;
  std::string on_error = "fail";
  std::vector<std::string> maps;
  std::string layout;
  std::string by;
  bool quiet = false;
};

int run_ingest(const IngestArgs& args) {
  keep_heap_between_batches();
  ingest::IngestOptions options;
  if (!args.format.empty()) options.format = ingest::parse_input_format(args.format);
  options.on_error = args.on_error == "skip" ? ingest::OnError::skip : ingest::OnError::fail;
  if (!args.layout.empty()) options.layout = ingest::parse_event_layout(args.layout);
  for (const auto& m : args.maps)
    options.mapping.add(m);
  options.recorded_by = args.by.empty() ? default_actor() : args.by;

  store::Workspace ws(args.ws.paths());
  Progress progress(!args.quiet);
  std::string current;
  ingest::IngestCallbacks callbacks;
  callbacks.on_error = [&](const std::string& file, const io::RecordError& e) {
    progress.clear();
    if (e.field.empty())
      fmt::print(stderr, "{}:{}: {}\n", file, e.line, e.message);
    else
      fmt::print(stderr, "{}:{}: field '{}': {}\n", file, e.line, e.field, e.message);
  };
  callbacks.on_progress = [&](std::uint64_t records, std::uint64_t bytes) {
    progress.update(current, records, bytes);
  };
  std::uint64_t added = 0, duplicates = 0, rejected = 0, read = 0;
  const Timestamp started = now();
  bool failed = false;
  const std::int64_t first_batch = store::next_batch_id(ws.db());
  for (const auto& file : args.files) {
    current = file;
    const auto report = ingest::ingest_file(ws, file, options, callbacks);
    progress.clear();
    read += report.read;
    if (report.rolled_back) {
      fmt::print(stderr,
                 "{}: rejected ({} format); nothing of this file was stored. Fix the record "
                 "above, or use --on-error skip to store the good records.\n",
                 file, ingest::to_string(report.format));
      failed = true;
      break;
    }
    added += report.added;
    duplicates += report.duplicates;
    rejected += report.rejected;
    if (!args.quiet) {
      fmt::print(stderr, "{}: {} records ({}): {} added, {} already stored, {} rejected\n", file,
                 report.read, ingest::to_string(report.format), report.added, report.duplicates,
                 report.rejected);
      if (report.nmea) {
        // The decoder's own summary, one line per topic, under the file's name.
        const std::string text = report.nmea->to_text();
        std::size_t start = 0;
        for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
          fmt::print(stderr, "{}: {}\n", file, std::string_view(text).substr(start, end - start));
      }
      if (report.identity_reports > 0 || report.identity_untimed > 0)
        fmt::print(stderr,
                   "{}: vessel identity: {} reports, {} new runs in the vessels' histories{}\n",
                   file, report.identity_reports, report.identity_runs_added,
                   report.identity_untimed > 0
                       ? fmt::format(", {} reports without a receive time not stored",
                                     report.identity_untimed)
                       : std::string());
    }
  }
  if (!args.quiet && args.files.size() > 1 && !failed) {
    const double seconds = static_cast<double>(now() - started) / 1e6;
    fmt::print(stderr, "total: {} records in {:.2f} s: {} added, {} already stored, {} rejected\n",
               read, seconds, added, duplicates, rejected);
  }
  // Observations keep their place against the line and settlement in force (those of the
  // files stored before a rejected one too).
  const auto classified = detect::classify_stored_observations(ws, first_batch);
  if (!args.quiet) report_reclassified(classified);
  return failed ? kExitRejected : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "ingest",
      "Load observations from JSON Lines, CSV or GeoJSON files. Each file is one batch: it is "
      "stored whole or not at all, and sealed in the signed log. Re-ingesting the same data "
      "adds nothing.");
  auto args = std::make_shared<IngestArgs>();
  add_workspace_options(cmd, args->ws, true);
  cmd->add_option("files", args->files, "Input files ('-' for stdin, with --format)")->required();
  cmd->add_option("--format", args->format, "Input format (default: detected from content)")
      ->check(CLI::IsMember({"jsonl", "ndjson", "csv", "geojson", "nmea", "ais-csv"}));
  cmd->add_option("--on-error", args->on_error,
                  "fail: a bad record rolls the file back and stops (default); skip: bad "
                  "records are reported and counted, good ones stored")
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_option("--layout", args->layout,
                  "Read a conflict-event dataset as ceasefire observations: cir (CIR / "
                  "Bellingcat Russia-Ukraine Monitor Map export) or acled (ACLED CSV export)")
      ->check(CLI::IsMember({"cir", "acled"}));
  cmd->add_option("--map", args->maps,
                  "Map input columns to fields, FIELD=TEMPLATE, e.g. time={date}T00:00:00Z, "
                  "kind=explosion, entity=mmsi:{MMSI}; repeatable");
  cmd->add_option("--by", args->by, "Who performs the ingest (default: $USER)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  cmd->callback([&run, args] { run = [args] { return run_ingest(*args); }; });
}

}  // namespace vigil::cli
