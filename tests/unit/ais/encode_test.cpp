#include "vigil/ais/encode.hpp"

#include <gtest/gtest.h>

#include "unit/ais/ais_test_support.hpp"

namespace vigil::test {
namespace {

std::string lines_of(const ais::Payload6& payload, std::int64_t epoch, int sequence = 3) {
  std::string text;
  for (const auto& line : ais::to_sentences(payload, 'B', sequence, "sim", epoch))
    text += line + "\n";
  return text;
}

TEST(Encode, ClassAPositionRoundTrips) {
  ais::PositionReportFields f;
  f.mmsi = 273452010;
  f.status = 0;
  f.lat = 60.3412345;
  f.lon = -28.7054321;
  f.speed = 12.3;
  f.course = 254.7;
  f.heading = 255;
  f.second = 42;
  const auto decoded = decode_text(lines_of(ais::encode_position_report(f), 1'700'000'000));
  ASSERT_TRUE(decoded.errors.empty());
  ASSERT_EQ(decoded.messages.size(), 1U);
  const auto& m = decoded.messages[0];
  EXPECT_EQ(m["type"], 1);
  EXPECT_EQ(m["mmsi"], 273452010);
  EXPECT_EQ(m["status"], 0);
  EXPECT_NEAR(m["lat"].get<double>(), 60.3412345, 1e-6);
  EXPECT_NEAR(m["lon"].get<double>(), -28.7054321, 1e-6);
  EXPECT_DOUBLE_EQ(m["speed"].get<double>(), 12.3);
  EXPECT_DOUBLE_EQ(m["course"].get<double>(), 254.7);
  EXPECT_EQ(m["heading"], 255);
  EXPECT_EQ(m["second"], 42);
  EXPECT_EQ(m["time"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(m["station"], "sim");
}

TEST(Encode, NotAvailableValuesStayAbsent) {
  ais::PositionReportFields f;
  f.type = 18;
  f.mmsi = 211000001;
  f.lat = -33.5;
  f.lon = 151.25;
  const auto decoded = decode_text(lines_of(ais::encode_position_report(f), 1'700'000'000));
  ASSERT_EQ(decoded.messages.size(), 1U);
  const auto& m = decoded.messages[0];
  EXPECT_EQ(m["type"], 18);
  EXPECT_FALSE(m.contains("speed"));
  EXPECT_FALSE(m.contains("course"));
  EXPECT_FALSE(m.contains("heading"));
  EXPECT_DOUBLE_EQ(m["lat"].get<double>(), -33.5);
}

TEST(Encode, StaticAndVoyageDataRoundTripsAcrossTwoFragments) {
  ais::StaticFields f;
  f.mmsi = 636019825;
  f.imo = 9321483;
  f.callsign = "D5AB7";
  f.name = "EVENTIN";
  f.ship_type = 80;
  f.to_bow = 200;
  f.to_stern = 44;
  f.to_port = 20;
  f.to_starboard = 22;
  f.draught = 14.2;
  f.destination = "PRIMORSK";
  const auto payload = ais::encode_static_voyage(f);
  EXPECT_EQ(payload.text.size(), 71U);
  EXPECT_EQ(payload.fill_bits, 2);
  const auto text = lines_of(payload, 1'700'000'060);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  const auto decoded = decode_text(text);
  ASSERT_TRUE(decoded.errors.empty());
  ASSERT_EQ(decoded.messages.size(), 1U);
  const auto& m = decoded.messages[0];
  EXPECT_EQ(m["type"], 5);
  EXPECT_EQ(m["imo"], 9321483);
  EXPECT_EQ(m["callsign"], "D5AB7");
  EXPECT_EQ(m["shipname"], "EVENTIN");
  EXPECT_EQ(m["shiptype"], 80);
  EXPECT_EQ(m["to_bow"], 200);
  EXPECT_EQ(m["to_starboard"], 22);
  EXPECT_DOUBLE_EQ(m["draught"].get<double>(), 14.2);
  EXPECT_EQ(m["destination"], "PRIMORSK");
  EXPECT_EQ(m["time"], "2023-11-14T22:14:20Z");
}

TEST(Encode, ClassBStaticPartsRoundTrip) {
  ais::StaticFields f;
  f.mmsi = 211000001;
  f.name = "SEA BREEZE";
  f.callsign = "DA1234";
  f.ship_type = 37;
  f.to_bow = 8;
  f.to_stern = 4;
  f.to_port = 2;
  f.to_starboard = 2;
  const auto a = decode_text(lines_of(ais::encode_class_b_static_a(f), 1'700'000'000));
  const auto b = decode_text(lines_of(ais::encode_class_b_static_b(f), 1'700'000'000));
  ASSERT_EQ(a.messages.size(), 1U);
  ASSERT_EQ(b.messages.size(), 1U);
  EXPECT_EQ(a.messages[0]["partno"], 0);
  EXPECT_EQ(a.messages[0]["shipname"], "SEA BREEZE");
  EXPECT_EQ(b.messages[0]["partno"], 1);
  EXPECT_EQ(b.messages[0]["callsign"], "DA1234");
  EXPECT_EQ(b.messages[0]["shiptype"], 37);
  EXPECT_EQ(b.messages[0]["to_bow"], 8);
}

}  // namespace
}  // namespace vigil::test
