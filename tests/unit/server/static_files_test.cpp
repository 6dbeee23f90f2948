// The dashboard's files: what a request target may reach. The layout of the attack the probe
// found: the web root `ops/` lies beside the workspace `ops.vigil` and its key
// `ops.vigil.key`, so a target without its leading '/' (".vigil.key") joined to the root by
// string concatenation named the key.
#include "vigil/server/static_files.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace vigil::server {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  StaticFilesTest() {
    std::filesystem::create_directories(dir_.path() / "ops" / "assets");
    dir_.write("ops/index.html", "<!doctype html><title>vigil</title>");
    dir_.write("ops/assets/app-1a2b.js", "console.log(1)");
    dir_.write("ops/.hidden", "hidden");
    dir_.write("ops.vigil", "SQLite format 3");
    dir_.write("ops.vigil.key", "SIGNING KEY");
    dir_.write("secret.txt", "secret");
  }
  StaticFiles files() const { return StaticFiles(dir_.file("ops")); }
  test::TempDir dir_;
};

TEST_F(StaticFilesTest, ServesTheRootsFilesWithTheirTypesAndCaching) {
  const auto index = files().serve("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.body, "<!doctype html><title>vigil</title>");
  const auto js = files().serve("/assets/app-1a2b.js?v=1");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  ASSERT_EQ(js.headers.size(), 1u);
  EXPECT_EQ(js.headers[0].second, "public, max-age=31536000, immutable");
  EXPECT_EQ(files().serve("//assets//app-1a2b.js").status, 200) << "empty segments are skipped";
  EXPECT_EQ(files().serve("/assets/app%2D1a2b.js").status, 200) << "segments are decoded";
}

TEST_F(StaticFilesTest, PagesWithoutAFileGetTheDashboardAndMissingFilesAre404) {
  EXPECT_EQ(files().serve("/incidents/abc").body, files().serve("/").body);
  EXPECT_EQ(files().serve("/missing.js").status, 404);
  EXPECT_EQ(files().serve("/assets").status, 200) << "a directory is a page, not a listing";
  EXPECT_EQ(files().serve("/assets").body, files().serve("/").body);
}

TEST_F(StaticFilesTest, ATargetWithoutItsLeadingSlashIsRefusedNotJoinedToTheRoot) {
  for (const char* target :
       {".vigil.key", ".vigil", "index.html", "", "*", "http://host/index.html", "%2fsecret.txt"}) {
    const auto response = files().serve(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(response.body.find("KEY"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, NothingOutsideTheRootNorAnyDotFileIsReached) {
  for (const char* target :
       {"/../secret.txt", "/..", "/../ops.vigil.key", "/%2e%2e/secret.txt", "/%2E%2E/ops.vigil",
        "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
        "/assets%2f..%2f..%2fsecret.txt", "/.hidden", "/%2ehidden", "/./index.html",
        "/assets/..\\..\\secret.txt", "/assets/%5c..%5csecret.txt", "/index.html%00.js",
        "/a%00b"}) {
    const auto response = files().serve(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.body.find("secret"), std::string::npos) << target;
    EXPECT_EQ(response.body.find("hidden"), std::string::npos) << target;
  }
  EXPECT_EQ(files().serve("/%zz").status, 400) << "bad percent-encoding";
}

TEST_F(StaticFilesTest, SymbolicLinksLeavingTheRootAreNotFollowed) {
  std::filesystem::create_symlink(dir_.path() / "secret.txt", dir_.path() / "ops" / "leak.txt");
  std::filesystem::create_directory_symlink(dir_.path(), dir_.path() / "ops" / "up");
  std::filesystem::create_symlink(dir_.path() / "ops" / "index.html",
                                  dir_.path() / "ops" / "home.html");
  EXPECT_EQ(files().serve("/leak.txt").status, 404);
  EXPECT_EQ(files().serve("/up/secret.txt").status, 404);
  EXPECT_EQ(files().serve("/up/ops.vigil.key").status, 404);
  EXPECT_EQ(files().serve("/home.html").status, 200) << "a link that stays inside is served";
}

TEST_F(StaticFilesTest, NoRootServesNothingAndAMissingRootIsAnError) {
  const StaticFiles none("");
  EXPECT_FALSE(none.enabled());
  EXPECT_EQ(none.serve("/").status, 404);
  EXPECT_THROW(StaticFiles(dir_.file("missing")), std::runtime_error);
  EXPECT_THROW(StaticFiles(dir_.file("secret.txt")), std::runtime_error);
}

}  // namespace
}  // namespace vigil::server
