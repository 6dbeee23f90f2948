#include <fmt/format.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

// A workspace with observations, three incidents and two reviews: log records
// 1 batch, 2-4 incidents, 5-6 reviews.
class TamperTest : public BackendWorkspaceFixture {
 protected:
  void SetUp() override {
    BackendWorkspaceFixture::SetUp();
    if (IsSkipped()) return;
    ingest("obs.jsonl", observation_line(1, R"(,"id":"o1")") +
                            observation_line(2, R"(,"id":"o2")") +
                            observation_line(3, R"(,"id":"o3")"));
    auto ws = open();
    store::IncidentWriter writer(ws);
    for (int i = 0; i < 3; ++i) {
      Incident incident;
      incident.rule = "ceasefire.fire";
      incident.start = incident.end = *parse_rfc3339("2025-02-20T10:00:00Z") + i;
      incident.lat = 48.1;
      incident.lon = 37.7;
      incident.evidence = {"o" + std::to_string(i + 1)};
      incident.entities = {"patrol:P-" + std::to_string(i)};
      incident.recorded_by = "test";
      ids_.push_back(writer.add(incident).id);
    }
    writer.commit();
    store::IncidentWriter reviews(ws);
    reviews.review({ids_[0], IncidentStatus::confirmed, "alice", "seen on camera", 1});
    reviews.commit();
    store::IncidentWriter more(ws);
    more.review({ids_[1], IncidentStatus::dismissed, "bob", "duplicate report", 2});
    more.commit();
    const auto v = verify();
    ASSERT_TRUE(v.ok) << v.problem;
    ASSERT_EQ(v.records, 6);
  }

  void expect_caught(std::int64_t seq, const std::string& why) {
    const auto v = verify();
    EXPECT_FALSE(v.ok) << why;
    EXPECT_EQ(v.bad_seq, seq) << why << ": " << v.problem;
  }

  std::vector<std::string> ids_;
};

TEST_P(TamperTest, OneChangedByteInAnyIncidentOrReviewRecord) {
  for (std::int64_t seq = 2; seq <= 6; ++seq) {
    const auto length =
        count(fmt::format("SELECT length(body) FROM log_records WHERE seq = {}", seq));
    // Every 5th byte; every 23rd on PostgreSQL, where each edit and check is a round trip.
    const std::int64_t stride = backend() == Backend::postgresql ? 23 : 5;
    for (std::int64_t pos = 1; pos <= length; pos += stride) {
      // Flip one character to another printable one, then put it back.
      tamper(
          fmt::format("UPDATE log_records SET body = substr(body, 1, {0} - 1) || "
                      "char((unicode(substr(body, {0}, 1)) | 1) - (unicode(substr(body, {0}, 1)) & "
                      "1)) || substr(body, {0} + 1) WHERE seq = {1}",
                      pos, seq));
      expect_caught(seq, fmt::format("byte {} of record {}", pos, seq));
      tamper(
          fmt::format("UPDATE log_records SET body = substr(body, 1, {0} - 1) || "
                      "char((unicode(substr(body, {0}, 1)) | 1) - (unicode(substr(body, {0}, 1)) & "
                      "1)) || substr(body, {0} + 1) WHERE seq = {1}",
                      pos, seq));
      ASSERT_TRUE(verify().ok);
    }
  }
}

TEST_P(TamperTest, ADeletedIncidentOrReviewRecord) {
  tamper("DELETE FROM log_records WHERE seq = 3");
  expect_caught(3, "deleted incident record");
}

TEST_P(TamperTest, TheDeletedLastReview) {
  tamper("DELETE FROM log_records WHERE seq = 6");
  expect_caught(6, "deleted review record");
}

TEST_P(TamperTest, TwoRecordsReordered) {
  tamper(
      "UPDATE log_records SET seq = -3 WHERE seq = 3;"
      "UPDATE log_records SET seq = 3 WHERE seq = 4;"
      "UPDATE log_records SET seq = 4 WHERE seq = -3;");
  expect_caught(3, "records 3 and 4 swapped");
}

TEST_P(TamperTest, TwoReviewBodiesSwapped) {
  tamper(
      "UPDATE log_records SET body = (SELECT body FROM log_records WHERE seq = 6), "
      "subject = (SELECT subject FROM log_records WHERE seq = 6) WHERE seq = 5");
  expect_caught(5, "review 5 replaced by review 6");
}

TEST_P(TamperTest, TheQueryTablesMustSayWhatTheLogSays) {
  tamper(fmt::format("UPDATE incidents SET status = 'confirmed' WHERE id = '{}'", ids_[2]));
  expect_caught(4, "status changed outside the log");
  tamper(fmt::format("UPDATE incidents SET status = 'open' WHERE id = '{}'", ids_[2]));
  ASSERT_TRUE(verify().ok);
  // The log hash that listings show is the record's own.
  tamper(
      fmt::format("UPDATE incidents SET log_hash = (SELECT hash FROM log_records WHERE seq = 2) "
                  "WHERE id = '{}'",
                  ids_[1]));
  expect_caught(3, "log hash changed");
  tamper(
      fmt::format("UPDATE incidents SET log_hash = (SELECT hash FROM log_records WHERE seq = 3) "
                  "WHERE id = '{}'",
                  ids_[1]));
  ASSERT_TRUE(verify().ok);
  tamper(fmt::format("DELETE FROM incident_evidence WHERE incident_id = '{}'", ids_[1]));
  expect_caught(3, "evidence link removed");
}

