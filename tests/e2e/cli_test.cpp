#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace vigil::test {
namespace {

RunResult vigil(std::vector<std::string> args) {
  args.insert(args.begin(), VIGIL_BINARY);
  return run_program(args);
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = dir_.file("ws.vigil");
    const auto r = vigil({"init", "-w", ws_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // One camera's report of an explosion, id cam-1.
  void ingest_camera_report() {
    const auto data = dir_.write(
        "obs.jsonl",
        R"({"id":"cam-1","time":"2025-02-20T10:00:00Z","lat":48.1,"lon":37.7,"kind":"explosion","source":"camera"})"
        "\n");
    ASSERT_EQ(vigil({"ingest", "-q", "-w", ws_, data}).exit_code, 0);
  }
  TempDir dir_;
  std::string ws_;
};

TEST_F(Cli, InitKeepsTheSecretKeyPrivateAndNeverOverwrites) {
  const auto perms = std::filesystem::status(ws_ + ".key").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto again = vigil({"init", "-w", ws_});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

TEST_F(Cli, BadInputIsRejectedWithFileLineAndField) {
  const auto file = dir_.write("bad.csv",
                               "time,lat,lon,kind,source\n"
                               "2025-02-20T10:00:00Z,48.1,37.7,explosion,patrol\n"
                               "2025-02-20T10:05:00Z,148.1,37.7,explosion,patrol\n");
  const auto r = vigil({"ingest", "-w", ws_, file});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(file + ":3: field 'lat': 148.1 is outside [-90, 90]"), std::string::npos)
      << r.err;
  EXPECT_EQ(vigil({"observations", "-w", ws_, "--format", "jsonl"}).out, "");

  const auto skipped = vigil({"ingest", "-w", ws_, "--on-error", "skip", file});
  EXPECT_EQ(skipped.exit_code, 0);
  EXPECT_NE(skipped.err.find("1 added, 0 already stored, 1 rejected"), std::string::npos)
      << skipped.err;
}

TEST_F(Cli, MissingFilesAndBadOptionsGiveClearErrors) {
  auto r = vigil({"ingest", "-w", ws_, dir_.file("nope.jsonl")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.jsonl: cannot open"), std::string::npos) << r.err;
  r = vigil({"observations", "-w", ws_, "--bbox", "1,2,3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bbox"), std::string::npos) << r.err;
  r = vigil({"observations", "-w", ws_, "--from", "last tuesday"});
  EXPECT_EQ(r.exit_code, 2);
  r = vigil({"observations", "-w", dir_.file("missing.vigil")});
  EXPECT_EQ(r.exit_code, 1);
  r = vigil({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(Cli, IncidentLifecycleVerifiesAndExports) {
  ingest_camera_report();
  const auto added = vigil({"incidents",  "add",
                            "-w",         ws_,
                            "--rule",     "manual",
                            "--time",     "2025-02-20T10:00:00Z",
                            "--lat",      "48.1",
                            "--lon",      "37.7",
                            "--note",     "two explosions, SSE of the camera",
                            "--evidence", "cam-1",
                            "--entity",   "camera:C-1",
                            "--by",       "analyst-1"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string id = added.out.substr(0, added.out.find('\n'));
  EXPECT_EQ(id.size(), 32u);

  auto listed = vigil({"incidents", "-w", ws_, "--format", "jsonl"});
  auto incident = nlohmann::json::parse(listed.out);
  EXPECT_EQ(incident["id"], id);
  EXPECT_EQ(incident["status"], "open");
  EXPECT_EQ(incident["evidence"], nlohmann::json({"cam-1"}));
  EXPECT_EQ(incident["entities"], nlohmann::json({"camera:C-1"}));
  for (const char* key :
       {"rule", "start", "end", "lat", "lon", "severity", "confidence", "attributes"})
    EXPECT_TRUE(incident.contains(key)) << key;

  const auto reviewed = vigil({"incidents", "review", "-w", ws_, id, "--status", "confirmed",
                               "--by", "lead", "--note", "matches UAV imagery"});
  ASSERT_EQ(reviewed.exit_code, 0) << reviewed.err;
  listed = vigil({"incidents", "-w", ws_, "--status", "confirmed", "--format", "jsonl"});
  EXPECT_EQ(nlohmann::json::parse(listed.out)["status"], "confirmed");
  EXPECT_EQ(vigil({"incidents", "-w", ws_, "--status", "open", "--format", "jsonl"}).out, "");

  EXPECT_EQ(vigil({"verify", "-w", ws_}).exit_code, 0);
  const auto bundle = dir_.file("bundle");
  ASSERT_EQ(vigil({"log", "export", "-w", ws_, "--out", bundle}).exit_code, 0);
  // The bundle verifies on its own, even with the workspace gone.
  std::filesystem::rename(ws_, ws_ + ".moved");
  auto verified = vigil({"verify", "--bundle", bundle});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  const std::string pub = read_file(ws_ + ".pub").substr(0, 64);
  EXPECT_EQ(vigil({"verify", "--bundle", bundle, "--public-key", pub}).exit_code, 0);
  const std::string wrong(64, 'a');
  EXPECT_EQ(vigil({"verify", "--bundle", bundle, "--public-key", wrong}).exit_code, 4);

  // A byte changed in the exported review record: verify names record 3.
  std::string records = read_file(bundle + "/records.jsonl");
  const auto at = records.find("matches UAV");
  ASSERT_NE(at, std::string::npos);
  records[at] = 'M';
  dir_.write("bundle/records.jsonl", records);
  verified = vigil({"verify", "--bundle", bundle});
  EXPECT_EQ(verified.exit_code, 4);
  EXPECT_NE(verified.err.find("first bad record: 3"), std::string::npos) << verified.err;
}

// A party keeps the signed heads it was shown (vigil log head); a workspace or bundle shown to
// it later must still hold them. Cut back (an older copy of the workspace) and forked (the
// older copy signed onward with other records) are both caught, the fork as equivocation.
TEST_F(Cli, HeldHeadsCatchALogCutBackBehindThemOrForkedFromThem) {
  const auto add = [&](const std::string& ws, const std::string& note) {
    const auto r =
        vigil({"incidents", "add", "-w", ws, "--rule", "manual", "--time", "2025-02-20T10:00:00Z",
               "--lat", "48.1", "--lon", "37.7", "--note", note, "--by", "analyst-1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  };
  const auto keep_head = [&](const std::string& ws, const std::string& name) {
    const auto r = vigil({"log", "head", "-w", ws});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto head = nlohmann::json::parse(r.out);
    for (const char* field :
         {"workspace_id", "public_key", "seq", "hash", "signed_at", "signature"})
      EXPECT_TRUE(head.contains(field)) << field;
    return dir_.write(name, r.out);
  };
  add(ws_, "first");
  const auto first = keep_head(ws_, "first.json");
  // The workspace as it stood at the first head, key and all.
  for (const char* ext : {"", ".key", ".pub"})
    std::filesystem::copy_file(ws_ + ext, dir_.file("old.vigil") + ext);
  const auto old = dir_.file("old.vigil");
  add(ws_, "second");
  const auto second = keep_head(ws_, "second.json");

  auto r = vigil({"verify", "-w", ws_, "--head", first, "--head", second});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("contains the 2 head(s) given"), std::string::npos) << r.out;
  EXPECT_EQ(vigil({"verify", "-w", old}).exit_code, 0) << "whole on its own";
  EXPECT_EQ(vigil({"verify", "-w", old, "--head", first}).exit_code, 0);
  r = vigil({"verify", "-w", old, "--head", first, "--head", second});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("cut back"), std::string::npos) << r.err;

  const auto bundle = dir_.file("old-bundle");
  ASSERT_EQ(vigil({"log", "export", "-w", old, "--out", bundle}).exit_code, 0);
  r = vigil({"verify", "--bundle", bundle, "--head", second});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("cut back"), std::string::npos) << r.err;

  add(old, "another second");  // signed onward by the same key: a second history
  r = vigil({"verify", "-w", old, "--head", second});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("EQUIVOCATION"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(nlohmann::json::parse(read_file(second))["signature"].get<std::string>()),
            std::string::npos)
      << "the held signature is part of the proof: " << r.err;

  dir_.write("bad.json", "{\"format\": \"vigil-log-head-v1\"}");
  r = vigil({"verify", "-w", ws_, "--head", dir_.file("bad.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.json: field 'workspace_id'"), std::string::npos) << r.err;
}

// Bytes of the file changed behind vigil's back are tampering (exit 4), not a usage error
// (exit 1): the probe's byte flips exited 1 with "database disk image is malformed".
TEST_F(Cli, ADamagedWorkspaceFileIsNotVerifiedWithExit4) {
  ingest_camera_report();
  ASSERT_EQ(vigil({"verify", "-w", ws_}).exit_code, 0);
  const std::string intact = read_file(ws_);
  ASSERT_GT(intact.size(), 3 * 4096u);
  const auto damaged = [&](std::size_t at, std::string_view bytes) {
    std::string copy = intact;
    copy.replace(at, bytes.size(), bytes);
    dir_.write("ws.vigil", copy);
    return vigil({"verify", "-w", ws_});
  };
  auto r = damaged(0, "Not a database!");  // the file's header
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("NOT VERIFIED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("damaged"), std::string::npos) << r.err;
  // Page 2's b-tree header: its page type byte becomes one no page has.
  r = damaged(4096, "\x7f\x7f\x7f\x7f");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("NOT VERIFIED"), std::string::npos) << r.err;
}

TEST_F(Cli, ABundleCheckedWithoutAPinnedKeySaysSoFirst) {
  const auto bundle = dir_.file("bundle");
  ASSERT_EQ(
      vigil({"incidents", "add", "-w", ws_, "--rule", "manual", "--time", "2025-02-20T10:00:00Z",
             "--lat", "48.1", "--lon", "37.7", "--note", "x", "--by", "a"})
          .exit_code,
      0);
  ASSERT_EQ(vigil({"log", "export", "-w", ws_, "--out", bundle}).exit_code, 0);
  auto r = vigil({"verify", "--bundle", bundle});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.rfind(bundle + ": key unpinned", 0), 0u) << r.err;
  r = vigil({"verify", "--bundle", bundle, "--public-key", ws_ + ".pub"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, ReviewsOfUnknownIncidentsAndWithoutTheKeyFail) {
  auto r = vigil({"incidents", "review", "-w", ws_, "deadbeef", "--status", "confirmed", "--by",
                  "x", "--note", "y"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no incident with id 'deadbeef'"), std::string::npos) << r.err;
  std::filesystem::rename(ws_ + ".key", dir_.file("elsewhere.key"));
  const auto data = dir_.write(
      "o.jsonl", R"({"time":"2025-02-20T10:00:00Z","lat":1,"lon":2,"kind":"report","source":"s"})"
                 "\n");
  r = vigil({"ingest", "-w", ws_, data});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("signing key"), std::string::npos) << r.err;
  r = vigil({"ingest", "-q", "-w", ws_, "--key", dir_.file("elsewhere.key"), data});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliHelp, EveryCommandDocumentsItself) {
  for (const std::vector<std::string>& cmd : {std::vector<std::string>{},
                                              {"init"},
                                              {"ingest"},
                                              {"observations"},
                                              {"incidents"},
                                              {"incidents", "add"},
                                              {"incidents", "review"},
                                              {"incidents", "show"},
                                              {"verify"},
                                              {"log", "export"},
                                              {"status"}}) {
    auto args = cmd;
    args.insert(args.begin(), VIGIL_BINARY);
    args.push_back("--help");
    const auto r = run_program(args);
    EXPECT_EQ(r.exit_code, 0) << fmt::format("{}", fmt::join(cmd, " "));
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace vigil::test

namespace vigil::test {
namespace {

// Two ships that never say their AIS type lie alongside for three hours at sea. Unknown and
// unknown is no cargo transfer; once a list names them by MMSI as crude oil tankers, the
// list's type stands for theirs and the meeting is an encounter.
TEST_F(Cli, AListedTypeStandsForATypeAVesselNeverSaid) {
  std::string positions;
  for (int minute = 0; minute <= 180; minute += 5)
    for (const auto& [mmsi, lat] : {std::pair{"352005626", 36.0}, std::pair{"352004128", 36.00135}})
      positions += fmt::format(
          R"({{"time":"2025-03-01T{:02d}:{:02d}:00Z","lat":{},"lon":20.5,"kind":"position","source":"ais","entity":"mmsi:{}","speed":0.3}})"
          "\n",
          minute / 60, minute % 60, lat, mmsi);
  ASSERT_EQ(vigil({"ingest", "-q", "-w", ws_, dir_.write("pos.jsonl", positions)}).exit_code, 0);
  const auto encounters = [&] {
    return vigil({"incidents", "-w", ws_, "--rule", "maritime.encounter", "--format", "jsonl"}).out;
  };
  ASSERT_EQ(vigil({"detect", "-w", ws_}).exit_code, 0);
  EXPECT_EQ(encounters(), "") << "two ships of unknown class";
  const auto list =
      dir_.write("gur.csv",
                 "gur_id,name,imo,mmsi_current,mmsi_legacy,flag,vessel_type,callsign,former_names,"
                 "build_year,status\n"
                 "1575,ZHUO YUAN,9408683,352005626,,Panama,Crude Oil Tanker,3E8856,,2009,listed\n"
                 "1573,TRACOS,9224453,352004128,,Panama,Crude Oil Tanker,3E7630,,2002,listed\n");
  ASSERT_EQ(vigil({"lists", "load", "-q", "-w", ws_, list}).exit_code, 0);
  ASSERT_EQ(vigil({"detect", "-w", ws_}).exit_code, 0);
  const auto found = encounters();
  EXPECT_NE(found.find("\"class\":\"tanker\""), std::string::npos) << found;
  EXPECT_NE(found.find("mmsi:352004128"), std::string::npos) << found;
}

}  // namespace
}  // namespace vigil::test
