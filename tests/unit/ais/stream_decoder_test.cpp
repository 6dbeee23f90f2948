#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string_view>
#include <vector>

#include "unit/ais/ais_test_support.hpp"
#include "vigil/ais/nmea.hpp"

namespace vigil::test {
namespace {

using ais::ErrorKind;

// "!AIVDM,..." -> "!AIVDM,...*hh" with the right checksum.
std::string with_checksum(const std::string& sentence) {
  unsigned sum = 0;
  for (std::size_t i = 1; i < sentence.size(); ++i)
    sum ^= static_cast<unsigned char>(sentence[i]);
  char hex[4];
  std::snprintf(hex, sizeof hex, "%02X", sum);
  return sentence + "*" + hex;
}

TEST(Payload, ReadsFieldsAcrossWordsAndSigns) {
  ais::Payload payload;
  // Type 1 from ITU examples: mmsi 371798000, lon -123.39538333, lat 48.38163333.
  ASSERT_EQ(payload.append("15RTgt0PAso;90TKcjM8h6g208CQ", 0), ais::Payload::AppendResult::ok);
  EXPECT_EQ(payload.bit_count(), 168u);
  EXPECT_EQ(payload.u(0, 6), 1u);
  EXPECT_EQ(payload.u(8, 30), 371798000u);
  EXPECT_EQ(payload.s(61, 28), -74037230);
  EXPECT_EQ(payload.s(89, 27), 29028980);
  EXPECT_EQ(payload.u(160, 8), payload.u(160, 8) & 0xff);
  EXPECT_EQ(payload.u(168, 30), 0u) << "bits past the end read as zero";
}

TEST(Payload, EveryByteAtEveryPositionUnarmoursAsTheAlphabetSays) {
  // Symbols are unarmoured eight at a time with word arithmetic, the rest one by one:
  // each of the 256 byte values, at each position of a 19-symbol payload, must give its
  // six-bit value or be rejected.
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string armoured(19, 'w');  // 63: neighbours with every bit set
      armoured[at] = static_cast<char>(c);
      ais::Payload payload;
      const auto result = payload.append(armoured, 0);
      const int expected = ais::armour_value(static_cast<char>(c));
      if (expected < 0) {
        EXPECT_EQ(result, ais::Payload::AppendResult::bad_character) << c << " at " << at;
        continue;
      }
      ASSERT_EQ(result, ais::Payload::AppendResult::ok) << c << " at " << at;
      for (std::size_t i = 0; i < armoured.size(); ++i)
        ASSERT_EQ(payload.u(i * 6, 6), i == at ? static_cast<std::uint64_t>(expected) : 63u)
            << c << " at " << at << ", symbol " << i;
    }
  }
}

TEST(Payload, FillBitsOfOneFragmentDoNotLeakIntoTheNext) {
  ais::Payload a;
  a.append("w", 2);  // 111111 with the last two bits as fill
  a.append("0", 0);  // 000000
  EXPECT_EQ(a.bit_count(), 10u);
  EXPECT_EQ(a.u(0, 10), 0b1111000000u);
  ais::Payload b;
  EXPECT_EQ(b.append("0!", 0), ais::Payload::AppendResult::bad_character);
}

// Both ways of unarmouring (vectors of sixteen where the processor has them, the table
// one symbol at a time) against a bit-by-bit reference, on random fragments of every
// length up to 130 characters, appended at every bit offset, with fill bits and with a
// bad character that must leave the payload as it was.
class PayloadUnarmouring : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { ais::allow_vector_unarmouring(GetParam()); }
  void TearDown() override { ais::allow_vector_unarmouring(true); }
};

