#include <filesystem>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "vigil/sanctions/list_entry.hpp"

namespace vigil::test {
namespace {

using sanctions::ListFormat;
using sanctions::read_list;

TEST(ParseImo, ChecksTheCheckDigit) {
  EXPECT_EQ(sanctions::parse_imo("9179842"), 9179842);
  EXPECT_EQ(sanctions::parse_imo("IMO 9179842"), 9179842);
  EXPECT_EQ(sanctions::parse_imo("0363464"), 363464) << "leading zero kept by the UK table";
  EXPECT_FALSE(sanctions::parse_imo("9179843"));
  EXPECT_FALSE(sanctions::parse_imo("RS 150443"));
  EXPECT_FALSE(sanctions::parse_imo(""));
}

TEST(ToUtf8, ReadsLatin1AndKeepsUtf8) {
  EXPECT_EQ(sanctions::to_utf8("Ca\xe7"
                               "a"),
            "Ca\xc3\xa7"
            "a");
  EXPECT_EQ(sanctions::to_utf8("Ca\xc3\xa7"
                               "a"),
            "Ca\xc3\xa7"
            "a");
}

TEST(ListReaders, EuAnnexInLatin1WithFormerNames) {
  TempDir dir;
  const auto path = dir.write("eu.csv",
                              "Vessel name;IMO number ;Date of application\r\n"
                              "Angara;9179842;25.06.2024\r\n"
                              "\"Noctis (formerly Luna; Asher)\";9258868;25.02.2025\r\n"
                              "Quartanus (formerly\xa0Morpheus;9247443;21.05.2025\r\n"
                              "Bad;1234568;21.05.2025\r\n");
  const auto list = read_list(path);
  EXPECT_EQ(list.format, ListFormat::eu_annex_xlii);
  ASSERT_EQ(list.entries.size(), 4u);
  EXPECT_EQ(list.entries[0].name, "Angara");
  EXPECT_EQ(list.entries[0].imo, 9179842);
  EXPECT_EQ(list.entries[0].listed_on, "2024-06-25");
  EXPECT_EQ(list.entries[1].name, "Noctis");
  EXPECT_EQ(list.entries[1].former_names, (std::vector<std::string>{"Luna", "Asher"}));
  EXPECT_EQ(list.entries[2].former_names, std::vector<std::string>{"Morpheus"});
  EXPECT_FALSE(list.entries[3].imo) << "an invalid IMO is not kept";
  ASSERT_EQ(list.warnings.size(), 1u);
  EXPECT_EQ(list.warnings[0].line, 5u);
  EXPECT_NE(list.warnings[0].message.find("1234568"), std::string::npos);
}

TEST(ListReaders, GurWithMmsisFormerNamesAndDelistings) {
  TempDir dir;
  const auto path =
      dir.write("gur.csv",
                "gur_id,name,imo,mmsi_current,mmsi_legacy,flag,vessel_type,callsign,former_names,"
                "build_year,status\n"
                "1,ADLER,9179854,273414440,273414441,russian federation,Ro-Ro,UGPS,Rio Kelan / BBC "
                "Kelan,1998,listed\n"
                "2,GONE,9258868,,,panama,Tanker,,,2002,delisted_from_gur\n"
                "3,ODD,RS 150443,12345,,russia,Tug,,,1990,listed\n"
                // Found by fuzz_lists: a zero-padded number in the MMSI column is no ship's MMSI.
                "4,PADDED,9408683,009408683,,panama,Tanker,,,2003,listed\n"
                // Build years as the real list writes them: rebuilt ships, and typos.
                "5,REBUILT,9308065,,,panama,Tanker,,,2015 / 2004,listed\n"
                "6,TYPO,9179854,,,panama,Tanker,,,2007HQZS3,listed\n");
  const auto list = read_list(path);
  EXPECT_EQ(list.format, ListFormat::gur);
  ASSERT_EQ(list.entries.size(), 5u);
  EXPECT_TRUE(list.entries[2].mmsis.empty());
  const auto& adler = list.entries[0];
  EXPECT_EQ(adler.entry_id, "gur:1");
  EXPECT_EQ(adler.mmsis, (std::vector<std::uint32_t>{273414440, 273414441}));
  EXPECT_EQ(adler.former_names, (std::vector<std::string>{"Rio Kelan", "BBC Kelan"}));
  EXPECT_EQ(adler.callsign, "UGPS");
  EXPECT_FALSE(list.entries[1].imo);
  EXPECT_TRUE(list.entries[1].mmsis.empty());
  EXPECT_EQ(adler.build_year, 1998);
  EXPECT_EQ(list.entries[3].build_year, 2004);  // the earliest: when the hull was built
  EXPECT_FALSE(list.entries[4].build_year);
  // delisted, bad IMO, short MMSI, zero-padded MMSI, unreadable build year
  ASSERT_EQ(list.warnings.size(), 5u);
  EXPECT_EQ(list.warnings[0].line, 3u);
  EXPECT_EQ(list.warnings[4].line, 7u);
  EXPECT_NE(list.warnings[4].message.find("2007HQZS3"), std::string::npos);
}

TEST(ListReaders, OpenSanctionsFollowTheMoneyVessels) {
  TempDir dir;
  const auto path = dir.write(
      "entities.ftm.json",
      R"({"id":"os-v1","schema":"Vessel","properties":{"name":["EVENTIN","LAGUNA"],"imoNumber":["9308065"],"mmsi":["538009926"],"flag":["pa"],"callSign":["V7A2"],"previousName":["PRIMROSE"],"buildDate":["2003-06-01"]},"datasets":["eu_fsf","ua_war_sanctions"],"first_seen":"2025-01-10T00:00:00"})"
      "\n"
      R"({"id":"os-c1","schema":"Company","properties":{"name":["SHADOW SHIPPING LLC"]}})"
      "\n"
      R"({"id":"os-v2","schema":"Vessel","properties":{"name":["NOIMO"],"imoNumber":["1234568"]}})"
      "\n"
      R"({"id":"os-v3","schema":"Vessel","properties":{"imoNumber":["9308065"]}})"
      "\n");
  const auto list = read_list(path);
  EXPECT_EQ(list.format, ListFormat::ftm);
  ASSERT_EQ(list.entries.size(), 2u);
  const auto& v = list.entries[0];
  EXPECT_EQ(v.list, "opensanctions");
  EXPECT_EQ(v.entry_id, "os-v1");
  EXPECT_EQ(v.name, "EVENTIN");
  EXPECT_EQ(v.former_names, (std::vector<std::string>{"LAGUNA", "PRIMROSE"}));
  EXPECT_EQ(v.imo, 9308065);
  EXPECT_EQ(v.mmsis, (std::vector<std::uint32_t>{538009926}));
  EXPECT_EQ(v.callsign, "V7A2");
  EXPECT_EQ(v.build_year, 2003);
  EXPECT_EQ(v.listed_on, "2025-01-10");
  EXPECT_EQ(v.programs, (std::vector<std::string>{"eu_fsf", "ua_war_sanctions"}));
  EXPECT_FALSE(list.entries[1].imo);    // bad check digit: kept without, with a warning
  ASSERT_EQ(list.warnings.size(), 2u);  // the bad IMO (line 3), the nameless vessel (line 4)
  EXPECT_EQ(list.warnings[1].line, 4u);

  const auto bad =
      dir.write("bad.ftm.json", R"({"id":"a","schema":"Vessel","properties":{"name":["A"]}})"
                                "\n{not json\n");
  try {
    read_list(bad);
    FAIL() << "expected ListError";
  } catch (const sanctions::ListError& e) {
    EXPECT_NE(std::string(e.what()).find(bad + ":2"), std::string::npos) << e.what();
  }
}

TEST(ListReaders, ImoTableAndOfacJson) {
  TempDir dir;
  const auto table = read_list(dir.write("t.csv",
                                         "imo,ofac,uk,eu\n9179842,True,False,True\n"
                                         "0363464,False,True,False\n"));
  EXPECT_EQ(table.format, ListFormat::imo_table);
  ASSERT_EQ(table.entries.size(), 3u);
  EXPECT_EQ(table.entries[0].list, "ofac");
  EXPECT_EQ(table.entries[1].list, "eu");
  EXPECT_EQ(table.entries[2].list, "uk");
  EXPECT_THROW(read_list(dir.write("u.csv", "imo,ofac\n9179842,maybe\n")), sanctions::ListError);

  const auto ofac = read_list(dir.write(
      "o.json",
      R"({"vessels":[{"imo":9187629,"name":"ARTAVIL","programs":["IRAN"],)"
      R"("designation_date":"03/20/2026","vessel_info":{"call_sign":"T2EU4","flag":"Iran"}},)"
      R"({"imo":1,"name":"NO IMO","programs":[]}]})"));
  EXPECT_EQ(ofac.format, ListFormat::ofac_json);
  ASSERT_EQ(ofac.entries.size(), 2u);
  EXPECT_EQ(ofac.entries[0].listed_on, "2026-03-20");
  EXPECT_EQ(ofac.entries[0].callsign, "T2EU4");
  EXPECT_EQ(ofac.entries[0].programs, std::vector<std::string>{"IRAN"});
  EXPECT_EQ(ofac.warnings.size(), 1u);
}

TEST(ListReaders, OfacSdnCsvVesselsWithIdentifiersInTheRemarks) {
  TempDir dir;
  const auto list = read_list(dir.write(
      "sdn.csv",
      "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",-0- ,\"DOB 28 Jul 1963.\"\n"
      "40716,\"IRIS MAKRAN\",\"vessel\",\"IRAN\",-0- ,-0- ,\"Naval Auxiliary Vessel\",-0- ,-0- "
      ",\"Iran\",-0- ,\"Vessel Registration Identification IMO 9486910; a.k.a. 'MAKRAN'.\"\n"
      "47371,\"NS LEADER\",\"vessel\",\"RUSSIA-EO14024] [UKRAINE-EO13662\",-0- ,\"A8LU7\",\"Crude "
      "Oil Tanker\",-0- ,-0- ,\"Gabon\",-0- ,\"Identification Number IMO 9339301; MMSI "
      "636013272; Linked To: NS LEADER SHIPPING INCORPORATED.\"\n"));
  EXPECT_EQ(list.format, ListFormat::ofac_sdn_csv);
  ASSERT_EQ(list.entries.size(), 2u) << "only vessels";
  EXPECT_EQ(list.entries[0].entry_id, "ofac:40716");
  EXPECT_EQ(list.entries[0].imo, 9486910);
  EXPECT_EQ(list.entries[0].former_names, std::vector<std::string>{"MAKRAN"});
  EXPECT_EQ(list.entries[1].mmsis, std::vector<std::uint32_t>{636013272});
  EXPECT_EQ(list.entries[1].callsign, "A8LU7");
  EXPECT_EQ(list.entries[1].programs,
            (std::vector<std::string>{"RUSSIA-EO14024", "UKRAINE-EO13662"}));
  EXPECT_EQ(list.entries[1].flag, "Gabon");
}

TEST(ListReaders, WrongFilesAreRefusedWholeWithTheirName) {
  TempDir dir;
  const auto path = dir.write("x.csv", "name,flag\nSEA STAR,PA\n");
  try {
    read_list(path);
    FAIL() << "accepted";
  } catch (const sanctions::ListError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":1:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_list(dir.write("y.json", "{\"vessels\": 3}")), sanctions::ListError);
  EXPECT_THROW(read_list(dir.write("z.json", "{\"vessels\": [")), sanctions::ListError);
  // Found by fuzz_lists: a number too large for a double is not a parse error to nlohmann.
  EXPECT_THROW(read_list(dir.write("n.json", "{\"vessels\": [3E8856]}")), sanctions::ListError);
  EXPECT_THROW(read_list(path, ListFormat::gur), sanctions::ListError) << "missing columns";
  // Found by fuzz_lists: a header the CSV reader refuses escaped as another exception.
  EXPECT_THROW(read_list(dir.write("h.csv", "gur_id,name,imo,mmsi_current,\xff\n1,A,,,\n")),
               sanctions::ListError);
}

// Reads ../shared/data/sanctions when present.
TEST(ListReaders, SharedListsLoadWithPinnedCounts) {
  const std::string dir = std::string(VIGIL_SOURCE_DIR) + "/../shared/data/sanctions/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " is absent";
  struct Expected {
    const char* file;
    ListFormat format;
    std::size_t entries, warnings;
  };
  for (const Expected& e :
       {Expected{"ofac_sdn_vessels_20260322.json", ListFormat::ofac_json, 1450, 0},
        Expected{"eu_annex_xlii_designated_vessels_20251023.csv", ListFormat::eu_annex_xlii, 557,
                 0},
        Expected{"gur_shadow_fleet_vessels_master.csv", ListFormat::gur, 1404, 14},
        Expected{"sanctions_by_imo_ofac_uk_eu.csv", ListFormat::imo_table, 2821, 0},
        Expected{"watchman_ofac_sdn_sample.csv", ListFormat::ofac_sdn_csv, 4, 0}}) {
    const auto list = read_list(dir + e.file);
    EXPECT_EQ(list.format, e.format) << e.file;
    EXPECT_EQ(list.entries.size(), e.entries) << e.file;
    EXPECT_EQ(list.warnings.size(), e.warnings) << e.file;
  }
}

}  // namespace
}  // namespace vigil::test
