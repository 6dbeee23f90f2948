#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/ledger/held_head.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::cli {

namespace {

struct LogExportArgs {
  std::string workspace;
  std::string out;
};

}  // namespace

void add_log_command(CLI::App& app, Runner& run) {
  auto* log = app.add_subcommand("log", "Work with the tamper-evident incident log");
  log->require_subcommand(1);
  auto* cmd =
      log->add_subcommand("export",
                          "Write the log as a bundle (records, signatures, public key) that "
                          "`vigil verify --bundle DIR` checks without the workspace");
  auto args = std::make_shared<LogExportArgs>();
  cmd->add_option("-w,--workspace", args->workspace, "Workspace file")->required();
  cmd->add_option("--out", args->out, "Bundle directory")->required();
  cmd->callback([&run, args] {
    run = [args] {
      store::Workspace ws(store::WorkspacePaths::of(args->workspace));
      ledger::Bundle bundle;
      bundle.workspace_id = ws.id();
      bundle.public_key = ws.public_key();
      bundle.records = store::load_log(ws);
      bundle.signatures = store::load_signatures(ws);
      ledger::write_bundle(args->out, bundle, ws.signing_key());
      fmt::print("{}: {} records, {} signatures, key {}\n", args->out, bundle.records.size(),
                 bundle.signatures.size(), ledger::fingerprint(bundle.public_key));
      return kExitOk;
    };
  });

  auto* head = log->add_subcommand(
      "head",
      "Print the log's current signed head (seq, hash, time, signature, key) as one JSON "
      "document. A party that keeps it can later check, with `vigil verify --head FILE`, that "
      "a workspace or bundle shown to it was not cut back behind it (docs/log.md)");
  auto head_ws = std::make_shared<std::string>();
  head->add_option("-w,--workspace", *head_ws, "Workspace file")->required();
  head->callback([&run, head_ws] {
    run = [head_ws] {
      store::Workspace ws(store::WorkspacePaths::of(*head_ws));
      const auto signatures = store::load_signatures(ws);
      if (signatures.empty())
        throw std::runtime_error(fmt::format("{}: the log has no signed head yet", *head_ws));
      if (ledger::check_head_signature(ws.id(), signatures.back(), ws.public_key()) ==
          ledger::HeadSignatureCheck::invalid)
        throw std::runtime_error(
            fmt::format("{}: the newest head signature does not hold; run vigil verify -w {}",
                        *head_ws, *head_ws));
      fmt::print("{}\n", ledger::held_head_json({ws.id(), ws.public_key(), signatures.back()})
                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
