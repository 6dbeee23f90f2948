#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/ledger/held_head.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::cli {

namespace {

struct VerifyArgs {
  std::string workspace;
  std::string bundle;
  std::string public_key;
  std::vector<std::string> heads;
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

// Every held head against a log that verified on its own; the first that fails is the answer.
int check_heads(const std::vector<std::string>& files, std::string_view workspace_id,
                const ledger::PublicKey& key, const std::vector<ledger::LogRecord>& records,
                const std::vector<ledger::HeadSignature>& signatures, const std::string& what) {
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("--head {}: cannot read", file));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto held = ledger::parse_held_head(text, file);
    const auto verdict = ledger::check_held_head(held, workspace_id, key, records, signatures);
    if (verdict.outcome != ledger::HeldHeadVerdict::Outcome::contained) {
      fmt::print(stderr, "{}: NOT VERIFIED against the head in {}: {}\n", what, file,
                 verdict.message);
      return kExitUnverified;
    }
  }
  return kExitOk;
}

std::string untimed_summary(std::int64_t untimed) {
  return untimed == 0 ? std::string()
                      : fmt::format(" ({} from before signing times were signed)", untimed);
}

std::string heads_summary(std::size_t heads) {
  return heads == 0 ? std::string() : fmt::format("; contains the {} head(s) given", heads);
}

void warn_unpinned(const std::string& what, const ledger::PublicKey& key) {
  fmt::print(stderr,
             "{}: key unpinned: checked against the key it carries ({}), so a log forged with "
             "any key would pass this way; give the signer's key with --public-key\n",
             what, ledger::fingerprint(key));
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
  cmd->add_option("--head", args->heads,
                  "A signed head kept from `vigil log head` (repeatable): fails when the log "
                  "does not hold that record at its seq with its hash (cut back, or "
                  "equivocation by the signer)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing when verified");
  cmd->callback([&run, args] {
    if (args->workspace.empty() == args->bundle.empty())
      throw CLI::ValidationError("verify", "give either -w WORKSPACE or --bundle DIR");
    run = [args] {
      const auto pinned = pinned_key(args->public_key);
      if (!args->bundle.empty()) {
        const auto b = ledger::read_bundle(args->bundle);
        if (!pinned && args->heads.empty()) warn_unpinned(args->bundle, b.public_key);
        if (pinned && *pinned != b.public_key)
          return report(
              false, 0,
              fmt::format("signed with key {}, not the expected {}",
                          ledger::fingerprint(b.public_key), ledger::fingerprint(*pinned)),
              args->bundle, "", args->quiet);
        const auto v = ledger::verify_bundle(b);
        if (v.ok) {
          if (const int held = check_heads(args->heads, b.workspace_id, b.public_key, b.records,
                                           b.signatures, args->bundle))
            return held;
        }
        return report(
            v.ok, v.bad_seq, v.message, args->bundle,
            fmt::format("{} records, {} signatures{}, key {}{}", v.records, v.signatures,
                        untimed_summary(v.untimed_signatures), ledger::fingerprint(b.public_key),
                        heads_summary(args->heads.size())),
            args->quiet);
      }
      std::optional<store::Workspace> opened;
      std::optional<store::VerifyReport> verified;
      try {
        opened.emplace(store::WorkspacePaths::of(args->workspace));
        verified = store::verify_workspace(*opened, pinned);
      } catch (const store::DatabaseError& e) {
        if (!e.damaged()) throw;
        // Broken pages are what an edit of the file's bytes leaves: tampering, not misuse.
        return report(false, 0, fmt::format("the database file is damaged: {}", e.what()),
                      args->workspace, "", args->quiet);
      }
      auto& w = *opened;
      const auto& r = *verified;
      // The log is read again only when there are heads to look for in it.
      if (r.ok && !args->heads.empty()) {
        if (const int held = check_heads(args->heads, w.id(), w.public_key(), store::load_log(w),
                                         store::load_signatures(w), args->workspace))
          return held;
      }
      return report(
          r.ok, r.bad_seq, r.problem, args->workspace,
          fmt::format("{} records ({} incidents, {} reviews, {} batches sealing {} "
                      "observations{}), {} signatures{}, key {}",
                      r.records, r.incidents, r.reviews, r.batches, r.observations,
                      r.identity_runs > 0
                          ? fmt::format(" and {} vessel identity runs", r.identity_runs)
                          : std::string(),
                      r.signatures, untimed_summary(r.untimed_signatures), r.key_fingerprint) +
              heads_summary(args->heads.size()),
          args->quiet);
    };
  });
}

}  // namespace vigil::cli
