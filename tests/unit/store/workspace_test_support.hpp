#pragma once

#include <sqlite3.h>

#include <string>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/incident_store.hpp"
#include "vigil/store/verification.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::test {

// A new workspace in a temp directory, with helpers to ingest, record incidents and tamper.
class WorkspaceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    paths_ = store::WorkspacePaths::of(dir_.file("ws.vigil"));
    store::Workspace::create(paths_);
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

  // Edits the database behind vigil's back, as someone with file access could.
  void tamper(const std::string& sql) {
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
};

inline std::string observation_line(int i, const std::string& extra = "") {
  // Distinct numbers, not distinct spellings: "48.10" and "48.1" are the same latitude.
  return R"({"time":"2025-02-20T10:00:00Z","lat":)" + std::to_string(48.0 + i * 0.001) +
         R"(,"lon":37.7,"kind":"explosion","source":"patrol")" + extra + "}\n";
}

}  // namespace vigil::test
