// Not a test: ctest runs it first as fixture.donbas_workspace (tests/CMakeLists.txt) to build
// the workspace with the derived line and the Minsk II settlement once per run, which the
// ceasefire, detection and simulation tests then copy (make_donbas_workspace). It is left out
// of the test listing and skips when run without a place to put the workspace.
#include <filesystem>

#include <gtest/gtest.h>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "vigil/store/line_store.hpp"

namespace vigil::test {
namespace {

TEST(Fixture, DonbasWorkspace) {
  const auto fixture = donbas_fixture();
  if (!fixture) GTEST_SKIP() << "VIGIL_TEST_FIXTURES is not set";
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(fixture->database).parent_path());
  for (const auto& file : {fixture->database, fixture->secret_key, fixture->public_key,
                           fixture->database + "-wal", fixture->database + "-shm"})
    fs::remove(file);
  build_donbas_workspace(*fixture);
  // What the copies rely on: the line and the settlement are there, and the database is whole
  // without its write-ahead log.
  store::Workspace ws(*fixture);
  EXPECT_EQ(store::load_line(ws, "donbas", "2025-02-21").first.name, "donbas");
  EXPECT_TRUE(store::current_settlement(ws));
}

}  // namespace
}  // namespace vigil::test
