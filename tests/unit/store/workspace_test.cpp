#include <filesystem>

#include "unit/store/workspace_test_support.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/schema.hpp"

namespace vigil::test {
namespace {

using WorkspaceTest = BackendWorkspaceFixture;

TEST_P(WorkspaceTest, CreateRefusesToOverwriteAnything) {
  EXPECT_THROW(store::Workspace::create(paths_), std::runtime_error);
  TempDir other;
  auto paths = store::WorkspacePaths::of(other.file("w.vigil"));
  other.write("w.vigil.key", "not mine");
  EXPECT_THROW(store::Workspace::create(paths), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(paths.database));
}

TEST_P(WorkspaceTest, OpensAtTheCurrentSchemaAndRefusesANewerOne) {
  if (backend() == Backend::postgresql) {
    EXPECT_EQ(count("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'schema_version'"),
              store::current_schema_version());
    tamper("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
  } else {
    EXPECT_EQ(count("PRAGMA user_version"), store::current_schema_version());
    tamper("PRAGMA user_version = 999");
  }
  try {
    open();
    FAIL() << "opened a workspace from the future";
  } catch (const store::DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST_P(WorkspaceTest, RefusesAKeyThatIsNotItsOwnOrIsReadableByOthers) {
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

TEST_P(WorkspaceTest, NotAWorkspace) {
  if (backend() == Backend::postgresql) {
    // A schema without vigil's tables is refused, and left without them.
    const std::string empty = paths_.database.substr(0, paths_.database.find("options=")) +
                              "options=-csearch_path%3D" + schema_ + "_none%2Cpublic";
    EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(empty, paths_.secret_key)),
                 store::DatabaseError);
    EXPECT_EQ(count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema_ + "_none'"), 0);
    EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(
                     "postgresql:///nonexistent_db?host=/nonexistent", paths_.secret_key)),
                 store::DatabaseError);
    return;
  }
  const auto path = dir_.write("plain.txt", "hello");
  EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(path)), std::exception);
  EXPECT_THROW(store::Workspace(store::WorkspacePaths::of(dir_.file("missing.vigil"))),
               std::exception);
}

// Writers' transactions nest as savepoints: an outer transaction makes several writers one
// (POST /detect), and if it is not committed none of their incidents stays, on either backend.
TEST_P(WorkspaceTest, NestedWritersAreOneTransactionWithTheOuterOne) {
  const auto add = [](store::Workspace& ws, int n) {
    store::IncidentWriter writer(ws);
    Incident incident;
    incident.rule = "manual";
    incident.start = incident.end = *parse_rfc3339("2025-02-20T10:00:00Z") + n;
    incident.lat = 48.1;
    incident.lon = 37.7;
    incident.recorded_by = "test";
    writer.add(incident);
    writer.commit();
  };
  {
    auto ws = open();
    store::Transaction outer(ws.db());
    add(ws, 1);
    add(ws, 2);
  }  // not committed
  EXPECT_EQ(count("SELECT count(*) FROM incidents"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM log_records"), 0);
  {
    auto ws = open();
    store::Transaction outer(ws.db());
    add(ws, 1);
    {
      store::Transaction inner(ws.db());
      add(ws, 2);
    }  // the inner one alone rolled back
    add(ws, 3);
    outer.commit();
  }
  EXPECT_EQ(count("SELECT count(*) FROM incidents"), 2);
  const auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.records, 2);
}

INSTANTIATE_BOTH_BACKENDS(WorkspaceTest);

}  // namespace
}  // namespace vigil::test
