#include <fmt/format.h>

#include "common.hpp"
#include "vigil/core/hash.hpp"

namespace vigil::cli {

void add_init_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "init",
      "Create a workspace: the SQLite file, an Ed25519 key pair for signing its log (secret key "
      "in WORKSPACE.key, mode 0600; public key in WORKSPACE.pub)");
  auto options = std::make_shared<WorkspaceOptions>();
  add_workspace_options(cmd, *options, true);
  cmd->callback([&run, options] {
    run = [options] {
      const auto paths = options->paths();
      const auto created = store::Workspace::create(paths);
      fmt::print("created workspace {}\n", paths.database);
      fmt::print("  id           {}\n", created.workspace_id);
      fmt::print("  public key   {} (fingerprint {})\n", to_hex(created.public_key),
                 ledger::fingerprint(created.public_key));
      fmt::print("  secret key   {} (keep it safe: it signs the log)\n", paths.secret_key);
      fmt::print("  public key   {}\n", paths.public_key);
      return kExitOk;
    };
  });
}

}  // namespace vigil::cli
