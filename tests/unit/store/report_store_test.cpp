#include "vigil/store/report_store.hpp"

#include <fmt/format.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

class ReportStoreTest : public BackendWorkspaceFixture {
 protected:
  store::PublishedReport publish(const std::string& date, const std::string& markdown,
                                 const std::string& note = "") {
    auto ws = open();
    const auto head = ws.head();
    return store::publish_report(ws, date, {markdown, "<html>" + markdown + "</html>", "<svg/>"},
                                 head ? head->hash : "", note, "analyst one");
  }
};

TEST_P(ReportStoreTest, APublicationIsFrozenAndSealedInTheLog) {
  ingest("obs.jsonl", observation_line(1, R"(,"id":"o1")"));
  const auto first = publish("2025-02-21", "# 21 February", "first edition");
  EXPECT_EQ(first.log_seq, 2);
  EXPECT_EQ(first.published_by, "analyst one");
  auto ws = open();
  EXPECT_EQ(first.log_hash, ws.head()->hash);
  EXPECT_EQ(*store::published_report_text(ws, first.id, "md"), "# 21 February");
  EXPECT_EQ(*store::published_report_text(ws, first.id, "html"), "<html># 21 February</html>");
  EXPECT_EQ(*store::published_report_text(ws, first.id, "svg"), "<svg/>");
  EXPECT_FALSE(store::published_report_text(ws, first.id, "pdf"));
  EXPECT_FALSE(store::published_report_text(ws, first.id + 100, "md"));

  const auto found = store::find_published_report(ws, first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->note, "first edition");
  EXPECT_EQ(found->date, "2025-02-21");
  EXPECT_EQ(found->published_at, first.published_at);

  const auto v = verify();
  ASSERT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.published_reports, 1);
}

TEST_P(ReportStoreTest, ListsNewestFirstAndByDay) {
  const auto a = publish("2025-02-21", "a");
  const auto b = publish("2025-02-22", "b");
  const auto c = publish("2025-02-21", "c", "corrected");
  auto ws = open();
  const auto all = store::published_reports(ws);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, c.id);
  EXPECT_EQ(all[1].id, b.id);
  EXPECT_EQ(all[2].id, a.id);
  const auto day = store::published_reports(ws, std::string("2025-02-21"));
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(day[0].note, "corrected");
  EXPECT_TRUE(store::published_reports(ws, std::string("2025-02-23")).empty());
}

TEST_P(ReportStoreTest, VerifyCatchesAChangedPublication) {
  const auto first = publish("2025-02-21", "# 21 February");
  publish("2025-02-22", "# 22 February");
  for (const std::string column : {"markdown", "html", "svg"}) {
    tamper(fmt::format("UPDATE published_reports SET {0} = {0} || ' ' WHERE id = {1}", column,
                       first.id));
    const auto v = verify();
    EXPECT_FALSE(v.ok) << column;
    EXPECT_EQ(v.bad_seq, first.log_seq) << column;
    EXPECT_NE(v.problem.find("published report"), std::string::npos) << v.problem;
    tamper(
        fmt::format("UPDATE published_reports SET {0} = substr({0}, 1, length({0}) - 1) "
                    "WHERE id = {1}",
                    column, first.id));
    EXPECT_TRUE(verify().ok) << column;
  }
  tamper(fmt::format("DELETE FROM published_reports WHERE id = {}", first.id));
  EXPECT_EQ(verify().bad_seq, first.log_seq);
}

// The probe changed a published report's date, note, publisher and log head and it still
// verified: the whole record body is now recomputed from the row.
TEST_P(ReportStoreTest, VerifyCatchesEveryColumnOfAPublicationAndAnAddedRow) {
  const auto first = publish("2025-02-21", "# 21 February", "first edition");
  publish("2025-02-22", "# 22 February");
  ASSERT_TRUE(verify().ok);
  const struct {
    const char* set;
    const char* undo;
  } edits[] = {
      {"date = '2025-02-20'", "date = '2025-02-21'"},
      {"note = 'corrected'", "note = 'first edition'"},
      {"published_by = 'someone else'", "published_by = 'analyst one'"},
      {"log_head = 'ab' || log_head", "log_head = substr(log_head, 3)"},
      {"published_at = published_at + 1", "published_at = published_at - 1"},
      {"log_seq = log_seq + 1", "log_seq = log_seq - 1"},
  };
  for (const auto& e : edits) {
    tamper(fmt::format("UPDATE published_reports SET {} WHERE id = {}", e.set, first.id));
    const auto v = verify();
    EXPECT_FALSE(v.ok) << e.set;
    EXPECT_EQ(v.bad_seq, first.log_seq) << e.set << ": " << v.problem;
    tamper(fmt::format("UPDATE published_reports SET {} WHERE id = {}", e.undo, first.id));
    ASSERT_TRUE(verify().ok) << e.undo;
  }
  tamper(fmt::format(
      "INSERT INTO published_reports(id, date, note, log_head, markdown, html, svg, published_at, "
      "published_by, log_seq) SELECT id + 100, date, note, log_head, markdown, html, svg, "
      "published_at, published_by, log_seq FROM published_reports WHERE id = {}",
      first.id));
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("published_reports holds 3 rows where the log seals 2"),
            std::string::npos)
      << v.problem;
}

INSTANTIATE_BOTH_BACKENDS(ReportStoreTest);

}  // namespace
}  // namespace vigil::test
