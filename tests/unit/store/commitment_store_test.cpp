#include "vigil/store/commitment_store.hpp"

#include <fmt/format.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

// The bundled tables (data/commitments), loaded as `vigil commitments load` does.
class CommitmentStoreTest : public BackendWorkspaceFixture {
 protected:
  store::CommitmentsLoad load(const std::string& name) {
    const auto path = std::string(VIGIL_SOURCE_DIR) + "/data/commitments/" + name;
    auto ws = open();
    return store::store_commitments(ws, path, commitments::read_commitments_table(path),
                                    "analyst one");
  }
  static constexpr const char* kNato = "nato_defence_expenditure_pct_gdp_2014_2024e.csv";
  static constexpr const char* kKiel = "kiel_ust_country_summary_usd_bn.csv";
};

TEST_P(CommitmentStoreTest, TablesReadBackAsLoadedAndTheNewestOfAKindIsCurrent) {
  const auto nato = load(kNato);
  const auto kiel = load(kKiel);
  EXPECT_EQ(nato.rows, 33 * 11);
  EXPECT_EQ(kiel.rows, 41);
  EXPECT_EQ(kiel.log_seq, nato.log_seq + 1);
  auto ws = open();
  const auto current = store::current_commitments(ws);
  const auto read = commitments::read_commitments_table(std::string(VIGIL_SOURCE_DIR) +
                                                        "/data/commitments/" + kNato);
  ASSERT_EQ(current.spending.size(), read.spending.size());
  for (std::size_t i = 0; i < read.spending.size(); ++i) {
    EXPECT_EQ(current.spending[i].country, read.spending[i].country);
    EXPECT_EQ(current.spending[i].pct_gdp, read.spending[i].pct_gdp);  // exact: round-trips
    EXPECT_EQ(current.spending[i].estimate, read.spending[i].estimate);
  }
  ASSERT_EQ(current.support.size(), 41u);
  EXPECT_EQ(current.support.front().donor, "Australia");
  EXPECT_EQ(*current.support.front().gdp_usd_bn, 1553);

  // A second load of the NATO table replaces the first as current; both stay listed.
  const auto again = load(kNato);
  const auto loads = store::commitments_loads(ws);
  ASSERT_EQ(loads.size(), 3u);
  EXPECT_FALSE(loads[0].current);
  EXPECT_TRUE(loads[1].current);
  EXPECT_TRUE(loads[2].current);
  EXPECT_EQ(loads[2].id, again.id);
  EXPECT_EQ(store::current_commitments(ws).spending.size(), read.spending.size());
  const auto v = verify();
  ASSERT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.commitments_loads, 3);
}

// Every column of a load is what its 'commitments' record seals: an edited figure, file,
// loader, time, count or kind, a deleted load and a slipped-in one are all caught.
TEST_P(CommitmentStoreTest, VerifyCatchesEveryEditOfALoad) {
  const auto nato = load(kNato);
  load(kKiel);
  ASSERT_TRUE(verify().ok);
  const struct {
    const char* set;
    const char* undo;
  } edits[] = {
      {"content = replace(content, '\"pct_gdp\":3.788951289', '\"pct_gdp\":5.788951289')",
       "content = replace(content, '\"pct_gdp\":5.788951289', '\"pct_gdp\":3.788951289')"},
      {"file = file || 'x'", "file = substr(file, 1, length(file) - 1)"},
      {"loaded_by = 'someone else'", "loaded_by = 'analyst one'"},
      {"loaded_at = loaded_at + 1", "loaded_at = loaded_at - 1"},
      {"rows = rows - 1", "rows = rows + 1"},
      {"warnings = 1", "warnings = 0"},
      {"kind = 'ukraine-support'", "kind = 'nato-defence-expenditure'"},
      {"log_seq = log_seq + 1", "log_seq = log_seq - 1"},
  };
  for (const auto& e : edits) {
    tamper(fmt::format("UPDATE commitment_loads SET {} WHERE id = {}", e.set, nato.id));
    const auto v = verify();
    EXPECT_FALSE(v.ok) << e.set;
    EXPECT_EQ(v.bad_seq, nato.log_seq) << e.set << ": " << v.problem;
    EXPECT_NE(v.problem.find("commitments load"), std::string::npos) << v.problem;
    tamper(fmt::format("UPDATE commitment_loads SET {} WHERE id = {}", e.undo, nato.id));
    ASSERT_TRUE(verify().ok) << e.undo << ": " << verify().problem;
  }
  tamper(fmt::format(
      "INSERT INTO commitment_loads(id, kind, file, rows, warnings, loaded_at, loaded_by, "
      "content, log_seq) SELECT id + 100, kind, file, rows, warnings, loaded_at, loaded_by, "
      "content, log_seq FROM commitment_loads WHERE id = {}",
      nato.id));
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("commitment_loads holds 3 rows where the log seals 2"),
            std::string::npos)
      << v.problem;
  tamper(fmt::format("DELETE FROM commitment_loads WHERE id = {}", nato.id + 100));
  tamper(fmt::format("DELETE FROM commitment_loads WHERE id = {}", nato.id));
  v = verify();
  EXPECT_EQ(v.bad_seq, nato.log_seq);
  EXPECT_NE(v.problem.find("was deleted"), std::string::npos) << v.problem;
}

INSTANTIATE_BOTH_BACKENDS(CommitmentStoreTest);

}  // namespace
}  // namespace vigil::test
