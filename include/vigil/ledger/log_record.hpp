#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/core/hash.hpp"
#include "vigil/ledger/signing.hpp"

namespace vigil::ledger {

// Kinds of log record. "batch" seals the observations one ingest added (their ids and
// content digests), so a dropped or altered observation is caught too; "lists" seals the
// entries of one loaded sanctions list file.
inline constexpr std::string_view kIncidentRecord = "incident";
inline constexpr std::string_view kReviewRecord = "review";
inline constexpr std::string_view kBatchRecord = "batch";
inline constexpr std::string_view kListsRecord = "lists";
inline constexpr std::string_view kLineRecord = "line";
inline constexpr std::string_view kSettlementRecord = "settlement";
inline constexpr std::string_view kSensorsRecord = "sensors";
inline constexpr std::string_view kReportRecord = "report";
// A key for vigil serve made or revoked: who holds which role is part of what the log proves.
inline constexpr std::string_view kKeyRecord = "key";
// One loaded commitments table (defence spending, support to Ukraine).
inline constexpr std::string_view kCommitmentsRecord = "commitments";

// One append-only entry of the log. `hash` covers the sequence number, kind, subject, body
// and the previous record's hash, so changing, dropping or reordering any record breaks
// every hash after it.
struct LogRecord {
  std::int64_t seq = 0;
  std::string kind;
  std::string subject;    // the incident id, or "batch:N"
  std::string body;       // canonical JSON (sorted keys, no whitespace)
  std::string prev_hash;  // hex
  std::string hash;       // hex
};

// The signature over the chain head made when a transaction that appended records commits.
struct HeadSignature {
  std::int64_t seq = 0;
  std::string hash;       // hex of the record at `seq`
  std::string signature;  // hex Ed25519 signature of head_message(...)
  std::string signed_at;  // RFC 3339
};

// The hash that precedes record 1: it binds the chain to one workspace.
Digest256 genesis_hash(std::string_view workspace_id);

Digest256 record_hash(const Digest256& prev, std::int64_t seq, std::string_view kind,
                      std::string_view subject, std::string_view body);

// The bytes an Ed25519 head signature covers: the workspace, the seq and hash of the head,
// and the time of signing (so that the time cannot be edited either).
std::vector<std::uint8_t> head_message(std::string_view workspace_id, std::int64_t seq,
                                       const Digest256& head, std::string_view signed_at);
// What signatures made before their time was signed cover (no time).
std::vector<std::uint8_t> untimed_head_message(std::string_view workspace_id, std::int64_t seq,
                                               const Digest256& head);

// Signs the head `seq`/`hash` (hex) at `signed_at`.
HeadSignature sign_head(std::string_view workspace_id, std::int64_t seq, std::string hash,
                        std::string signed_at, const SigningKey& key);

enum class HeadSignatureCheck {
  invalid,  // not a signature of this head by this key
  timed,    // covers the head and its time
  untimed,  // an older signature: covers the head, not its time
};
HeadSignatureCheck check_head_signature(std::string_view workspace_id, const HeadSignature& head,
                                        const PublicKey& key);

// Makes a record that follows `prev_hash` (hex).
LogRecord make_record(std::string_view workspace_id, const std::optional<LogRecord>& previous,
                      std::string kind, std::string subject, std::string body);

struct ChainVerdict {
  bool ok = true;
  std::int64_t bad_seq = 0;  // the first record that fails (0 when ok)
  std::string message;
  std::int64_t records = 0;
  std::int64_t signatures = 0;
  std::int64_t untimed_signatures = 0;  // valid, from before signing times were signed
};

// Checks that records 1..n follow each other, that every hash matches its content, that every
// head signature is valid for the record it names, and that the last record is signed.
// Records must be given in storage order (by seq).
ChainVerdict verify_chain(std::string_view workspace_id, const std::vector<LogRecord>& records,
                          const std::vector<HeadSignature>& signatures, const PublicKey& key);

}  // namespace vigil::ledger