TEST_P(TamperTest, ReviewTableEdits) {
  tamper("UPDATE reviews SET note = 'nothing to see' WHERE log_seq = 5");
  expect_caught(5, "review note changed");
}

TEST_P(TamperTest, AlteredDroppedOrSlippedInObservations) {
  tamper("UPDATE observations SET lat = lat + 0.001 WHERE id = 'o2'");
  expect_caught(1, "observation moved");
  tamper("UPDATE observations SET lat = lat - 0.001 WHERE id = 'o2'");
  ASSERT_TRUE(verify().ok);
  tamper("DELETE FROM observations WHERE id = 'o3'");
  expect_caught(1, "observation deleted");
}

// The tallies kept for listing who and what was observed are not in the log; they are
// recomputed from the observations (already checked against their batches) and compared.
TEST_P(TamperTest, TheEntityAndSourceTalliesMustBeTheObservations) {
  const struct {
    const char* edit;
    const char* undo;
  } edits[] = {
      {"UPDATE entities SET observations = observations + 1 WHERE id = 'patrol:P-1'",
       "UPDATE entities SET observations = observations - 1 WHERE id = 'patrol:P-1'"},
      {"UPDATE entities SET last_time = last_time + 1",
       "UPDATE entities SET last_time = last_time - 1"},
      {"UPDATE entities SET namespace = 'camera'", "UPDATE entities SET namespace = 'patrol'"},
      {"UPDATE sources SET first_time = first_time - 1",
       "UPDATE sources SET first_time = first_time + 1"},
      {"INSERT INTO sources(id, first_time, last_time, observations) VALUES ('zz-ghost', 1, 2, 3)",
       "DELETE FROM sources WHERE id = 'zz-ghost'"},
      {"INSERT INTO entities(id, namespace, first_time, last_time, observations) "
       "VALUES ('a:ghost', 'a', 1, 2, 3)",
       "DELETE FROM entities WHERE id = 'a:ghost'"},
  };
  ingest("entities.jsonl", observation_line(4, R"(,"id":"o4","entity":"patrol:P-1")") +
                               observation_line(5, R"(,"id":"o5","entity":"patrol:P-1")"));
  ASSERT_EQ(count("SELECT observations FROM entities WHERE id = 'patrol:P-1'"), 2);
  ASSERT_TRUE(verify().ok);
  for (const auto& e : edits) {
    tamper(e.edit);
    const auto v = verify();
    EXPECT_FALSE(v.ok) << e.edit;
    EXPECT_TRUE(v.problem.find("entities row") != std::string::npos ||
                v.problem.find("sources row") != std::string::npos)
        << v.problem;
    tamper(e.undo);
    ASSERT_TRUE(verify().ok) << e.undo;
  }
  tamper("DELETE FROM sources");
  EXPECT_FALSE(verify().ok);
}

TEST_P(TamperTest, AnObservationSlippedIntoABatch) {
  tamper(
      "INSERT INTO observations(id, time_us, lat, lon, kind, source, attributes, "
      "content_digest, batch) SELECT 'o9', time_us, lat, lon, kind, source, attributes, "
      "content_digest, batch FROM observations WHERE id = 'o1'");
  expect_caught(1, "observation added");
}

TEST_P(TamperTest, ADroppedSignatureOrSwappedKey) {
  tamper("DELETE FROM log_signatures WHERE seq = 6");
  expect_caught(6, "head signature removed");
}

TEST_P(TamperTest, AReplacedPublicKeyDoesNotMatchThePinnedOne) {
  const auto other = ledger::SigningKey::generate();
  tamper(fmt::format("UPDATE meta SET value = '{}' WHERE key = 'public_key'",
                     to_hex(other.public_key())));
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find(".pub"), std::string::npos) << v.problem;
}

TEST_P(TamperTest, TheLogRefusesUpdatesThroughSql) {
  auto ws = open();
  EXPECT_THROW(ws.db().exec("UPDATE log_records SET body = '{}' WHERE seq = 2"),
               store::DatabaseError);
  EXPECT_THROW(ws.db().exec("DELETE FROM log_records WHERE seq = 2"), store::DatabaseError);
}

TEST_P(TamperTest, ReviewsNeedAKnownIncidentAndLoggingTwiceAddsNothing) {
  auto ws = open();
  store::IncidentWriter writer(ws);
  EXPECT_THROW(writer.review({"no-such-incident", IncidentStatus::confirmed, "x", "y", 1}),
               std::invalid_argument);
  Incident again;
  again.rule = "ceasefire.fire";
  again.start = again.end = *parse_rfc3339("2025-02-20T10:00:00Z");
  again.lat = 48.1;
  again.lon = 37.7;
  again.evidence = {"o1"};
  again.entities = {"patrol:P-0"};
  const auto logged = writer.add(again);
  EXPECT_FALSE(logged.created);
  EXPECT_EQ(logged.id, ids_[0]);
  Incident unknown = again;
  unknown.evidence = {"missing"};
  EXPECT_THROW(writer.add(unknown), std::invalid_argument);
  writer.commit();
  EXPECT_EQ(count("SELECT COUNT(*) FROM log_records"), 6);
}

INSTANTIATE_BOTH_BACKENDS(TamperTest);

}  // namespace
}  // namespace vigil::test
