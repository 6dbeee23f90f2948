// Stored classifications of ceasefire observations: ingest classifies what it added and only
// that; a new settlement reclassifies everything; the queries that select ceasefire data go
// through the partial indexes that leave vessels' AIS reports out.
#include <gtest/gtest.h>

#include "unit/ceasefire/ceasefire_test_support.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/store/schema.hpp"

namespace vigil::test {
namespace {

std::int64_t count(store::Workspace& ws, const std::string& sql) {
  store::Statement st(ws.db(), sql);
  st.step();
  return st.int64(0);
}

// Two explosions, a weapon and a patrol position near Kostiantynivka, and a tanker's AIS
// report: only the three ceasefire observations are classified.
const char* kFirstBatch =
    R"({"id":"e1","time":"2025-02-21T10:00:00Z","lat":48.52,"lon":37.71,"kind":"explosion","source":"patrol:P-1"}
{"id":"e2","time":"2025-02-21T11:00:00Z","lat":48.50,"lon":37.80,"kind":"explosion","source":"camera:C-1"}
{"id":"w1","time":"2025-02-21T12:00:00Z","lat":48.60,"lon":37.60,"kind":"weapon","source":"uav:U-1","weapon_class":"tank","count":2}
{"id":"p1","time":"2025-02-21T12:00:00Z","lat":48.60,"lon":37.60,"kind":"position","source":"patrol","entity":"patrol:P-1"}
{"id":"v1","time":"2025-02-21T12:00:00Z","lat":59.9,"lon":28.5,"kind":"position","source":"ais","entity":"mmsi:273274000"}
)";

TEST(CeasefireClassification, IngestClassifiesWhatItAddedAndANewSettlementEverything) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  const auto first = store::next_batch_id(ws.db());
  ingest_text(ws, dir, "a.jsonl", kFirstBatch);
  EXPECT_EQ(detect::classify_stored_observations(ws, first), 3U);
  EXPECT_EQ(detect::classify_stored_observations(ws, first), 0U);

  const auto second = store::next_batch_id(ws.db());
  ingest_text(
      ws, dir, "b.jsonl",
      R"({"id":"s1","time":"2025-02-21T13:00:00Z","lat":48.55,"lon":37.75,"kind":"shelling","source":"acoustic:A-1"})"
      "\n");
  EXPECT_EQ(detect::classify_stored_observations(ws, second), 1U);
  EXPECT_EQ(count(ws, "SELECT count(*) FROM observation_classes"), 4);
  EXPECT_EQ(detect::classify_stored_observations(ws), 0U);  // all current

  // A new build of the settlement makes every classification outdated.
  const auto settlement = ceasefire::read_settlement(std::filesystem::path(VIGIL_SOURCE_DIR) /
                                                     "examples/settlements/minsk2.json");
  const auto regions = geo::read_geojson_geometry(settlement.sectors.regions_file);
  store::store_settlement(ws, "donbas", settlement, &regions, "test");
  EXPECT_EQ(detect::classify_stored_observations(ws, second), 1U);
  EXPECT_EQ(detect::classify_stored_observations(ws), 3U);
  EXPECT_EQ(count(ws, "SELECT count(DISTINCT settlement) FROM observation_classes"), 1);
}

// A query naming a partial index it cannot use (its WHERE clause does not repeat the index's
// condition) fails to prepare: this holds kNotVesselObservation and migration 8 together.
TEST(CeasefireClassification, TheNotVesselConditionMatchesThePartialIndexes) {
  TempDir dir;
  store::Workspace ws(make_donbas_workspace(dir));
  for (const std::string index :
       {"observations_not_vessel_batch", "observations_not_vessel_time"}) {
    const std::string column = index.ends_with("batch") ? "batch" : "time_us";
    EXPECT_NO_THROW(store::Statement(ws.db(), "SELECT id FROM observations INDEXED BY " + index +
                                                  " WHERE " + column + " >= 1 AND " +
                                                  std::string(store::kNotVesselObservation)))
        << index;
    EXPECT_ANY_THROW(store::Statement(ws.db(), "SELECT id FROM observations INDEXED BY " + index +
                                                   " WHERE " + column +
                                                   " >= 1 AND kind = 'weapon'"))
        << index;
  }
}

}  // namespace
}  // namespace vigil::test
