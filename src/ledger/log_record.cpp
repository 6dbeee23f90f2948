#include "vigil/ledger/log_record.hpp"

#include <fmt/format.h>

namespace vigil::ledger {
namespace {

std::string hex(const Digest256& d) {
  return to_hex(d);
}

}  // namespace

Digest256 genesis_hash(std::string_view workspace_id) {
  Digest256 d{};
  Blake2b(d.size()).update("vigil-genesis-v1\x1f").update(workspace_id).finish(d);
  return d;
}

Digest256 record_hash(const Digest256& prev, std::int64_t seq, std::string_view kind,
                      std::string_view subject, std::string_view body) {
  Digest256 d{};
  Blake2b(d.size())
      .update("vigil-log-v1\x1f")
      .update(prev)
      .update_u64(static_cast<std::uint64_t>(seq))
      .update(kind)
      .update("\x1f")
      .update(subject)
      .update("\x1f")
      .update(body)
      .finish(d);
  return d;
}

namespace {

std::string head_message_text(std::string_view version, std::string_view workspace_id,
                              std::int64_t seq, const Digest256& head) {
  std::string text(version);
  text += '\x1f';
  text += workspace_id;
  text += '\x1f';
  for (int shift = 56; shift >= 0; shift -= 8)
    text += static_cast<char>((static_cast<std::uint64_t>(seq) >> shift) & 0xff);
  text.append(reinterpret_cast<const char*>(head.data()), head.size());
  return text;
}

}  // namespace

std::vector<std::uint8_t> head_message(std::string_view workspace_id, std::int64_t seq,
                                       const Digest256& head, std::string_view signed_at) {
  auto text = head_message_text("vigil-head-v2", workspace_id, seq, head);
  text += '\x1f';
  text += signed_at;
  return {text.begin(), text.end()};
}

std::vector<std::uint8_t> untimed_head_message(std::string_view workspace_id, std::int64_t seq,
                                               const Digest256& head) {
  const auto text = head_message_text("vigil-head-v1", workspace_id, seq, head);
  return {text.begin(), text.end()};
}

HeadSignature sign_head(std::string_view workspace_id, std::int64_t seq, std::string hash,
                        std::string signed_at, const SigningKey& key) {
  Digest256 head{};
  if (!from_hex(hash, head))
    throw std::runtime_error(fmt::format("log record {} has a malformed hash", seq));
  const auto signature = key.sign(head_message(workspace_id, seq, head, signed_at));
  return {seq, std::move(hash), to_hex(signature), std::move(signed_at)};
}

HeadSignatureCheck check_head_signature(std::string_view workspace_id, const HeadSignature& head,
                                        const PublicKey& key) {
  Digest256 digest{};
  const auto signature = parse_signature(head.signature);
  if (!from_hex(head.hash, digest) || !signature) return HeadSignatureCheck::invalid;
  if (verify_signature(key, head_message(workspace_id, head.seq, digest, head.signed_at),
                       *signature))
    return HeadSignatureCheck::timed;
  if (verify_signature(key, untimed_head_message(workspace_id, head.seq, digest), *signature))
    return HeadSignatureCheck::untimed;
  return HeadSignatureCheck::invalid;
}

LogRecord make_record(std::string_view workspace_id, const std::optional<LogRecord>& previous,
                      std::string kind, std::string subject, std::string body) {
  Digest256 prev = genesis_hash(workspace_id);
  std::int64_t seq = 1;
  if (previous) {
    if (!from_hex(previous->hash, prev))
      throw std::runtime_error(fmt::format("log record {} has a malformed hash", previous->seq));
    seq = previous->seq + 1;
  }
  LogRecord record{seq, std::move(kind), std::move(subject), std::move(body), hex(prev), {}};
  record.hash = hex(record_hash(prev, seq, record.kind, record.subject, record.body));
  return record;
}

ChainVerdict verify_chain(std::string_view workspace_id, const std::vector<LogRecord>& records,
                          const std::vector<HeadSignature>& signatures, const PublicKey& key) {
  ChainVerdict verdict;
  verdict.records = static_cast<std::int64_t>(records.size());
  verdict.signatures = static_cast<std::int64_t>(signatures.size());
  auto fail = [&](std::int64_t seq, std::string message) {
    verdict.ok = false;
    verdict.bad_seq = seq;
    verdict.message = std::move(message);
    return verdict;
  };
  Digest256 prev = genesis_hash(workspace_id);
  std::int64_t expected = 1;
  for (const LogRecord& r : records) {
    if (r.seq != expected)
      return fail(expected, fmt::format("record {} is missing (the next stored record is {})",
                                        expected, r.seq));
    Digest256 stored_prev{};
    if (!from_hex(r.prev_hash, stored_prev) || stored_prev != prev)
      return fail(r.seq, fmt::format("record {} ({} {}) does not follow record {}: its previous "
                                     "hash differs",
                                     r.seq, r.kind, r.subject, r.seq - 1));
    const Digest256 actual = record_hash(prev, r.seq, r.kind, r.subject, r.body);
    Digest256 stored{};
    if (!from_hex(r.hash, stored) || stored != actual)
      return fail(r.seq, fmt::format("record {} ({} {}) was altered: its content does not match "
                                     "its hash",
                                     r.seq, r.kind, r.subject));
    prev = actual;
    ++expected;
  }
  const std::int64_t last = expected - 1;
  std::int64_t previous_signed = 0;
  for (const HeadSignature& s : signatures) {
    if (s.seq > last)
      return fail(s.seq, fmt::format("record {} is missing: a signature covers it but the log "
                                     "ends at record {}",
                                     s.seq, last));
    if (s.seq <= previous_signed)
      return fail(s.seq, fmt::format("signatures out of order at record {}", s.seq));
    const LogRecord& r = records[static_cast<std::size_t>(s.seq - 1)];
    const auto check =
        s.hash == r.hash ? check_head_signature(workspace_id, s, key) : HeadSignatureCheck::invalid;
    if (check == HeadSignatureCheck::untimed) ++verdict.untimed_signatures;
    if (check == HeadSignatureCheck::invalid)
      return fail(previous_signed + 1,
                  fmt::format("the signature over records {}..{} does not hold: one of them was "
                              "rewritten, the signature's time was changed, or the log was "
                              "signed with another key",
                              previous_signed + 1, s.seq));
    previous_signed = s.seq;
  }
  if (previous_signed != last)
    return fail(previous_signed + 1, fmt::format("records {}..{} are not covered by a signature",
                                                 previous_signed + 1, last));
  return verdict;
}

}  // namespace vigil::ledger
