#include <fstream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::cli {

namespace {

struct VerifyArgs {
  std::string workspace;
  std::string bundle;
  std::string public_key;
  bool quiet = false;
};

std::optional<ledger::PublicKey> pinned_key(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string hex = text;
  if (hex.size() != 64) {  // a file holding the key
    std::ifstream in(text);
    if (!in) throw std::runtime_error(fmt::format("{}: cannot read public key", text));
    in >> hex;
  }
  const auto key = ledger::parse_public_key(hex);
  if (!key) throw std::invalid_argument("--public-key: not an Ed25519 public key in hex");
  return key;
}

int report(bool ok, std::int64_t bad_seq, const std::string& problem, const std::string& what,
           const std::string& summary, bool quiet) {
  if (!ok) {
    if (bad_seq > 0)
      fmt::print(stderr, "{}: NOT VERIFIED: first bad record: {}: {}\n", what, bad_seq, problem);
    else
      fmt::print(stderr, "{}: NOT VERIFIED: {}\n", what, problem);
    return kExitUnverified;
  }
  if (!quiet) fmt::print("{}: verified: {}\n", what, summary);
  return kExitOk;
}

}  // namespace

void add_verify_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "verify",
      "Check the tamper-evident log of a workspace (hash chain, head signatures, query tables, "
      "sealed observations) or of an exported bundle. Exits 0 when everything holds, 4 naming "
      "the first bad record otherwise.");
  auto args = std::make_shared<VerifyArgs>();
  auto* ws = cmd->add_option("-w,--workspace", args->workspace, "Workspace file");
  auto* bundle = cmd->add_option("--bundle", args->bundle, "Bundle directory (vigil log export)");
  ws->excludes(bundle);
  cmd->add_option("--public-key", args->public_key,
                  "The key the log must be signed with (hex, or a file holding it); without "
                  "it, the key stored with the log is trusted");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing when verified");
  cmd->callback([&run, args] {
    if (args->workspace.empty() == args->bundle.empty())
      throw CLI::ValidationError("verify", "give either -w WORKSPACE or --bundle DIR");
    run = [args] {
      const auto pinned = pinned_key(args->public_key);
      if (!args->bundle.empty()) {
        const auto b = ledger::read_bundle(args->bundle);
        if (pinned && *pinned != b.public_key)
          return report(
              false, 0,
              fmt::format("signed with key {}, not the expected {}",
                          ledger::fingerprint(b.public_key), ledger::fingerprint(*pinned)),
              args->bundle, "", args->quiet);
        const auto v = ledger::verify_bundle(b);
        return report(v.ok, v.bad_seq, v.message, args->bundle,
                      fmt::format("{} records, {} signatures, key {}", v.records, v.signatures,
                                  ledger::fingerprint(b.public_key)),
                      args->quiet);
      }
      store::Workspace w(store::WorkspacePaths::of(args->workspace));
      const auto r = store::verify_workspace(w, pinned);
      return report(r.ok, r.bad_seq, r.problem, args->workspace,
                    fmt::format("{} records ({} incidents, {} reviews, {} batches sealing {} "
                                "observations{}), {} signatures, key {}",
                                r.records, r.incidents, r.reviews, r.batches, r.observations,
                                r.identity_runs > 0
                                    ? fmt::format(" and {} vessel identity runs", r.identity_runs)
                                    : std::string(),
                                r.signatures, r.key_fingerprint),
                    args->quiet);
    };
  });
}

}  // namespace vigil::cli
