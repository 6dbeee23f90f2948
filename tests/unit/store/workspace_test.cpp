#include <filesystem>

#include "unit/store/workspace_test_support.hpp"
#include "vigil/store/schema.hpp"

namespace vigil::test {
namespace {

using WorkspaceTest = WorkspaceFixture;

TEST_F(WorkspaceTest, CreateRefusesToOverwriteAnything) {
  EXPECT_THROW(store::Workspace::create(paths_), std::runtime_error);
  TempDir other;
  auto paths = store::WorkspacePaths::of(other.file("w.vigil"));
  other.write("w.vigil.key", "not mine");
  EXPECT_THROW(store::Workspace::create(paths), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(paths.database));
}

TEST_F(WorkspaceTest, OpensAtTheCurrentSchemaAndRefusesANewerOne) {
  EXPECT_EQ(count("PRAGMA user_version"), store::current_schema_version());
  tamper("PRAGMA user_version = 999");
  try {
    open();
    FAIL() << "opened a workspace from the future";
  } catch (const store::DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST_F(WorkspaceTest, RefusesAKeyThatIsNotItsOwnOrIsReadableByOthers) {
  TempDir other;
  const auto foreign = store::WorkspacePaths::of(other.file("x.vigil"));
  store::Workspace::create(foreign);
  auto paths = paths_;
  paths.secret_key = foreign.secret_key;
  EXPECT_THROW(
      {
        store::Workspace ws(paths);
        store::IncidentWriter writer(ws);
        Incident i;
        i.rule = "manual";
        writer.add(i);
        writer.commit();
      },
      std::runtime_error);
  std::filesystem::permissions(paths_.secret_key, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  EXPECT_THROW(ingest("a.jsonl", observation_line(1)), std::runtime_error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM observations"), 0);
}

TEST_F(WorkspaceTest, NotAWorkspace) {
  const auto path = dir_.write("plain.txt", "hello");
  EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(path)), std::exception);
  EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(dir_.file("missing.vigil"))),
               std::exception);
}

}  // namespace
}  // namespace vigil::test
