#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/ledger/log_record.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct VerifyReport {
  bool ok = true;
  std::int64_t bad_seq = 0;  // the first log record that fails, when known
  std::string problem;
  std::int64_t records = 0;
  std::int64_t signatures = 0;
  std::int64_t untimed_signatures = 0;  // valid, made before signing times were signed
  std::int64_t incidents = 0;
  std::int64_t reviews = 0;
  std::int64_t batches = 0;
  std::int64_t observations = 0;
  std::int64_t identity_runs = 0;
  std::int64_t list_loads = 0;
  std::int64_t line_versions = 0;
  std::int64_t sensor_declarations = 0;
  std::int64_t published_reports = 0;
  std::int64_t commitments_loads = 0;
  std::string key_fingerprint;
};

std::vector<ledger::LogRecord> load_log(Workspace& ws);
std::vector<ledger::HeadSignature> load_signatures(Workspace& ws);

// Checks, in order: that the workspace's public key is the pinned one (and matches the .pub
// file beside it); the hash chain and every head signature; that the query tables say
// exactly what the log says; and that every batch's observations and vessel identity rows
// still hash to the digest sealed in its log record.
VerifyReport verify_workspace(Workspace& ws,
                              const std::optional<ledger::PublicKey>& pinned = std::nullopt);

}  // namespace vigil::store
