#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ledger/log_record.hpp"

namespace vigil::ledger {

// A self-contained copy of a workspace's log that anyone can check without the workspace:
//   DIR/manifest.json     workspace id, public key, record count, head seq and hash, export
//                         time, and the signature of all of these by the workspace's key
//   DIR/records.jsonl     one record per line: seq, kind, subject, body (exact text), hashes
//   DIR/signatures.jsonl  one head signature per line
//   DIR/public_key        the Ed25519 public key in hex
// The manifest is signed so that a bundle cut back to an earlier head (its newest records and
// signatures deleted, the manifest edited to match) no longer verifies.
struct Bundle {
  std::string workspace_id;
  PublicKey public_key{};
  std::vector<LogRecord> records;
  std::vector<HeadSignature> signatures;
  // What a bundle read from disk claims, checked by verify_bundle.
  std::string exported_at;
  std::string manifest_signature;  // hex
  std::int64_t manifest_records = 0;
  std::int64_t manifest_head_seq = 0;
  std::string manifest_head_hash;
  std::optional<PublicKey> public_key_file;  // the key in DIR/public_key
};
// A record and a head signature as a bundle's lines hold them (and GET /api/v1/log).
nlohmann::json record_json(const LogRecord& record);
nlohmann::json signature_json(const HeadSignature& signature);

// Writes the bundle into `dir` (created if missing; existing bundle files are replaced), its
// manifest signed with `key` (the workspace's own).
void write_bundle(const std::string& dir, const Bundle& bundle, const SigningKey& key);

// Reads a bundle; throws naming the file and line of anything malformed.
Bundle read_bundle(const std::string& dir);

// Checks the manifest's signature and that it and the public_key file agree with the records,
// then verify_chain over the records.
ChainVerdict verify_bundle(const Bundle& bundle);

}  // namespace vigil::ledger
