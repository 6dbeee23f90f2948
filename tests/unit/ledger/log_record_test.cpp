#include "vigil/ledger/log_record.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/ledger/held_head.hpp"

#include <nlohmann/json.hpp>

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
    signatures.push_back(ledger::sign_head(workspace, records.back().seq, records.back().hash,
                                           "2025-02-20T10:00:00Z", *key));
  }
  ChainVerdict verify() const {
    return verify_chain(workspace, records, signatures, key->public_key());
  }
  Bundle bundle() const {
    Bundle out;
    out.workspace_id = workspace;
    out.public_key = key->public_key();
    out.records = records;
    out.signatures = signatures;
    return out;
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
  write_bundle(dir.file("b"), log.bundle(), *log.key);
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

// The probe edited a signature's time behind vigil's back and the log still verified.
TEST(Chain, ASignaturesTimeIsPartOfWhatIsSigned) {
  auto log = five_records();
  ASSERT_TRUE(log.verify().ok);
  log.signatures[1].signed_at = "2025-02-21T10:00:00Z";
  const auto v = log.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.message.find("time was changed"), std::string::npos) << v.message;
}

// Workspaces signed before times were signed still verify, and say how many such
// signatures they hold (their times can be edited, their heads cannot).
TEST(Chain, SignaturesFromBeforeTimesWereSignedVerifyAndAreCounted) {
  auto log = five_records();
  Digest256 head{};
  from_hex(log.records[2].hash, head);
  log.signatures[1].signature = to_hex(log.key->sign(untimed_head_message(log.workspace, 3, head)));
  auto v = log.verify();
  ASSERT_TRUE(v.ok) << v.message;
  EXPECT_EQ(v.untimed_signatures, 1);
  EXPECT_EQ(check_head_signature(log.workspace, log.signatures[1], log.key->public_key()),
            HeadSignatureCheck::untimed);
  EXPECT_EQ(check_head_signature(log.workspace, log.signatures[0], log.key->public_key()),
            HeadSignatureCheck::timed);
  log.signatures[1].hash = log.records[1].hash;
  EXPECT_FALSE(log.verify().ok) << "an untimed signature still covers its head";
}

class BundleTest : public ::testing::Test {
 protected:
  BundleTest() { write_bundle(dir_.file("b"), log_.bundle(), *log_.key); }
  ChainVerdict verify() { return verify_bundle(read_bundle(dir_.file("b"))); }
  nlohmann::json manifest() {
    return nlohmann::json::parse(test::read_file(dir_.file("b/manifest.json")));
  }
  void write_manifest(const nlohmann::json& m) { dir_.write("b/manifest.json", m.dump(2)); }
  // Drops every line of a bundle file from the `keep`+1-th on.
  void keep_lines(const std::string& file, std::size_t keep) {
    const std::string text = test::read_file(dir_.file("b/" + file));
    std::size_t at = 0;
    for (std::size_t i = 0; i < keep; ++i)
      at = text.find('\n', at) + 1;
    dir_.write("b/" + file, text.substr(0, at));
  }
  test::TempDir dir_;
  SignedLog log_ = five_records();
};

TEST_F(BundleTest, CutBackToAnEarlierSignedHeadWithTheManifestEditedDoesNotVerify) {
  ASSERT_TRUE(verify().ok);
  // Records 4 and 5 and their signature deleted: what is left is a whole log signed at 3.
  keep_lines("records.jsonl", 3);
  keep_lines("signatures.jsonl", 2);
  auto m = manifest();
  m["records"] = 3;
  m["head_seq"] = 3;
  m["head_hash"] = log_.records[2].hash;
  write_manifest(m);
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.message.find("manifest's signature does not hold"), std::string::npos) << v.message;
}

TEST_F(BundleTest, EveryManifestFieldIsSigned) {
  const auto intact = manifest();
  for (const auto& [name, value] : intact.items()) {
    if (name == "format") continue;
    auto m = intact;
    if (value.is_string()) {
      auto text = value.get<std::string>();
      text[text.size() / 2] = text[text.size() / 2] == '1' ? '2' : '1';
      m[name] = text;
    } else {
      m[name] = value.get<std::int64_t>() + 1;
    }
    write_manifest(m);
    bool refused = false;
    try {
      refused = !verify().ok;
    } catch (const std::runtime_error&) {
      refused = true;  // a key that no longer parses
    }
    EXPECT_TRUE(refused) << name;
  }
}

