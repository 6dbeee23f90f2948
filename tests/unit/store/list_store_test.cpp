#include "vigil/store/list_store.hpp"

#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

class ListStoreTest : public BackendWorkspaceFixture {
 protected:
  store::ListLoadReport load(const std::string& name, const std::string& content) {
    auto ws = open();
    return store::store_list(ws, name, sanctions::read_list(dir_.write(name, content)), "test");
  }
};

constexpr const char* kEu =
    "Vessel name;IMO number;Date of application\nAngara;9179842;25.06.2024\n"
    "\"Noctis (formerly Luna; Asher)\";9258868;25.02.2025\n";

TEST_P(ListStoreTest, LoadsAreSealedAndVerified) {
  const auto report = load("eu.csv", kEu);
  EXPECT_EQ(report.entries, 2u);
  EXPECT_EQ(report.lists, std::vector<std::string>{"eu"});
  auto ws = open();
  const auto entries = store::current_list_entries(ws);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].former_names, (std::vector<std::string>{"Luna", "Asher"}));
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.list_loads, 1);

  tamper("UPDATE list_entries SET name = 'Innocent' WHERE name = 'Angara'");
  v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 1);
  EXPECT_NE(v.problem.find("sanctions list entries of load 1"), std::string::npos) << v.problem;
}

TEST_P(ListStoreTest, ANewerLoadReplacesTheOlderWhichIsKept) {
  load("eu-old.csv", kEu);
  const auto second =
      load("eu-new.csv", "Vessel name;IMO number;Date of application\nZale;9321718;24.10.2025\n");
  EXPECT_EQ(second.replaced, std::vector<std::int64_t>{1});
  auto ws = open();
  const auto entries = store::current_list_entries(ws);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "Zale");
  EXPECT_EQ(count("SELECT count(*) FROM list_entries"), 3) << "history is kept";
  // A table of other lists does not replace the EU file.
  load("t.csv", "imo,ofac\n9179842,True\n");
  EXPECT_EQ(store::current_list_entries(ws).size(), 2u);
  EXPECT_TRUE(verify().ok);
}

TEST_P(ListStoreTest, BuildYearsAreStoredAndSealed) {
  load("gur.csv",
       "gur_id,name,imo,mmsi_current,mmsi_legacy,flag,vessel_type,callsign,former_names,"
       "build_year,status\n1,ADLER,9179854,273414440,,russia,Tanker,,,1998,listed\n"
       "2,YOUNG,9258868,,,panama,Tanker,,,,listed\n");
  auto ws = open();
  const auto entries = store::current_list_entries(ws);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].build_year, 1998);
  EXPECT_FALSE(entries[1].build_year);
  EXPECT_TRUE(verify().ok);
  tamper("UPDATE list_entries SET build_year = 2015 WHERE name = 'ADLER'");
  EXPECT_FALSE(verify().ok);
}

INSTANTIATE_BOTH_BACKENDS(ListStoreTest);

}  // namespace
}  // namespace vigil::test
