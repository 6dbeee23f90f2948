#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "vigil/ledger/log_record.hpp"

namespace vigil::ledger {

// A signed head that a party keeps (vigil log head): the log's seq and hash at one moment,
// signed by the workspace's key. Whoever holds it can later show that a log presented to
// them still contains that record, and a head the signer signed for the same seq with
// another hash is proof, in the signer's own signatures, that the signer equivocated.
struct HeldHead {
  std::string workspace_id;
  PublicKey public_key{};
  HeadSignature head;
};

nlohmann::json held_head_json(const HeldHead& held);
// Parses a document written by held_head_json; throws naming `source` and the field.
HeldHead parse_held_head(std::string_view text, std::string_view source);

struct HeldHeadVerdict {
  enum class Outcome {
    contained,     // the log holds the record at its seq with its hash
    not_signed,    // the head is not signed by the log's key for this workspace
    cut_back,      // the log ends before the head's seq
    equivocation,  // the log holds another hash at that seq: both signed by the key
  };
  Outcome outcome = Outcome::contained;
  std::string message;
};

// Checks a held head against a log already verified on its own (verify_chain) with `key`.
HeldHeadVerdict check_held_head(const HeldHead& held, std::string_view workspace_id,
                                const PublicKey& key, const std::vector<LogRecord>& records,
                                const std::vector<HeadSignature>& signatures);

}  // namespace vigil::ledger
