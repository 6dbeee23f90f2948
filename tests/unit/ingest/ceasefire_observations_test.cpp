// Ceasefire observations: the vocabulary ingest enforces, locations by bearing and range, and
// the CIR and ACLED event layouts.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "unit/ingest/reader_test_support.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/ingest/observer_location.hpp"

namespace vigil::test {
namespace {

io::RecordError first_error(TempDir& dir, const std::string& line) {
  const auto r = read_all(dir.write("o.jsonl", line + "\n"));
  if (r.errors.empty()) return {};
  return r.errors[0];
}

TEST(CeasefireObservations, VocabularyErrorsNameTheField) {
  TempDir dir;
  const std::string head = R"({"time":"2025-02-20T10:00:00Z","lat":48,"lon":37,)";
  auto e = first_error(dir, head + R"("kind":"explosionn","source":"patrol"})");
  EXPECT_EQ(e.field, "kind");
  EXPECT_NE(e.message.find("not a known kind"), std::string::npos) << e.message;
  e = first_error(dir, head + R"("kind":"explosion","source":"rumour"})");
  EXPECT_EQ(e.field, "source");
  e = first_error(dir, head + R"("kind":"weapon","source":"uav"})");
  EXPECT_EQ(e.field, "weapon_class");
  EXPECT_NE(e.message.find("missing"), std::string::npos);
  e = first_error(dir, head + R"("kind":"weapon","source":"uav","weapon_class":"howitzer"})");
  EXPECT_EQ(e.field, "weapon_class");
  EXPECT_NE(e.message.find("artillery_ge100"), std::string::npos) << e.message;
  e = first_error(dir,
                  head + R"("kind":"weapon","source":"uav","weapon_class":"tank","count":2.5})");
  EXPECT_EQ(e.field, "count");
  e = first_error(dir, head + R"("kind":"explosion","source":"camera:C-1","count":0})");
  EXPECT_EQ(e.field, "count");
  // Good ones: a typed source, a weapon with class and count, a position of any source.
  EXPECT_TRUE(first_error(dir, head + R"("kind":"shelling","source":"camera:C-1","count":3})")
                  .message.empty());
  EXPECT_TRUE(
      first_error(dir, head + R"("kind":"weapon","source":"uav","weapon_class":"mlrs","count":4})")
          .message.empty());
  EXPECT_TRUE(first_error(dir, head + R"("kind":"position","source":"ais:x"})").message.empty());
}

// The kinds the OSCE's reports recorded beside violations, and fire's direction.
TEST(CeasefireObservations, ReportedBesideViolations) {
  TempDir dir;
  const std::string head = R"({"time":"2025-02-20T10:00:00Z","lat":48,"lon":37,)";
  auto e = first_error(dir, head + R"("kind":"restriction","source":"patrol:P-1"})");
  EXPECT_EQ(e.field, "denied");
  EXPECT_NE(e.message.find("missing for a restriction"), std::string::npos) << e.message;
  e = first_error(dir, head + R"("kind":"restriction","source":"patrol","denied":""})");
  EXPECT_EQ(e.field, "denied");
  e = first_error(dir,
                  head + R"("kind":"restriction","source":"patrol","denied":"a road","party":7})");
  EXPECT_EQ(e.field, "party");
  e = first_error(dir, head + R"("kind":"casualty","source":"osint","count":2})");
  EXPECT_EQ(e.field, "outcome");
  e = first_error(dir, head + R"("kind":"casualty","source":"osint","outcome":"dead"})");
  EXPECT_EQ(e.field, "outcome");
  EXPECT_NE(e.message.find("killed, injured"), std::string::npos) << e.message;
  e = first_error(dir, head + R"("kind":"explosion","source":"patrol","direction":"north"})");
  EXPECT_EQ(e.field, "direction");
  EXPECT_NE(e.message.find("outgoing, incoming, undetermined"), std::string::npos);
  e = first_error(dir, head + R"("kind":"jamming","source":"rumour"})");
  EXPECT_EQ(e.field, "source");
  for (const char* good :
       {R"("kind":"restriction","source":"patrol:P-2","denied":"passage","party":"russia"})",
        R"("kind":"casualty","source":"osint","outcome":"killed","count":2})",
        R"("kind":"damage","source":"patrol","what":"a school"})",
        R"("kind":"mine","source":"uav:U-1"})",
        R"("kind":"jamming","source":"uav:U-1","effect":"GPS signal lost"})",
        R"("kind":"shelling","source":"camera:C-1","count":3,"direction":"incoming"})"})
    EXPECT_TRUE(first_error(dir, head + good).message.empty()) << good;
}

TEST(CeasefireObservations, CompassPoints) {
  EXPECT_EQ(ingest::compass_bearing_deg("N"), 0.0);
  EXPECT_EQ(ingest::compass_bearing_deg("SSE"), 157.5);
  EXPECT_EQ(ingest::compass_bearing_deg("south-south-east"), 157.5);
  EXPECT_EQ(ingest::compass_bearing_deg("north west"), 315.0);
  EXPECT_EQ(ingest::compass_bearing_deg("wnw"), 292.5);
  EXPECT_FALSE(ingest::compass_bearing_deg("up"));
  EXPECT_FALSE(ingest::compass_bearing_deg(""));
}

TEST(CeasefireObservations, BearingAndRangeGiveALocationWithUncertainty) {
  TempDir dir;
  // "An explosion 4 km south-south-east of the camera."
  const auto r = read_all(dir.write(
      "b.jsonl",
      R"({"time":"2025-02-20T10:00:00Z","kind":"explosion","source":"camera:C-7","observer_lat":48.0,"observer_lon":37.8,"bearing":"SSE","range_km":4})"
      "\n"
      R"({"time":"2025-02-20T10:00:00Z","kind":"explosion","source":"patrol","observer_lat":48.0,"observer_lon":37.8,"bearing":90,"range_m":2000,"range_uncertainty_m":100})"
      "\n"));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].field << ": " << r.errors[0].message;
  ASSERT_EQ(r.observations.size(), 2u);
  const auto& a = r.observations[0];
  EXPECT_NEAR(geo::distance_m({48.0, 37.8}, {a.lat, a.lon}), 4000, 0.01);
  EXPECT_NEAR(geo::bearing_deg({48.0, 37.8}, {a.lat, a.lon}), 157.5, 1e-6);
  // 25 % of 4 km along the bearing, 4 km · sin 11.25° across it.
  ASSERT_TRUE(a.uncertainty_m);
  EXPECT_NEAR(*a.uncertainty_m, std::hypot(1000.0, 4000 * std::sin(11.25 * M_PI / 180)), 0.01);
  EXPECT_EQ(a.attributes.at("bearing"), "SSE");  // how it was located stays with it
  const auto& b = r.observations[1];
  EXPECT_NEAR(*b.uncertainty_m, std::hypot(100.0, 2000 * std::sin(5 * M_PI / 180)), 0.01);

