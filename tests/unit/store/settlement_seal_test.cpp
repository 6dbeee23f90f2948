// The settlement as built is sealed in its record; the probe changed its document
// (security_zone_km 15 -> 1, after which detect found 3 fire incidents instead of 149) and
// it still verified, since the record's document digest was never compared.
#include <fmt/format.h>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

class SettlementSealTest : public BackendWorkspaceFixture {
 protected:
  void SetUp() override {
    BackendWorkspaceFixture::SetUp();
    if (IsSkipped()) return;
    auto ws = open();
    store_donbas_line_and_settlement(ws);
    const auto v = verify();
    ASSERT_TRUE(v.ok) << v.problem;
  }
};

TEST_P(SettlementSealTest, TheDocumentItsRegionsAndWhoBuiltItAreSealed) {
  const struct {
    const char* edit;
    const char* undo;
  } edits[] = {
      {"UPDATE settlements SET document = replace(document, '\"security_zone_km\":15', "
       "'\"security_zone_km\":1')",
       "UPDATE settlements SET document = replace(document, '\"security_zone_km\":1,', "
       "'\"security_zone_km\":15,')"},
      {"UPDATE settlements SET built_by = 'someone'", "UPDATE settlements SET built_by = 'test'"},
      {"UPDATE settlements SET built_at = built_at + 1",
       "UPDATE settlements SET built_at = built_at - 1"},
      {"UPDATE settlements SET line = 'other'", "UPDATE settlements SET line = 'donbas'"},
      {"UPDATE settlements SET name = name || 'x'",
       "UPDATE settlements SET name = substr(name, 1, length(name) - 1)"},
  };
  ASSERT_EQ(count("SELECT count(*) FROM settlements WHERE document LIKE "
                  "'%\"security_zone_km\":15,%'"),
            1)
      << "the edit below must change the document";
  for (const auto& e : edits) {
    tamper(e.edit);
    const auto v = verify();
    EXPECT_FALSE(v.ok) << e.edit;
    EXPECT_NE(v.problem.find("settlement 1"), std::string::npos) << v.problem;
    tamper(e.undo);
    ASSERT_TRUE(verify().ok) << e.undo << ": " << verify().problem;
  }
  // The regions are a geometry named by its digest: editing it in place is caught too.
  tamper(
      "UPDATE geometries SET geojson = replace(geojson, '37.', '36.') WHERE digest = "
      "(SELECT regions FROM settlements)");
  EXPECT_FALSE(verify().ok);
}

TEST_P(SettlementSealTest, ASettlementRowWithoutItsRecordIsCaught) {
  tamper(
      "INSERT INTO settlements(name, document, regions, line, built_at, built_by) SELECT name, "
      "replace(document, '\"security_zone_km\":15', '\"security_zone_km\":1'), regions, line, "
      "built_at + 1, built_by FROM settlements");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("settlements holds 2 rows where the log seals 1"), std::string::npos)
      << v.problem;
}

// An index that no longer matches its table (what a flipped byte in an index page leaves)
// can hide rows from one query and not another: PRAGMA integrity_check runs first.
TEST_P(SettlementSealTest, ADamagedIndexIsCaughtBeforeAnythingIsRead) {
  if (backend() == Backend::postgresql) GTEST_SKIP() << "PostgreSQL checks its own pages";
  tamper("CREATE INDEX settlements_by_name ON settlements(name)");
  ASSERT_TRUE(verify().ok);
  // The index's entries hold names; its definition now says they are the builders.
  tamper(
      "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX "
      "settlements_by_name ON settlements(built_by)' WHERE name = 'settlements_by_name'; "
      "PRAGMA writable_schema = OFF;");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("integrity check"), std::string::npos) << v.problem;
  EXPECT_NE(v.problem.find("settlements_by_name"), std::string::npos) << v.problem;
}

INSTANTIATE_BOTH_BACKENDS(SettlementSealTest);

}  // namespace
}  // namespace vigil::test
