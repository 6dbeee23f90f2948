#include <gtest/gtest.h>

#include <vector>

#include "vigil/maritime/engine.hpp"

namespace vigil::maritime {
namespace {

struct Collect final : EventSink {
  void on_event(Event event) override { events.push_back(std::move(event)); }
  std::vector<Event> events;
};

Position at(std::uint32_t mmsi, Timestamp minute, double lat, double lon, float knots) {
  Position p;
  p.mmsi = mmsi;
  p.time = 1'740'787'200LL * kMicrosPerSecond + minute * 60 * kMicrosPerSecond;
  p.at = {lat, lon};
  p.speed = knots;
  return p;
}

// One fix 200 km off a track that carries on where it was: the GNSS's or the receiver's
// noise. It is counted as such, and no spoofing incident is reported.
TEST(MaritimeEngine, AnIsolatedFixFarOffIsCountedAsPositionNoise) {
  Collect out;
  Engine engine(Config{}, nullptr, nullptr, out);
  for (int m = 0; m < 60; m += 5)
    engine.on_position(at(636000001, m, 36.0, 19.0 + m * 0.0037, 12));
  engine.on_position(at(636000001, 61, 37.8, 19.8, 12));
  for (int m = 65; m < 180; m += 5)
    engine.on_position(at(636000001, m, 36.0, 19.0 + m * 0.0037, 12));
  engine.finish();
  EXPECT_EQ(engine.stats().position_noise, 1u);
  for (const auto& event : out.events)
    EXPECT_NE(event.rule, "maritime.spoofing");
}

// A tug beside a tanker for three hours at sea: found by the encounter search, set aside by
// the classes, and counted.
TEST(MaritimeEngine, AnEncounterOfATugAndATankerIsCountedNotReported) {
  Collect out;
  Engine engine(Config{}, nullptr, nullptr, out);
  const auto type = [&](std::uint32_t mmsi, const char* code) {
    engine.on_static(
        {mmsi, 1'740'787'200LL * kMicrosPerSecond, vessel::Attribute::ship_type, code, 0});
  };
  type(636000001, "80");
  type(366000002, "52");
  for (int m = 0; m <= 180; m += 5) {
    engine.on_position(at(636000001, m, 36.0, 20.5, 0.2f));
    engine.on_position(at(366000002, m, 36.00135, 20.5, 0.2f));
  }
  engine.finish();
  EXPECT_EQ(engine.stats().not_for_class.at("maritime.encounter"), 1u);
  for (const auto& event : out.events)
    EXPECT_NE(event.rule, "maritime.encounter");
}

}  // namespace
}  // namespace vigil::maritime
