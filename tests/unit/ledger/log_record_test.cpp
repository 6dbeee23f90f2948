#include "vigil/ledger/log_record.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ledger/bundle.hpp"

namespace vigil::ledger {
namespace {

struct SignedLog {
  std::string workspace = "ws-1";
  std::shared_ptr<SigningKey> key = std::make_shared<SigningKey>(SigningKey::generate());
  std::vector<LogRecord> records;
  std::vector<HeadSignature> signatures;

  void append(const std::string& body, bool sign = true) {
    std::optional<LogRecord> prev;
    if (!records.empty()) prev = records.back();
    records.push_back(make_record(workspace, prev, "incident", "subject-" + body, body));
    if (sign) sign_head();
  }
  void sign_head() {
    Digest256 head{};
    from_hex(records.back().hash, head);
    const auto sig = key->sign(head_message(workspace, records.back().seq, head));
    signatures.push_back({records.back().seq, records.back().hash, to_hex(sig), "t"});
  }
  ChainVerdict verify() const {
    return verify_chain(workspace, records, signatures, key->public_key());
  }
};

SignedLog five_records() {
  SignedLog log;
  for (int i = 1; i <= 5; ++i)
    log.append(R"({"n":)" + std::to_string(i) + "}", i % 2 == 1 || i == 5);
  return log;
}

TEST(Chain, AnIntactLogVerifies) {
  const auto log = five_records();
  const auto v = log.verify();
  EXPECT_TRUE(v.ok) << v.message;
  EXPECT_EQ(v.records, 5);
  EXPECT_EQ(v.signatures, 3);
}

TEST(Chain, EveryChangedByteIsCaughtAtItsRecord) {
  const auto intact = five_records();
  for (std::size_t r = 0; r < intact.records.size(); ++r) {
    for (std::size_t b = 0; b < intact.records[r].body.size(); ++b) {
      auto log = intact;
      log.records[r].body[b] ^= 0x01;
      const auto v = log.verify();
      ASSERT_FALSE(v.ok);
      EXPECT_EQ(v.bad_seq, static_cast<std::int64_t>(r + 1)) << v.message;
    }
    auto log = intact;
    log.records[r].subject += "x";
    EXPECT_EQ(log.verify().bad_seq, static_cast<std::int64_t>(r + 1));
  }
}

TEST(Chain, ADeletedRecordIsNamed) {
  for (std::size_t r = 0; r < 4; ++r) {
    auto log = five_records();
    log.records.erase(log.records.begin() + static_cast<std::ptrdiff_t>(r));
    const auto v = log.verify();
    ASSERT_FALSE(v.ok);
    EXPECT_EQ(v.bad_seq, static_cast<std::int64_t>(r + 1)) << v.message;
  }
  auto log = five_records();
  log.records.pop_back();  // the signed head itself
  const auto v = log.verify();
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 5);
}

TEST(Chain, SwappedRecordsAreCaught) {
  auto log = five_records();
  std::swap(log.records[1], log.records[2]);
  auto v = log.verify();
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 2);
  // Swapping contents but keeping sequence numbers is caught by the hashes.
  log = five_records();
  std::swap(log.records[1].body, log.records[2].body);
  v = log.verify();
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 2);
}

TEST(Chain, ARewrittenChainFailsItsSignature) {
  // An attacker without the key rewrites record 2 and recomputes every hash after it.
  auto log = five_records();
  log.records[1].body = R"({"n":"forged"})";
  for (std::size_t i = 1; i < log.records.size(); ++i) {
    std::optional<LogRecord> prev = log.records[i - 1];
    log.records[i] = make_record(log.workspace, prev, log.records[i].kind, log.records[i].subject,
                                 log.records[i].body);
  }
  const auto v = log.verify();
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 2) << v.message;
  EXPECT_NE(v.message.find("signature"), std::string::npos);
}

TEST(Chain, AnUnsignedTailAndAForeignKeyFail) {
  auto log = five_records();
  log.append(R"({"n":6})", false);
  auto v = log.verify();
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 6);

  log = five_records();
  const auto other = SigningKey::generate();
  v = verify_chain(log.workspace, log.records, log.signatures, other.public_key());
  EXPECT_FALSE(v.ok);
  // The same records presented as another workspace's log do not verify either.
  v = verify_chain("ws-2", log.records, log.signatures, log.key->public_key());
  EXPECT_FALSE(v.ok);
}

TEST(Bundle, RoundTripsAndCatchesTampering) {
  test::TempDir dir;
  const auto log = five_records();
  Bundle bundle{log.workspace, log.key->public_key(), log.records, log.signatures, 0, {}};
  write_bundle(dir.file("b"), bundle);
  const auto read = read_bundle(dir.file("b"));
  EXPECT_TRUE(verify_bundle(read).ok);

  // Drop the last line of records.jsonl: the manifest still names the old head.
  const auto path = dir.file("b/records.jsonl");
  std::string text = test::read_file(path);
  text.erase(text.rfind('\n', text.size() - 2) + 1);
  dir.write("b/records.jsonl", text);
  const auto truncated = verify_bundle(read_bundle(dir.file("b")));
  EXPECT_FALSE(truncated.ok);
  EXPECT_EQ(truncated.bad_seq, 5);
}

}  // namespace
}  // namespace vigil::ledger