TEST_P(PayloadUnarmouring, MatchesBitByBitReference) {
  static constexpr std::string_view kAlphabet =
      "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";
  std::mt19937 random(GetParam() ? 7 : 11);
  const auto below = [&](std::size_t n) {
    return static_cast<std::size_t>(random() % static_cast<std::uint32_t>(n));
  };
  for (int round = 0; round < 3000; ++round) {
    ais::Payload payload;
    std::vector<bool> expected;
    const std::size_t fragments = 1 + below(3);
    for (std::size_t f = 0; f < fragments; ++f) {
      std::string armoured(below(131), '0');
      for (auto& c : armoured)
        c = kAlphabet[below(kAlphabet.size())];
      const int fill = static_cast<int>(below(6));
      if (expected.size() + armoured.size() * 6 > ais::Payload::kMaxBits) break;
      if (!armoured.empty() && below(8) == 0) {
        // A character outside the alphabet anywhere in the fragment.
        const std::string_view bad = "!\\*,X^_ x~\x7f\x80\xff";
        armoured[below(armoured.size())] = bad[below(bad.size())];
        ASSERT_EQ(payload.append(armoured, fill), ais::Payload::AppendResult::bad_character);
      } else {
        ASSERT_EQ(payload.append(armoured, fill), ais::Payload::AppendResult::ok);
        for (const char c : armoured) {
          const int value = ais::armour_value(c);
          for (int bit = 5; bit >= 0; --bit)
            expected.push_back(((value >> bit) & 1) != 0);
        }
        if (!armoured.empty()) expected.resize(expected.size() - static_cast<std::size_t>(fill));
      }
      ASSERT_EQ(payload.bit_count(), expected.size()) << "round " << round;
      for (std::size_t i = 0; i < expected.size() + 70; ++i) {
        const std::uint64_t want = i < expected.size() && expected[i] ? 1 : 0;
        ASSERT_EQ(payload.u(i, 1), want) << "round " << round << ", bit " << i;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(VectorAndTable, PayloadUnarmouring, ::testing::Bool(),
                         [](const auto& test) { return test.param ? "Vector" : "Table"; });

TEST(Payload, TextStopsAtTheFirstAtSign) {
  ais::Payload payload;
  // "AB@CD" as six-bit characters: A=1, B=2, @=0, C=3, D=4.
  payload.append("12034", 0);
  char out[8];
  EXPECT_EQ(std::string_view(out, payload.text(0, 5, out)), "AB");
}

TEST(Nmea, ParsesSentenceFieldsAndReceiverTrailer) {
  ais::VdmSentence s;
  ASSERT_EQ(
      ais::parse_vdm("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827", s),
      ais::SentenceError::none);
  EXPECT_EQ(s.talker, "AI");
  EXPECT_EQ(s.channel, 'A');
  EXPECT_EQ(s.sequence_id, -1);
  EXPECT_EQ(s.station, "003669794");
  ASSERT_TRUE(s.time.has_value());
  EXPECT_EQ(format_rfc3339(*s.time), "2010-04-28T00:00:27Z");
}

TEST(Nmea, RejectsBadChecksumFieldsAndFillBits) {
  ais::VdmSentence s;
  EXPECT_EQ(ais::parse_vdm("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*71", s),
            ais::SentenceError::checksum);
  EXPECT_EQ(ais::parse_vdm("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0", s),
            ais::SentenceError::malformed);
  EXPECT_EQ(ais::parse_vdm(with_checksum("!AIVDM,3,4,,A,1,0"), s), ais::SentenceError::malformed);
  EXPECT_EQ(ais::parse_vdm(with_checksum("!AIVDM,1,1,,A,1,7"), s), ais::SentenceError::fill_bits);
  EXPECT_EQ(ais::parse_vdm(with_checksum("!AIVDM,2,1,1,A,1,2"), s), ais::SentenceError::fill_bits);
  EXPECT_EQ(ais::parse_vdm(with_checksum("!AIVDM,1,1,,A,1,0,extra"), s),
            ais::SentenceError::malformed);
}

TEST(Nmea, TagBlockFields) {
  ais::TagBlock tag;
  ASSERT_EQ(
      ais::parse_tag_block("g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37", tag),
      ais::SentenceError::none);
  EXPECT_EQ(tag.station, "rORBCOMM008");
  EXPECT_EQ(tag.group_index, 1);
  EXPECT_EQ(tag.group_count, 2);
  EXPECT_EQ(tag.group_id, "1604");
  EXPECT_EQ(format_rfc3339(*tag.time), "2014-12-10T00:00:01Z");
  // Fields are kept when only the checksum is wrong; garbage is refused.
  EXPECT_EQ(ais::parse_tag_block("c:1565218798*00", tag), ais::SentenceError::checksum);
  EXPECT_TRUE(tag.time.has_value());
  EXPECT_EQ(ais::parse_tag_block("c:notatime*00", tag), ais::SentenceError::tag_block);
}

TEST(StreamDecoder, TagBlockGroupedMultipartWithInterleavedSentence) {
  const auto dir = shared_ais_dir();
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " is absent";
  const DecodedText ours = decode_text(slurp(dir / "nmea" / "libais_tagblock.nmea"));
  // libais's expected decode of the same file.
  std::vector<nlohmann::json> expected;
  std::istringstream in(slurp(dir / "golden" / "libais_tagblock.json"));
  for (std::string line; std::getline(in, line);)
    expected.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(ours.messages.size(), expected.size());
  // libais prints in input order of the first fragment; vigil when a message completes,
  // so the type 5 (fragments on lines 1 and 3) comes second.
  std::map<long, std::vector<nlohmann::json>> by_mmsi_ours;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    const auto match = std::find_if(ours.messages.begin(), ours.messages.end(), [&](const auto& m) {
      return m["mmsi"] == e["mmsi"] && m["type"] == e["type"] &&
             m.value("station", "") == e["tagblock_station"].template get<std::string>() &&
             m.value("time", "") ==
                 e["tagblock_timestamp"].template get<std::string>().substr(0, 19) + "Z";
    });
    ASSERT_NE(match, ours.messages.end()) << e;
    EXPECT_EQ((*match)["time"], e["tagblock_timestamp"].get<std::string>().substr(0, 19) + "Z");
    if (e["type"] == 5) {
      EXPECT_EQ((*match)["shipname"], e["shipname"]);
      EXPECT_EQ((*match)["callsign"], e["callsign"]);
    } else {
      EXPECT_NEAR((*match)["lon"].get<double>(), e["lon"].get<double>(),
                  3e-5);  // libais uses floats
      EXPECT_NEAR((*match)["lat"].get<double>(), e["lat"].get<double>(), 3e-5);
      EXPECT_EQ((*match)["heading"], e["heading"]);
    }
  }
  EXPECT_EQ(ours.stats.error_total(), 0u);
}

TEST(StreamDecoder, GatehouseLineTimesTheNextSentence) {
  const DecodedText ours = decode_text(
      "$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17\n"
      "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n"
      "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n");
  ASSERT_EQ(ours.messages.size(), 2u);
  EXPECT_EQ(ours.messages[0]["time"], "2008-05-09T00:00:00.01Z");
  EXPECT_FALSE(ours.messages[1].contains("time")) << "a Gatehouse time is used once";
  EXPECT_EQ(ours.stats.other_sentences, 1u);
}

TEST(StreamDecoder, MultipartTimeoutAndBoundedBufferCountOrphans) {
  const std::string first =
      with_checksum("!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0") +
      "\n";
  const std::string second = with_checksum("!AIVDM,2,2,3,B,1@0000000000000,2") + "\n";
  std::string text = first;
  for (int i = 0; i < 5; ++i)
    text += "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n";
  text += second;
  ais::StreamOptions tight;
  tight.fragment_timeout_lines = 3;
  const DecodedText late = decode_text(text, tight);
  EXPECT_EQ(late.stats.messages_by_type[5], 0u);
  EXPECT_EQ(late.stats.error(ErrorKind::orphan_fragment), 2u) << "both fragments are orphans";
  const DecodedText in_time = decode_text(text);
  EXPECT_EQ(in_time.stats.messages_by_type[5], 1u);
  EXPECT_EQ(in_time.stats.error_total(), 0u);

  ais::StreamOptions small;
  small.max_pending = 1;
  const DecodedText evicted = decode_text(
      first +
          with_checksum(
              "!AIVDM,2,1,4,A,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0") +
          "\n" + second,
      small);
  EXPECT_EQ(evicted.stats.error(ErrorKind::orphan_fragment), 3u);
  EXPECT_EQ(evicted.stats.messages, 0u);
}

TEST(StreamDecoder, NotAvailableValuesAreLeftOut) {
  // Type 1 with heading 511, turn -128 and speed 1023 (gpsd sample).
  const DecodedText ours = decode_text(
      "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n"
      "!AIVDM,1,1,,B,100h00PP0@PHFV`Mg5gTH?vNPUIp,0*3B\n");
  ASSERT_EQ(ours.messages.size(), 2u);
  const auto& unknown_heading = ours.messages[1];
  EXPECT_FALSE(unknown_heading.contains("heading"));
  EXPECT_FALSE(unknown_heading.contains("turn"));
  for (const auto& m : ours.messages) {
    for (const auto& [key, value] : m.items())
      EXPECT_FALSE(value.is_null()) << key;
  }
}

// Error counts of every shared NMEA file, pinned: a change in what vigil accepts shows.
struct FileCounts {
  std::string file;
  std::uint64_t sentences;
  std::uint64_t messages;
  std::map<ErrorKind, std::uint64_t> errors;
};

class SharedNmeaFiles : public ::testing::TestWithParam<FileCounts> {};

TEST_P(SharedNmeaFiles, DecodeWithPinnedCounts) {
  const auto path = shared_ais_dir() / "nmea" / GetParam().file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const DecodedText ours = decode_text(slurp(path));
  EXPECT_EQ(ours.stats.sentences, GetParam().sentences);
  EXPECT_EQ(ours.stats.messages, GetParam().messages);
  for (std::size_t k = 0; k < ais::kErrorKinds; ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    const auto found = GetParam().errors.find(kind);
    EXPECT_EQ(ours.stats.error(kind), found == GetParam().errors.end() ? 0 : found->second)
        << ais::error_kind_name(kind);
  }
  EXPECT_EQ(ours.messages.size(), ours.stats.messages);
}

INSTANTIATE_TEST_SUITE_P(
    Files, SharedNmeaFiles,
    ::testing::Values(
        FileCounts{"aisdb_test_data_20211101.nm4", 997, 979, {}},
        FileCounts{"dma_aislib_stream_example.txt", 4500, 4051, {}},
        FileCounts{"gfw_aistools_bad-tagblock-group.nmea", 2, 1, {}},
        FileCounts{"gfw_aistools_bad-type5.nmea",
                   6,
                   2,
                   {{ErrorKind::bit_count, 1}, {ErrorKind::junk_line, 3}}},
        FileCounts{"gfw_aistools_ee-multiline.nmea", 10, 8, {}},
        FileCounts{"gfw_aistools_errors.nmea", 5, 3, {{ErrorKind::checksum, 2}}},
        FileCounts{"gfw_aistools_mixed_types.nmea", 109, 99, {}},
        FileCounts{"gfw_aistools_multi-part.nmea", 93, 43, {}},
        FileCounts{"gfw_aistools_spire-test.nmea", 4, 2, {{ErrorKind::tag_block, 4}}},
        FileCounts{"gfw_aistools_type1-bad-bitcount.nmea", 12, 12, {}},
        FileCounts{"gpsd_ais-18-27.log", 276, 207, {{ErrorKind::bit_count, 69}}},
        FileCounts{
            "gpsd_sample.aivdm", 118, 102, {{ErrorKind::tag_block, 2}, {ErrorKind::junk_line, 1}}},
        FileCounts{"kystverket_Ais1000Lines.nm4", 1000, 877, {{ErrorKind::tag_block, 246}}},
        FileCounts{"libais_tagblock.nmea", 5, 4, {}},
        FileCounts{"libais_test.aivdm",
                   263,
                   243,
                   {{ErrorKind::bit_count, 18}, {ErrorKind::unknown_type, 17}}},
        FileCounts{"libais_typeexamples.nmea", 26, 26, {}},
        FileCounts{"pyais_gatehouse.nmea", 4, 4, {}},
        FileCounts{
            "pyais_mixed.txt",
            15,
            12,
            {{ErrorKind::junk_line, 2}, {ErrorKind::malformed, 1}, {ErrorKind::tag_block, 3}}},
        FileCounts{"pyais_nmea_data_sample.txt",
                   898,
                   778,
                   {{ErrorKind::bit_count, 100}, {ErrorKind::orphan_fragment, 20}}}),
    [](const ::testing::TestParamInfo<FileCounts>& param) {
      std::string name = param.param.file;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace vigil::test

namespace vigil::test {
namespace {

// Inputs the NMEA fuzzer found: each once overflowed or produced invalid JSON.
TEST(StreamDecoder, FuzzRegressions) {
  ais::TagBlock tag;
  EXPECT_EQ(ais::parse_tag_block("c:15651565218798798*00", tag), ais::SentenceError::tag_block);
  EXPECT_FALSE(
      ais::parse_gatehouse_time(with_checksum("$PGHP,1,3155380906736772,5,9,0,0,0,10,338,2,,1,09"))
          .has_value());
  // A station name that is not UTF-8 still gives a JSON line that parses.
  const DecodedText ours = decode_text(
      "\\s:\x8e\xb2\xab,c:1699401684*00\\!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09\n");
  ASSERT_EQ(ours.messages.size(), 1u);
  EXPECT_EQ(ours.messages[0]["station"], "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace vigil::test
