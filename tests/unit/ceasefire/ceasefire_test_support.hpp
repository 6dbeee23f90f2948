#pragma once

// A workspace holding the line of contact of 20 February 2025 (the bundled DeepStateMap
// occupied area within the oblast boundaries) and the Minsk II settlement, for the tests of
// the ceasefire rules, simulator and report.

#include <cstdlib>
#include <filesystem>
#include <optional>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/line_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::test {

inline const ceasefire::ContactLine& donbas_line_2025_02_20() {
  static const ceasefire::ContactLine line = [] {
    const std::filesystem::path root = VIGIL_SOURCE_DIR;
    const auto control =
        geo::read_geojson_geometry(root / "data/frontline/deepstatemap_data_20250220.geojson");
    const auto boundary =
        geo::read_geojson_geometry(root / "data/boundaries/ua_oblasts_osm.geojson");
    ceasefire::DerivationReport report;
    return ceasefire::derive_from_control(control.all_rings(), boundary.all_rings(), {}, report);
  }();
  return line;
}

// Stores that line (as "donbas", valid from 2025-02-20) and the Minsk II settlement built on it.
inline void store_donbas_line_and_settlement(store::Workspace& ws) {
  store::LineVersion version{"donbas", "2025-02-20", "from-control", "test", 0, 0, "test"};
  store::store_line(ws, version, donbas_line_2025_02_20());
  const auto settlement = ceasefire::read_settlement(std::filesystem::path(VIGIL_SOURCE_DIR) /
                                                     "examples/settlements/minsk2.json");
  const auto regions = geo::read_geojson_geometry(settlement.sectors.regions_file);
  store::store_settlement(ws, "donbas", settlement, &regions, "test");
}

// Ingests JSON Lines observations as vigil ingest does; every line must be stored.
inline void ingest_text(store::Workspace& ws, TempDir& dir, const std::string& name,
                        const std::string& jsonl) {
  ingest::IngestOptions options;
  options.recorded_by = "test";
  const auto report = ingest::ingest_file(ws, dir.write(name, jsonl), options, {});
  ASSERT_FALSE(report.rolled_back);
  ASSERT_EQ(report.rejected, 0u);
}

// Creates the workspace at `paths` and stores the line and settlement in it.
inline void build_donbas_workspace(const store::WorkspacePaths& paths) {
  store::Workspace::create(paths);
  store::Workspace ws(paths);
  store_donbas_line_and_settlement(ws);
}

// Where ctest's fixture test (fixture.donbas_workspace) leaves a built copy, when the tests run
// under ctest: $VIGIL_TEST_FIXTURES/donbas.vigil.
inline std::optional<store::WorkspacePaths> donbas_fixture() {
  const char* dir = std::getenv("VIGIL_TEST_FIXTURES");
  if (!dir || !*dir) return std::nullopt;
  return store::WorkspacePaths::of((std::filesystem::path(dir) / "donbas.vigil").string());
}

// A workspace with the line and settlement in `dir`: a copy of the fixture's when ctest built
// one (deriving the line takes seconds, longer under the sanitizers), else built here.
inline store::WorkspacePaths make_donbas_workspace(TempDir& dir) {
  const auto paths = store::WorkspacePaths::of(dir.file("ws.vigil"));
  const auto fixture = donbas_fixture();
  if (!fixture || !std::filesystem::exists(fixture->database)) {
    build_donbas_workspace(paths);
    return paths;
  }
  namespace fs = std::filesystem;
  fs::copy_file(fixture->database, paths.database);
  fs::copy_file(fixture->secret_key, paths.secret_key);
  fs::copy_file(fixture->public_key, paths.public_key);
  fs::permissions(paths.secret_key, fs::perms::owner_read | fs::perms::owner_write);
  return paths;
}

}  // namespace vigil::test
