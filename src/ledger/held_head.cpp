#include "vigil/ledger/held_head.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil::ledger {
namespace {

constexpr std::string_view kHeadFormat = "vigil-log-head-v1";

std::string describe(const HeadSignature& s) {
  return fmt::format("record {} hash {} signed at {} (signature {})", s.seq, s.hash, s.signed_at,
                     s.signature);
}

}  // namespace

nlohmann::json held_head_json(const HeldHead& held) {
  return {{"format", kHeadFormat},
          {"workspace_id", held.workspace_id},
          {"public_key", to_hex(held.public_key)},
          {"seq", held.head.seq},
          {"hash", held.head.hash},
          {"signed_at", held.head.signed_at},
          {"signature", held.head.signature}};
}

HeldHead parse_held_head(std::string_view text, std::string_view source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a JSON document: {}", source, e.what()));
  }
  const auto string_field = [&](const char* name) {
    if (!j.is_object() || !j.contains(name) || !j[name].is_string())
      throw std::runtime_error(fmt::format(
          "{}: field '{}' is missing or not a string (a head from vigil log head)", source, name));
    return j[name].get<std::string>();
  };
  if (string_field("format") != kHeadFormat)
    throw std::runtime_error(fmt::format("{}: unknown head format {}", source, j["format"].dump()));
  HeldHead held;
  held.workspace_id = string_field("workspace_id");
  const auto key = parse_public_key(string_field("public_key"));
  if (!key)
    throw std::runtime_error(fmt::format("{}: field 'public_key' is not an Ed25519 key", source));
  held.public_key = *key;
  if (!j.contains("seq") || !j["seq"].is_number_integer() || j["seq"].get<std::int64_t>() < 1)
    throw std::runtime_error(fmt::format("{}: field 'seq' must be a log seq (1 or more)", source));
  held.head = {j["seq"].get<std::int64_t>(), string_field("hash"), string_field("signature"),
               string_field("signed_at")};
  return held;
}

HeldHeadVerdict check_held_head(const HeldHead& held, std::string_view workspace_id,
                                const PublicKey& key, const std::vector<LogRecord>& records,
                                const std::vector<HeadSignature>& signatures) {
  using Outcome = HeldHeadVerdict::Outcome;
  if (held.workspace_id != workspace_id)
    return {Outcome::not_signed, fmt::format("the head is of workspace {}, the log of {}",
                                             held.workspace_id, workspace_id)};
  if (held.public_key != key ||
      check_head_signature(workspace_id, held.head, key) == HeadSignatureCheck::invalid)
    return {Outcome::not_signed, fmt::format("the head ({}) is not signed by the log's key {}",
                                             describe(held.head), fingerprint(key))};
  const auto seq = held.head.seq;
  if (seq < 1) return {Outcome::not_signed, "the head names no record (seq below 1)"};
  const auto last = records.empty() ? 0 : records.back().seq;
  if (seq > last)
    return {Outcome::cut_back,
            fmt::format("the log ends at record {}, but a head signed at {} holds record {}: the "
                        "log was cut back behind a head a party keeps",
                        last, held.head.signed_at, seq)};
  const auto& record = records[static_cast<std::size_t>(seq - 1)];
  if (record.hash == held.head.hash) return {Outcome::contained, {}};
  // The log's record at seq is covered by the first signature at or after it.
  const HeadSignature* covering = nullptr;
  for (const auto& s : signatures)
    if (s.seq >= seq) {
      covering = &s;
      break;
    }
  return {Outcome::equivocation,
          fmt::format("EQUIVOCATION: key {} signed two different logs. The head held: {}. The "
                      "log presented has record {} with hash {}, signed by the same key in {}",
                      fingerprint(key), describe(held.head), seq, record.hash,
                      covering ? describe(*covering) : std::string("no signature"))};
}

}  // namespace vigil::ledger
