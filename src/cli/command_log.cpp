#include <fmt/format.h>

#include "common.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::cli {

namespace {

struct ExportArgs {
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
  auto args = std::make_shared<ExportArgs>();
  cmd->add_option("-w,--workspace", args->workspace, "Workspace file")->required();
  cmd->add_option("--out", args->out, "Bundle directory")->required();
  cmd->callback([&run, args] {
    run = [args] {
      store::Workspace ws(store::WorkspacePaths::of(args->workspace));
      ledger::Bundle bundle{
          ws.id(), ws.public_key(), store::load_log(ws), store::load_signatures(ws), 0, {}};
      ledger::write_bundle(args->out, bundle);
      fmt::print("{}: {} records, {} signatures, key {}\n", args->out, bundle.records.size(),
                 bundle.signatures.size(), ledger::fingerprint(bundle.public_key));
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
