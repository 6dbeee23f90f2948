#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ledger/log_record.hpp"

namespace vigil::ledger {

// A self-contained copy of a workspace's log that anyone can check without the workspace:
//   DIR/manifest.json     workspace id, public key, head seq and hash, export time
//   DIR/records.jsonl     one record per line: seq, kind, subject, body (exact text), hashes
//   DIR/signatures.jsonl  one head signature per line
//   DIR/public_key        the Ed25519 public key in hex
struct Bundle {
  std::string workspace_id;
  PublicKey public_key{};
  std::vector<LogRecord> records;
  std::vector<HeadSignature> signatures;
  // What the manifest claims, checked against the records by verify_bundle.
  std::int64_t manifest_records = 0;
  std::string manifest_head_hash;
};

// A record and a head signature as a bundle's lines hold them (and GET /api/v1/log).
nlohmann::json record_json(const LogRecord& record);
nlohmann::json signature_json(const HeadSignature& signature);

// Writes the bundle into `dir` (created if missing; existing bundle files are replaced).
void write_bundle(const std::string& dir, const Bundle& bundle);

// Reads a bundle; throws naming the file and line of anything malformed.
Bundle read_bundle(const std::string& dir);

// verify_chain over the bundle, after checking that the manifest matches its records.
ChainVerdict verify_bundle(const Bundle& bundle);

}  // namespace vigil::ledger
