#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <ostream>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/verification.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::test {

// The store's tests run on both backends. PostgreSQL needs a server: VIGIL_TEST_POSTGRES
// names its database (scripts/test.sh starts one with scripts/postgres.sh); without it the
// PostgreSQL cases skip. Each test gets a schema of its own, dropped afterwards.
enum class Backend { sqlite, postgresql };

inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::sqlite ? "SQLite" : "PostgreSQL");
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

inline const char* postgres_test_database() {
  const char* uri = std::getenv("VIGIL_TEST_POSTGRES");
  return uri && *uri ? uri : nullptr;
}

// A new workspace in a temp directory, with helpers to ingest, record incidents and tamper.
class WorkspaceFixture : public ::testing::Test {
 protected:
  virtual Backend backend() const { return Backend::sqlite; }

  void SetUp() override {
    if (backend() == Backend::postgresql) {
      const char* server = postgres_test_database();
      if (!server) GTEST_SKIP() << "VIGIL_TEST_POSTGRES is not set (scripts/test.sh sets it)";
      static std::atomic<int> serial{0};
      schema_ = "vigil_test_" + std::to_string(::getpid()) + "_" + std::to_string(++serial);
      const std::string base = server;
      const std::string uri = base + (base.find('?') == std::string::npos ? "?" : "&") +
                              "options=-csearch_path%3D" + schema_ + "%2Cpublic";
      {
        store::Database db(base, store::Database::Mode::open_existing);
        db.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      }
      paths_ = store::WorkspacePaths::of(uri, dir_.file("ws.key"));
    } else {
      paths_ = store::WorkspacePaths::of(dir_.file("ws.vigil"));
    }
    store::Workspace::create(paths_);
  }

  void TearDown() override {
    if (schema_.empty()) return;
    store::Database db(postgres_test_database(), store::Database::Mode::open_existing);
    db.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  store::Workspace open() { return store::Workspace(paths_); }

  ingest::FileReport ingest(const std::string& name, const std::string& content,
                            ingest::OnError on_error = ingest::OnError::fail) {
    auto ws = open();
    ingest::IngestOptions options;
    options.on_error = on_error;
    options.recorded_by = "test";
    return ingest::ingest_file(ws, dir_.write(name, content), options, {});
  }

  std::int64_t count(const std::string& sql) {
    auto ws = open();
    store::Statement st(ws.db(), sql);
    st.step();
    return st.int64(0);
  }

  // Edits the database behind vigil's back, as someone with access to it could. The SQL is
  // SQLite's; on PostgreSQL char() and unicode() become chr() and ascii().
  void tamper(const std::string& sql) {
    if (backend() == Backend::postgresql) {
      std::string script = sql;
      for (const auto& [from, to] :
           {std::pair<std::string, std::string>{"char(", "chr("}, {"unicode(", "ascii("}})
        for (auto at = script.find(from); at != std::string::npos;
             at = script.find(from, at + to.size()))
          script.replace(at, from.size(), to);
      store::Database db(paths_.database, store::Database::Mode::open_existing);
      db.exec("ALTER TABLE log_records DISABLE TRIGGER USER;" + script +
              ";ALTER TABLE log_records ENABLE TRIGGER USER");
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(paths_.database.c_str(), &db), SQLITE_OK);
    const std::string script =
        "DROP TRIGGER IF EXISTS log_records_append_only_update;"
        "DROP TRIGGER IF EXISTS log_records_append_only_delete;" +
        sql;
    char* error = nullptr;
    const int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  store::VerifyReport verify() {
    auto ws = open();
    return store::verify_workspace(ws);
  }

  TempDir dir_;
  store::WorkspacePaths paths_;
  std::string schema_;
};

// The same fixture, run once per backend (TEST_P, INSTANTIATE_BOTH_BACKENDS).
class BackendWorkspaceFixture : public WorkspaceFixture,
                                public ::testing::WithParamInterface<Backend> {
 protected:
  Backend backend() const override { return GetParam(); }
};

#define INSTANTIATE_BOTH_BACKENDS(suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(                                                                  \
      Backends, suite,                                                                       \
      ::testing::Values(::vigil::test::Backend::sqlite, ::vigil::test::Backend::postgresql), \
      ::vigil::test::backend_name)

inline std::string observation_line(int i, const std::string& extra = "") {
  // Distinct numbers, not distinct spellings: "48.10" and "48.1" are the same latitude.
  return R"({"time":"2025-02-20T10:00:00Z","lat":)" + std::to_string(48.0 + i * 0.001) +
         R"(,"lon":37.7,"kind":"explosion","source":"patrol")" + extra + "}\n";
}

}  // namespace vigil::test
