#include "vigil/geo/gazetteer.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace vigil::geo {
namespace {

const std::string kGazetteer = std::string(VIGIL_SOURCE_DIR) + "/data/gazetteer/";

const Gazetteer& ukraine() {
  static const Gazetteer gazetteer = [] {
    Gazetteer g;
    read_geonames(kGazetteer + "geonames_cities500_UA.tsv.gz", g);
    read_geonames(kGazetteer + "geonames_postalcodes_UA.txt.gz", g);
    return g;
  }();
  return gazetteer;
}

std::string placed(LatLon p) {
  const auto placement = ukraine().place(p);
  return placement ? placement->text() : "-";
}

TEST(Transliteration, FollowsUkrainesNationalSystem) {
  EXPECT_EQ(transliterate_ukrainian("Горлівка"), "Horlivka");
  EXPECT_EQ(transliterate_ukrainian("Попасна"), "Popasna");
  // є, ї, й, ю, я are written differently at the start of a word and within it.
  EXPECT_EQ(transliterate_ukrainian("Єнакієве"), "Yenakiieve");
  EXPECT_EQ(transliterate_ukrainian("Їжакевич"), "Yizhakevych");
  EXPECT_EQ(transliterate_ukrainian("Яготин"), "Yahotyn");
  EXPECT_EQ(transliterate_ukrainian("Юрій"), "Yurii");
  EXPECT_EQ(transliterate_ukrainian("Стрий"), "Stryi");
  // The apostrophe and the soft sign are not written; "зг" is "zgh".
  EXPECT_EQ(transliterate_ukrainian("Знам'янка"), "Znamianka");
  EXPECT_EQ(transliterate_ukrainian("Львів"), "Lviv");
  EXPECT_EQ(transliterate_ukrainian("Згурівка"), "Zghurivka");
  EXPECT_EQ(transliterate_ukrainian("Щорс"), "Shchors");
  // Words after a space or hyphen start again; Latin text passes through.
  EXPECT_EQ(transliterate_ukrainian("Нова Ялта"), "Nova Yalta");
  EXPECT_EQ(transliterate_ukrainian("Ясинувата-2"), "Yasynuvata-2");
  EXPECT_EQ(transliterate_ukrainian("Kyiv"), "Kyiv");
}

TEST(Gazetteer, CompassPointsAndText) {
  EXPECT_STREQ(compass_point(0), "N");
  EXPECT_STREQ(compass_point(22.4), "N");
  EXPECT_STREQ(compass_point(22.6), "NE");
  EXPECT_STREQ(compass_point(135), "SE");
  EXPECT_STREQ(compass_point(337.6), "N");
  EXPECT_STREQ(compass_point(-90), "W");
  Gazetteer g;
  g.add({"Popasna", "Luhansk", {48.6333, 38.3780}, 20'000});
  const auto east = g.place(destination({48.6333, 38.3780}, 90, 12'000));
  ASSERT_TRUE(east);
  EXPECT_EQ(east->text(), "12 km E of Popasna (Luhansk)");
  // Within 10 m × √20,000 = 1.4 km of its point a point is in the town.
  EXPECT_EQ(g.place(destination({48.6333, 38.3780}, 200, 1'300))->text(), "in Popasna (Luhansk)");
  EXPECT_FALSE(g.place({47.0, 30.0}));
}

// A larger place is chosen over a nearer small one when it is not much farther, in proportion
// to the log of its population; a village close by still wins.
TEST(Gazetteer, ALargerPlaceNamesAPointUnlessASmallOneIsMuchNearer) {
  Gazetteer g;
  const LatLon city{48.0, 38.0};
  g.add({"City", "", city, 200'000});  // weight 1 + log10(400) = 3.6
  const LatLon point = destination(city, 90, 12'000);
  g.add({"Hamlet", "", destination(point, 0, 4'000), 0});
  EXPECT_EQ(g.place(point)->place->name, "City");  // 12 / 3.6 = 3.3 < 4
  g.add({"Village", "", destination(point, 180, 2'000), 0});
  EXPECT_EQ(g.place(point)->place->name, "Village");
  EXPECT_EQ(g.place(point)->text(), "2 km N of Village");
}

TEST(Gazetteer, PortsNameWhatNoSettlementReaches) {
  Gazetteer g;
  g.add({"Skagen", "DNK", {57.72, 10.59}, 0}, Gazetteer::Kind::port);
  g.add({"Town", "", {57.0, 10.0}, 5'000});
  const auto at_sea = g.place({58.2, 11.0});  // 59 km from Skagen, 140 km from the town
  ASSERT_TRUE(at_sea);
  EXPECT_EQ(at_sea->text(), "59 km NE of Skagen (DNK)");
  // Within 50 km of a settlement the settlement names the point, even with a port nearer.
  EXPECT_EQ(g.place({57.3, 10.2})->place->name, "Town");
  EXPECT_FALSE(g.place({62.0, 0.0}));  // the Norwegian Sea: nothing within 200 km
}

TEST(Gazetteer, RefusesAFileOfNeitherShapeNamingTheLine) {
  test::TempDir dir;
  const auto path = dir.path() / "places.tsv";
  std::ofstream(path) << "UA\t18000\tЧеркаси\tCherkaska\t01\tCherkaska\t\t\t\t49.4285\t32.0621\t4\n"
                      << "a\tb\tc\n";
  Gazetteer g;
  try {
    read_geonames(path.string(), g);
    FAIL() << "read a file with a row of three fields";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("places.tsv:2: 3 tab-separated fields"), std::string::npos)
        << e.what();
  }
  std::ofstream(path) << "UA\t18000\tЧеркаси\tCherkaska\t01\tCherkaska\t\t\t\t94.4\t32.0621\t4\n";
  EXPECT_THROW(read_geonames(path.string(), g), std::runtime_error);
}

// The bundled GeoNames extracts of Ukraine (data/gazetteer, CC BY 4.0): 2,851 rows of the
// geoname table, of which 2,847 are living populated places (1 abandoned, 3 sections of a
// city are left out), and 14,496 villages of the postal table not already there (of 15,520
// distinct places placed on themselves; the others lie within 1.5 km of a town of the first).
TEST(Gazetteer, ReadsTheGeoNamesExtractsOfUkraine) {
  Gazetteer g;
  EXPECT_EQ(read_geonames(kGazetteer + "geonames_cities500_UA.tsv.gz", g), 2'847U);
  EXPECT_EQ(read_geonames(kGazetteer + "geonames_postalcodes_UA.txt.gz", g), 14'496U);
  // 4 km from Horlivka's point is within its 4.9 km (240,000 people): in the city.
  EXPECT_EQ(placed({48.3, 38.05}), "in Horlivka (Donetsk)");
  // 15 km S of Horlivka (score 15 / 3.7 = 4.1) and 13 km W of Yenakiieve (77,000 people:
  // 13 / 3.2 = 4.07): the nearer town, by a hair.
  EXPECT_EQ(placed({48.2, 38.05}), "13 km W of Yenakiieve (Donetsk)");
  EXPECT_EQ(placed({48.0426, 37.7457}), "in Donetsk (Donetsk)");
  EXPECT_EQ(placed({48.423164, 38.1341}), "1 km N of Dolomitne (Donetsk)");
  // Villages of the postal table carry transliterated names and their oblast.
  EXPECT_EQ(placed({49.8508, 39.2003}), "in Lytvynove (Luhansk)");  // Литвинове
  EXPECT_EQ(placed({49.8483, 39.1306}), "in Zalisne (Luhansk)");    // Залісне
  // Sevastopol and Crimea are regions of their own in GeoNames.
  EXPECT_EQ(placed({44.95, 34.1}), "in Simferopol (Crimea)");
}

// The CIR/Bellingcat events of Donetsk and Luhansk oblasts, July to September 2022
// (data/events), each geolocated with the town its analysts named. Placed by the gazetteer,
// 227 of the 288 with a town name the same town (names compared loosely: GeoNames writes
// "Kostiantynivka" where CIR writes "Kostyantynivka"). Read one by one, the other 61 name a
// neighbour: "7 km SW of Svyatogorsk" for Bohorodychne, a village in neither GeoNames table,
// "in Makiivka" for a point CIR files under Donetsk at the two cities' seam, "2 km N of
// Krasnotorka" for a Kramatorsk suburb. None is more than 16 km from its place.
TEST(Gazetteer, NamesTheTownAnalystsNamedForMostRealEvents) {
  std::ifstream events(std::string(VIGIL_SOURCE_DIR) + "/data/events/cir_donbas_2022q3.csv");
  ASSERT_TRUE(events);
  const auto letters = [](const std::string& s) {
    std::string out;
    for (const char c : s)
      if (std::isalpha(static_cast<unsigned char>(c)))
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  // Loose equality: the same first four letters and lengths within three.
  const auto same_name = [&](const std::string& a, const std::string& b) {
    const auto x = letters(a), y = letters(b);
    return x.size() >= 4 && y.size() >= 4 && x.compare(0, 4, y, 0, 4) == 0 &&
           (x.size() > y.size() ? x.size() - y.size() : y.size() - x.size()) <= 3;
  };
  std::string line;
  std::getline(events, line);
  int named = 0, agree = 0;
  double farthest = 0;
  while (std::getline(events, line)) {
    // entry,date,event_group,title,brief
    // description,lat,lon,country,province,district,town/city,...
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        fields.push_back(std::exchange(field, {}));
      else
        field += c;
    }
    fields.push_back(field);
    ASSERT_GE(fields.size(), 11U) << line;
    if (fields[10].empty()) continue;
    const auto placement = ukraine().place({std::stod(fields[5]), std::stod(fields[6])});
    ASSERT_TRUE(placement) << line;
    ++named;
    if (same_name(placement->place->name, fields[10])) ++agree;
    farthest = std::max(farthest, placement->distance_m);
  }
  EXPECT_EQ(named, 288);
  EXPECT_GE(agree, 220) << "of " << named;
  EXPECT_LT(farthest, 17'000);
}

}  // namespace
}  // namespace vigil::geo
