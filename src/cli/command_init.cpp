#include <fmt/format.h>

#include "common.hpp"
#include "vigil/core/hash.hpp"

namespace vigil::cli {

void add_init_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "init",
      "Create a workspace: a SQLite file, or tables in a PostgreSQL/PostGIS database given as "
      "postgresql://... (in the schema first on the URI's search_path), and an Ed25519 key pair "
      "for signing its log (secret key in WORKSPACE.key, mode 0600, public key in WORKSPACE.pub; "
      "on PostgreSQL the key file is named by --key or VIGIL_KEY)");
  auto options = std::make_shared<WorkspaceOptions>();
  add_workspace_options(cmd, *options, true);
  cmd->callback([&run, options] {
    run = [options] {
      const auto paths = options->paths();
      const auto created = store::Workspace::create(paths);
      fmt::print("created workspace {}\n", store::redacted_location(paths.database));
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
