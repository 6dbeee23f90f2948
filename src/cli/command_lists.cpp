#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/list_store.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::cli {

namespace {

struct ListsArgs {
  WorkspaceOptions ws;
  std::string format = "table";
};

struct LoadArgs {
  WorkspaceOptions ws;
  std::vector<std::string> files;
  std::string format;
  std::string by;
  bool quiet = false;
};

int run_load(const LoadArgs& args) {
  std::optional<sanctions::ListFormat> format;
  if (!args.format.empty()) format = sanctions::parse_list_format(args.format);
  // Every file is read before anything is stored: a bad file leaves the workspace as it was.
  std::vector<sanctions::LoadedList> lists;
  for (const auto& file : args.files) {
    try {
      lists.push_back(sanctions::read_list(file, format));
    } catch (const sanctions::ListError& e) {
      fmt::print(stderr, "{}\nnothing was loaded.\n", e.what());
      return kExitRejected;
    }
  }
  store::Workspace ws(args.ws.paths());
  const std::string by = args.by.empty() ? default_actor() : args.by;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    const auto& list = lists[i];
    for (const auto& warning : list.warnings)
      if (!args.quiet)
        fmt::print(stderr, "{}:{}: {}\n", args.files[i], warning.line, warning.message);
    const auto report = store::store_list(ws, args.files[i], list, by);
    if (!args.quiet)
      fmt::print(stderr, "{}: {} ({}): {} entries, {} warnings{}\n", args.files[i],
                 sanctions::to_string(list.format), fmt::join(report.lists, ", "), report.entries,
                 list.warnings.size(),
                 report.replaced.empty()
                     ? std::string()
                     : fmt::format("; replaces load {}", fmt::join(report.replaced, ", ")));
  }
  return kExitOk;
}

}  // namespace

void add_lists_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "lists",
      "Show the sanctions lists loaded in a workspace (with no subcommand), or load list "
      "files.");
  cmd->require_subcommand(0, 1);
  auto args = std::make_shared<ListsArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->get_option("--workspace")->required(false);
  cmd->add_option("--format", args->format, "table (default), jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));

  auto* load = cmd->add_subcommand(
      "load",
      "Load sanctions list files (OFAC vessels JSON, OFAC sdn.csv, EU Annex XLII CSV, Ukraine's "
      "GUR CSV, IMO tables, OpenSanctions FollowTheMoney JSON lines), detected by content. Each "
      "file is stored whole, sealed in the log, and "
      "replaces an earlier load of the same format and lists.");
  auto load_args = std::make_shared<LoadArgs>();
  add_workspace_options(load, load_args->ws, true);
  load->add_option("files", load_args->files, "List files")->required();
  load->add_option("--format", load_args->format, "The files' format (default: detected)")
      ->check(
          CLI::IsMember({"ofac-json", "ofac-sdn-csv", "ftm", "eu-annex-xlii", "gur", "imo-table"}));
  load->add_option("--by", load_args->by, "Who loads the lists (default: $USER)");
  load->add_flag("-q,--quiet", load_args->quiet, "No summary and no warnings");
  load->callback([&run, load_args] { run = [load_args] { return run_load(*load_args); }; });

  cmd->callback([&run, args, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    if (args->ws.path.empty()) throw CLI::RequiredError("--workspace");
    run = [args] {
      store::Workspace ws(args->ws.paths());
      view::RecordOutput out(
          std::cout, view::parse_output_format(args->format).value_or(view::OutputFormat::table),
          {{"list", 6},
           {"format", 13},
           {"entries", 7},
           {"with_imo", 8},
           {"with_mmsi", 9},
           {"loaded_at", 20},
           {"file", 40}});
      for (const auto& s : store::list_summaries(ws))
        out.write({{"list", s.list},
                   {"format", s.format},
                   {"entries", s.entries},
                   {"with_imo", s.with_imo},
                   {"with_mmsi", s.with_mmsi},
                   {"loaded_at", format_rfc3339(s.loaded_at).substr(0, 19) + "Z"},
                   {"file", s.file}});
      out.finish();
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