  TempDir bad;
  const std::string head =
      R"({"time":"2025-02-20T10:00:00Z","kind":"explosion","source":"patrol",)";
  auto e = first_error(
      bad, head + R"("observer_lat":48,"observer_lon":37.8,"bearing":"up","range_m":10})");
  EXPECT_EQ(e.field, "bearing");
  e = first_error(bad,
                  head + R"("observer_lat":48,"observer_lon":37.8,"bearing":10,"range_m":500000})");
  EXPECT_EQ(e.field, "range_m");
  e = first_error(bad, head + R"("observer_lat":48,"bearing":10,"range_m":5})");
  EXPECT_EQ(e.field, "observer_lon");
  e = first_error(bad, head + R"("note":"no place at all"})");
  EXPECT_EQ(e.field, "lat");
  e = first_error(bad, head + R"("lat":48})");
  EXPECT_EQ(e.field, "lon");
}

TEST(EventLayouts, CirSampleBecomesCeasefireObservations) {
  const auto r = read_all(std::string(VIGIL_SOURCE_DIR) + "/data/events/cir_donbas_2022q3.csv",
                          std::nullopt, {}, ingest::EventLayout::cir);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].line << " " << r.errors[0].field << ": "
                                << r.errors[0].message;
  ASSERT_EQ(r.observations.size(), 289u);
  std::map<std::string, int> kinds;
  for (const auto& o : r.observations) {
    ++kinds[o.kind];
    EXPECT_EQ(o.source, "osint:cir");
    EXPECT_EQ(o.id.rfind("cir:UW", 0), 0u);
    EXPECT_EQ(o.attributes.at("time_precision"), "day");
    ASSERT_TRUE(o.uncertainty_m);
    if (o.kind == "weapon") {
      EXPECT_TRUE(o.attributes.contains("weapon_class"));
    }
  }
  // Pinned from the sample: what its event groups and words say.
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"explosion", 175},
                                               {"movement", 28},
                                               {"report", 26},
                                               {"shelling", 53},
                                               {"small_arms", 2},
                                               {"weapon", 5}}))
      << ::testing::PrintToString(kinds);
  const auto& first = r.observations[0];
  EXPECT_EQ(first.id, "cir:UW9849");
  EXPECT_EQ(format_rfc3339(first.time), "2022-07-01T00:00:00Z");
  EXPECT_EQ(first.kind, "movement");  // "Russian military in Dolomitne": presence, no class
  EXPECT_EQ(first.attributes.at("town/city"), "Dolomitne");
}

