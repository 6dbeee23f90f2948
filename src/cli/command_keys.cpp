// vigil keys add|list|revoke: the keys that open vigil serve, one role each.
#include <fmt/format.h>

#include "common.hpp"
#include "vigil/store/api_key_store.hpp"

namespace vigil::cli {
namespace {

std::string to_seconds_text(Timestamp t) {
  return format_rfc3339(t - t % kMicrosPerSecond);
}

struct KeyAddArgs {
  WorkspaceOptions ws;
  std::string role;
  std::string name;
  std::string by;
};

struct RevokeArgs {
  WorkspaceOptions ws;
  std::string id;
  std::string by;
};

int run_add(const KeyAddArgs& args) {
  const auto role = store::parse_role(args.role);
  if (!role) throw CLI::ValidationError("--role", "must be monitor, analyst, observer or admin");
  store::Workspace ws(args.ws.paths());
  const auto issued =
      store::add_api_key(ws, *role, args.name, args.by.empty() ? default_actor() : args.by);
  // The key alone goes to stdout, so that scripts can capture it; it is never shown again.
  fmt::print("{}\n", issued.token);
  fmt::print(stderr, "key {} ({}, {}): store it now, vigil keeps only its hash\n", issued.key.id,
             store::to_string(issued.key.role), issued.key.name);
  return kExitOk;
}

int run_list(const WorkspaceOptions& options) {
  store::Workspace ws(options.paths());
  fmt::print("{:<16}  {:<8}  {:<20}  {:<20}  {:<16}  {}\n", "id", "role", "created", "revoked",
             "created_by", "name");
  for (const auto& key : store::list_api_keys(ws))
    fmt::print("{:<16}  {:<8}  {:<20}  {:<20}  {:<16}  {}\n", key.id, store::to_string(key.role),
               to_seconds_text(key.created), key.revoked ? to_seconds_text(*key.revoked) : "-",
               key.created_by, key.name);
  return kExitOk;
}

int run_revoke(const RevokeArgs& args) {
  store::Workspace ws(args.ws.paths());
  if (!store::revoke_api_key(ws, args.id, args.by.empty() ? default_actor() : args.by)) {
    fmt::print(stderr, "vigil: no key '{}' that is not revoked already\n", args.id);
    return kExitRejected;
  }
  fmt::print(stderr, "key {} revoked\n", args.id);
  return kExitOk;
}

}  // namespace

void add_keys_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("keys", "The keys that open vigil serve, each with one role.");
  cmd->require_subcommand(1);

  auto* add = cmd->add_subcommand(
      "add", "Create a key and print it once on stdout; only its hash is stored.");
  auto aa = std::make_shared<KeyAddArgs>();
  add_workspace_options(add, aa->ws, false);
  add->add_option("--role", aa->role, "monitor, analyst, observer or admin")->required();
  add->add_option("--name", aa->name, "Whose key it is (shown in listings and in every write)")
      ->required();
  add->add_option("--by", aa->by, "Who creates it (default: $USER)");
  add->callback([&run, aa] { run = [aa] { return run_add(*aa); }; });

  auto* list = cmd->add_subcommand("list", "List the keys, revoked ones included (no secrets).");
  auto la = std::make_shared<WorkspaceOptions>();
  add_workspace_options(list, *la, false);
  list->callback([&run, la] { run = [la] { return run_list(*la); }; });

  auto* revoke = cmd->add_subcommand("revoke", "Revoke a key; vigil serve refuses it within 1 s.");
  auto ra = std::make_shared<RevokeArgs>();
  add_workspace_options(revoke, ra->ws, false);
  revoke->add_option("id", ra->id, "The key's id (16 hex digits, as keys list shows)")->required();
  revoke->add_option("--by", ra->by, "Who revokes it (default: $USER)");
  revoke->callback([&run, ra] { run = [ra] { return run_revoke(*ra); }; });
}

}  // namespace vigil::cli
