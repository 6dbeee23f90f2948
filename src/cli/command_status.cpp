#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/workspace_summary.hpp"

namespace vigil::cli {

namespace {

std::string join(const store::WorkspaceSummary::Counts& counts, std::size_t max = 8) {
  std::string out;
  for (std::size_t i = 0; i < counts.size() && i < max; ++i)
    out += fmt::format("{}{} {}", i ? ", " : "", counts[i].first, counts[i].second);
  if (counts.size() > max) out += fmt::format(", … ({} more)", counts.size() - max);
  return out.empty() ? "none" : out;
}

}  // namespace

void add_status_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "status",
      "Summarise a workspace: observations by kind and source, entities, incidents "
      "by status and rule, and the log head");
  auto options = std::make_shared<WorkspaceOptions>();
  add_workspace_options(cmd, *options, false);
  cmd->callback([&run, options] {
    run = [options] {
      store::Workspace ws(options->paths());
      const auto s = store::summarise(ws);
      fmt::print("workspace {} (id {}, key {})\n", options->path, ws.id(),
                 ledger::fingerprint(ws.public_key()));
      fmt::print("observations  {}", s.observations);
      if (s.first_time)
        fmt::print(" from {} to {}, lat {:.4f}..{:.4f}, lon {:.4f}..{:.4f}",
                   format_rfc3339(*s.first_time), format_rfc3339(*s.last_time), s.extent->min_lat,
                   s.extent->max_lat, s.extent->min_lon, s.extent->max_lon);
      fmt::print("\n  by kind     {}\n", join(s.by_kind));
      fmt::print("  by source   {}\n", join(s.by_source));
      fmt::print("entities      {} ({})\n", s.entities, join(s.entities_by_namespace));
      fmt::print("incidents     {} ({})\n", s.incidents, join(s.incidents_by_status));
      fmt::print("  by rule     {}\n", join(s.incidents_by_rule));
      fmt::print("log           {} records", s.log_records);
      if (s.log_records > 0)
        fmt::print(", head {}…, last signed {}", s.head_hash.substr(0, 16), s.last_signed_at);
      fmt::print("\n");
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
