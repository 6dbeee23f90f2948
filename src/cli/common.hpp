#pragma once

#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "vigil/core/time.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::cli {

// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;       // I/O, workspace, configuration
inline constexpr int kExitUsage = 2;       // bad command line
inline constexpr int kExitRejected = 3;    // input records rejected
inline constexpr int kExitUnverified = 4;  // the log or a bundle does not verify

// A subcommand registers its options and sets `run` when it is the one chosen.
using Runner = std::function<int()>;

struct WorkspaceOptions {
  std::string path;
  std::string key;
  store::WorkspacePaths paths() const;
};

// Adds -w/--workspace (required) and, when `with_key`, --key.
void add_workspace_options(CLI::App* cmd, WorkspaceOptions& options, bool with_key);

// Parses an RFC 3339 date-time or a date (midnight UTC); throws CLI::ValidationError.
Timestamp parse_time_option(const std::string& option, const std::string& text);
// Parses "min_lon,min_lat,max_lon,max_lat"; throws CLI::ValidationError.
store::BoundingBox parse_bbox_option(const std::string& text);

// Writes `text` to the file `path`, or to stdout when `path` is empty or "-"; throws
// std::runtime_error naming the file when it cannot be written.
void write_text_output(const std::string& path, const std::string& text);

// Who performs a write: --by, or $USER, or "unknown".
std::string default_actor();

// Progress on stderr while it is a terminal: records, rate and bytes, redrawn in place.
class Progress {
 public:
  explicit Progress(bool enabled);
  void update(const std::string& label, std::uint64_t records, std::uint64_t bytes);
  void clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  Timestamp started_;
  Timestamp last_ = 0;
};

void add_init_command(CLI::App& app, Runner& run);
void add_ingest_command(CLI::App& app, Runner& run);
void add_observations_command(CLI::App& app, Runner& run);
void add_incidents_command(CLI::App& app, Runner& run);
void add_verify_command(CLI::App& app, Runner& run);
void add_log_command(CLI::App& app, Runner& run);
void add_status_command(CLI::App& app, Runner& run);
void add_decode_command(CLI::App& app, Runner& run);
void add_vessels_command(CLI::App& app, Runner& run);
void add_lists_command(CLI::App& app, Runner& run);
void add_commitments_command(CLI::App& app, Runner& run);
void add_screen_command(CLI::App& app, Runner& run);
void add_detect_command(CLI::App& app, Runner& run);
void add_simulate_command(CLI::App& app, Runner& run);
void add_line_command(CLI::App& app, Runner& run);
void add_classify_command(CLI::App& app, Runner& run);
void add_zones_command(CLI::App& app, Runner& run);
void add_sensors_command(CLI::App& app, Runner& run);
void add_coverage_command(CLI::App& app, Runner& run);
void add_report_command(CLI::App& app, Runner& run);
void add_keys_command(CLI::App& app, Runner& run);
void add_serve_command(CLI::App& app, Runner& run);

}  // namespace vigil::cli