TEST(EventLayouts, WeaponClassesFromWords) {
  EXPECT_EQ(ingest::weapon_class_in_text("9m55k smerch"), "heavy_mlrs");
  EXPECT_EQ(ingest::weapon_class_in_text("grad rockets hit the town"), "mlrs");
  EXPECT_EQ(ingest::weapon_class_in_text("shelling of volgograd street"), std::nullopt);
  EXPECT_EQ(ingest::weapon_class_in_text("destroyed t-72b3"), "tank");
  EXPECT_EQ(ingest::weapon_class_in_text("rpg-22 anti-tank launcher"), std::nullopt);
  EXPECT_EQ(ingest::weapon_class_in_text("2s19 msta-s self-propelled howitzer"), "artillery_ge100");
  EXPECT_EQ(ingest::weapon_class_in_text("iskander launch"), "tactical_missile");
}

TEST(EventLayouts, AcledColumns) {
  TempDir dir;
  // The columns of ACLED's CSV export (codebook 2023), with made-up events.
  const auto path = dir.write(
      "acled.csv",
      "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
      "actor1,actor2,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
      "UKR1,2025-02-20,2025,1,Political violence,Explosions/Remote violence,"
      "Shelling/artillery/missile attack,Military Forces of Russia,,Donetska,Toretsk,48.397,"
      "37.847,1,Ukrinform,\"Shelling with Grad MLRS, 3 rounds\",0\n"
      "UKR2,21 February 2025,2025,1,Political violence,Battles,Armed clash,A,B,Donetska,"
      "Chasiv Yar,48.586,37.836,2,Media,Clashes,1\n"
      "UKR3,2025-02-22,2025,1,Demonstrations,Protests,Peaceful protest,C,,Kyiv,Kyiv,50.45,"
      "30.52,3,Media,,0\n"
      "UKR4,2025-02-22,2025,1,x,y,Armed clash,A,B,Donetska,X,48.5,37.8,4,Media,,0\n");
  const auto r = read_all(path, std::nullopt, {}, ingest::EventLayout::acled);
  ASSERT_EQ(r.observations.size(), 3u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 5u);
  EXPECT_EQ(r.errors[0].field, "geo_precision");
  const auto& shelling = r.observations[0];
  EXPECT_EQ(shelling.id, "acled:UKR1");
  EXPECT_EQ(shelling.kind, "shelling");
  EXPECT_EQ(shelling.source, "osint:acled");
  EXPECT_EQ(*shelling.uncertainty_m, ingest::kAcledPrecisionM[0]);
  EXPECT_EQ(shelling.attributes.at("acled_source"), "Ukrinform");
  EXPECT_EQ(shelling.attributes.at("weapon_class_named"), "mlrs");
  EXPECT_EQ(shelling.attributes.at("actor1"), "Military Forces of Russia");
  EXPECT_EQ(r.observations[1].kind, "small_arms");
  EXPECT_EQ(format_rfc3339(r.observations[1].time), "2025-02-21T00:00:00Z");
  EXPECT_EQ(*r.observations[1].uncertainty_m, ingest::kAcledPrecisionM[1]);
  EXPECT_EQ(r.observations[2].kind, "report");
}

TEST(EventLayouts, FullCirExportErrorsArePinned) {
  const std::string path =
      std::string(VIGIL_SHARED_DATA) + "/events/cir_bellingcat_russia_ukraine_monitor_events.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs ../shared/data/events";
  const auto r = read_all(path, std::nullopt, {}, ingest::EventLayout::cir);
  // Rows without an entry number or a date (the export's blank tail) are refused by name.
  std::map<std::string, int> errors;
  for (const auto& e : r.errors)
    ++errors[e.field];
  EXPECT_EQ(errors, (std::map<std::string, int>{{"date", 4}, {"entry", 4}}))
      << ::testing::PrintToString(errors);
  EXPECT_EQ(r.observations.size(), 6642u);
}

}  // namespace
}  // namespace vigil::test
