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

INSTANTIATE_BOTH_BACKENDS(LineStoreTest);

}  // namespace
}  // namespace vigil::test