TEST_F(BundleTest, APublicKeyFileThatDisagreesWithTheManifestDoesNotVerify) {
  const auto other = SigningKey::generate();
  dir_.write("b/public_key", to_hex(other.public_key()) + "\n");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.message.find("public_key file"), std::string::npos) << v.message;
  std::filesystem::remove(dir_.file("b/public_key"));
  EXPECT_FALSE(verify().ok);
}

TEST_F(BundleTest, AnUnsignedManifestOfTheFirstFormatIsRefusedWithAReason) {
  auto m = manifest();
  m["format"] = "vigil-log-bundle-v1";
  write_manifest(m);
  try {
    verify();
    FAIL() << "a v1 bundle was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unsigned manifest"), std::string::npos) << e.what();
  }
}

HeldHead head_of(const SignedLog& log, std::size_t signature) {
  return {log.workspace, log.key->public_key(), log.signatures[signature]};
}

TEST(HeldHead, RoundTripsAsJson) {
  const auto log = five_records();
  const auto held = head_of(log, 2);
  const auto back = parse_held_head(held_head_json(held).dump(), "head.json");
  EXPECT_EQ(back.workspace_id, held.workspace_id);
  EXPECT_EQ(back.public_key, held.public_key);
  EXPECT_EQ(back.head.seq, 5);
  EXPECT_EQ(back.head.hash, held.head.hash);
  EXPECT_EQ(back.head.signature, held.head.signature);
  EXPECT_EQ(back.head.signed_at, held.head.signed_at);
  EXPECT_THROW(parse_held_head("{}", "h.json"), std::runtime_error);
  EXPECT_THROW(parse_held_head("[1]", "h.json"), std::runtime_error);
  EXPECT_THROW(parse_held_head("not json", "h.json"), std::runtime_error);
}

TEST(HeldHead, ALogThatHoldsTheHeadPassesAndOneCutBackBehindItFails) {
  auto log = five_records();
  const auto key = log.key->public_key();
  for (std::size_t i = 0; i < log.signatures.size(); ++i)
    EXPECT_EQ(
        check_held_head(head_of(log, i), log.workspace, key, log.records, log.signatures).outcome,
        HeldHeadVerdict::Outcome::contained);
  const auto newest = head_of(log, 2);  // record 5
  log.records.resize(3);
  log.signatures.resize(2);
  ASSERT_TRUE(log.verify().ok) << "the cut-back log is whole on its own";
  const auto v = check_held_head(newest, log.workspace, key, log.records, log.signatures);
  EXPECT_EQ(v.outcome, HeldHeadVerdict::Outcome::cut_back);
  EXPECT_NE(v.message.find("ends at record 3"), std::string::npos) << v.message;
}

TEST(HeldHead, TwoSignedHeadsWithOneSeqAndTwoHashesAreEquivocationWithBothSignatures) {
  const auto log = five_records();
  // The signer rewrites record 4 and signs the new history.
  SignedLog forked = log;
  forked.records.resize(3);
  forked.signatures.resize(2);
  forked.append(R"({"n":40})", false);
  forked.append(R"({"n":50})");
  ASSERT_TRUE(forked.verify().ok);
  const auto held = head_of(log, 2);  // record 5 of the first history
  const auto v = check_held_head(held, log.workspace, log.key->public_key(), forked.records,
                                 forked.signatures);
  EXPECT_EQ(v.outcome, HeldHeadVerdict::Outcome::equivocation);
  EXPECT_NE(v.message.find(held.head.signature), std::string::npos) << v.message;
  EXPECT_NE(v.message.find(forked.signatures.back().signature), std::string::npos) << v.message;
}

TEST(HeldHead, AHeadNotSignedByTheLogsKeyOrOfAnotherWorkspaceIsRefused) {
  const auto log = five_records();
  auto held = head_of(log, 2);
  const auto key = log.key->public_key();
  held.head.signed_at = "2030-01-01T00:00:00Z";
  EXPECT_EQ(check_held_head(held, log.workspace, key, log.records, log.signatures).outcome,
            HeldHeadVerdict::Outcome::not_signed);
  held = head_of(log, 2);
  EXPECT_EQ(check_held_head(held, "ws-2", key, log.records, log.signatures).outcome,
            HeldHeadVerdict::Outcome::not_signed);
  held.head.seq = 0;
  EXPECT_EQ(check_held_head(held, log.workspace, key, log.records, log.signatures).outcome,
            HeldHeadVerdict::Outcome::not_signed);
  held = head_of(log, 2);
  const auto other = SigningKey::generate();
  held.public_key = other.public_key();
  EXPECT_EQ(check_held_head(held, log.workspace, key, log.records, log.signatures).outcome,
            HeldHeadVerdict::Outcome::not_signed);
}

}  // namespace
}  // namespace vigil::ledger
