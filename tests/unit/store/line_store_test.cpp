#include "vigil/store/line_store.hpp"

#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::test {
namespace {

class LineStoreTest : public BackendWorkspaceFixture {
 protected:
  void import(const std::string& date, double lon) {
    auto ws = open();
    ceasefire::ContactLine line;
    line.parts = {{{48.0, lon}, {48.5, lon}}, {{49.0, lon}, {49.2, lon + 0.1}}};
    line.control = {{{47.0, lon}, {47.0, lon + 1}, {50.0, lon + 1}, {50.0, lon}}};
    store::LineVersion v;
    v.name = "front";
    v.valid_from = date;
    v.method = "geojson";
    v.source = "test";
    v.length_m = line.length_m();
    v.imported_by = "test";
    store::store_line(ws, v, line);
  }
};

TEST_P(LineStoreTest, VersionsByDateSealedAndImmutable) {
  import("2025-01-01", 37.0);
  import("2025-02-01", 37.2);
  auto ws = open();
  EXPECT_EQ(store::line_versions(ws).size(), 2u);
  EXPECT_EQ(store::load_line(ws, "front", "2025-01-15").second.parts[0][0].lon, 37.0);
  EXPECT_EQ(store::load_line(ws, "front", "2025-02-01").second.parts[0][0].lon, 37.2);
  EXPECT_EQ(store::load_line(ws, "", "").first.valid_from, "2025-02-01") << "the latest";
  EXPECT_EQ(store::load_line(ws, "front", "").second.control.size(), 1u);
  EXPECT_THROW(store::load_line(ws, "front", "2024-12-31"), store::LineError);
  EXPECT_THROW(store::load_line(ws, "other", ""), store::LineError);
  EXPECT_THROW(import("2025-02-01", 38.0), store::LineError) << "a version never changes";
  // line_version chooses as load_line does, and fails with the same message.
  for (const auto& [name, date] : std::vector<std::pair<std::string, std::string>>{
           {"front", "2025-01-15"}, {"front", "2025-02-01"}, {"", ""}, {"front", "2099-01-01"}})
    EXPECT_EQ(store::line_version(ws, name, date).valid_from,
              store::load_line(ws, name, date).first.valid_from)
        << name << " " << date;
  for (const auto& [name, date] : std::vector<std::pair<std::string, std::string>>{
           {"front", "2024-12-31"}, {"other", ""}, {"other", "2025-01-15"}}) {
    std::string loading, choosing;
    try {
      store::load_line(ws, name, date);
    } catch (const store::LineError& e) {
      loading = e.what();
    }
    try {
      store::line_version(ws, name, date);
    } catch (const store::LineError& e) {
      choosing = e.what();
    }
    EXPECT_FALSE(choosing.empty()) << name << " " << date;
    EXPECT_EQ(choosing, loading);
    if (date == "2024-12-31") {
      EXPECT_EQ(choosing,
                "line 'front' has no version valid on 2024-12-31: its versions are valid from "
                "2025-01-01, 2025-02-01");
    }
  }
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.line_versions, 2);

  tamper(
      "UPDATE lines SET parts = (SELECT parts FROM lines WHERE valid_from = '2025-02-01') "
      "WHERE valid_from = '2025-01-01'");
  v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("line 'front' valid from 2025-01-01"), std::string::npos) << v.problem;
}

TEST_P(LineStoreTest, TamperedGeometryIsCaught) {
  import("2025-01-01", 37.0);
  tamper("UPDATE geometries SET geojson = replace(geojson, '37.0', '37.5')");
  EXPECT_FALSE(verify().ok);
}

// A control map with a sliver ring (its corners 3e-8° apart, under the 1e-7° positions are
// stored with) was sealed, and then every command that read the version failed on it ("a ring
// needs three distinct positions"): the sliver is dropped and counted, and what is sealed
// reads back.
TEST_P(LineStoreTest, ASliverRingIsDroppedSoThatTheVersionReadsBack) {
  auto ws = open();
  ceasefire::ContactLine line;
  line.parts = {{{48.0, 37.0}, {48.5, 37.0}}};
  const geo::Ring sliver = {{48.2, 37.3}, {48.2 + 3e-8, 37.3}, {48.2 + 3e-8, 37.3 + 3e-8}};
  line.control = {{{47.0, 37.0}, {47.0, 38.0}, {50.0, 38.0}, {50.0, 37.0}}, sliver};
  line.territory = {sliver};
  store::LineVersion v;
  v.name = "front";
  v.valid_from = "2025-01-01";
  v.method = "from-control";
  v.source = "test";
  v.length_m = line.length_m();
  v.imported_by = "test";
  EXPECT_EQ(store::store_line(ws, v, line), 2u);
  const auto [version, loaded] = store::load_line(ws, "front", "");
  EXPECT_EQ(loaded.control.size(), 1u);
  EXPECT_TRUE(loaded.territory.empty());
  EXPECT_EQ(version.valid_from, "2025-01-01");
  const auto verified = verify();
  EXPECT_TRUE(verified.ok) << verified.problem;
}

// What cannot be read back is refused before anything is sealed: here a line part whose two
// positions round to one.
TEST_P(LineStoreTest, AVersionThatWouldNotReadBackIsRefusedAndNothingIsStored) {
  auto ws = open();
  ceasefire::ContactLine line;
  line.parts = {{{48.0, 37.0}, {48.0 + 2e-8, 37.0}}};
  store::LineVersion v;
  v.name = "front";
  v.valid_from = "2025-01-01";
  v.method = "geojson";
  v.source = "test";
  v.imported_by = "test";
  try {
    store::store_line(ws, v, line);
    FAIL() << "stored";
  } catch (const store::LineError& e) {
    EXPECT_NE(std::string(e.what()).find("would not read back as stored"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(store::line_versions(ws).empty());
  EXPECT_FALSE(ws.head()) << "nothing was sealed";
}

INSTANTIATE_BOTH_BACKENDS(LineStoreTest);

}  // namespace
}  // namespace vigil::test
