#include "vigil/core/incident.hpp"

#include <gtest/gtest.h>

namespace vigil {
namespace {

Incident sample_incident() {
  Incident i;
  i.rule = "ceasefire.fire";
  i.severity = Severity::high;
  i.confidence = 0.8;
  i.start = *parse_rfc3339("2025-02-20T10:00:00Z");
  i.end = *parse_rfc3339("2025-02-20T10:30:00Z");
  i.lat = 48.1;
  i.lon = 37.7;
  i.entities = {"patrol:P-12", "camera:C-3", "patrol:P-12"};
  i.evidence = {"b", "a"};
  i.attributes = {{"explosions", 4}};
  i.recorded_at = *parse_rfc3339("2025-02-21T08:00:00Z");
  i.recorded_by = "rule-engine";
  normalise(i);
  i.id = derive_incident_id(i);
  return i;
}

TEST(Incident, LogBodyRoundTrips) {
  const Incident i = sample_incident();
  const auto body = to_log_body(i);
  EXPECT_EQ(body.at("entities"), nlohmann::json({"camera:C-3", "patrol:P-12"}));
  const Incident back = incident_from_log_body(nlohmann::json::parse(body.dump()));
  EXPECT_EQ(to_log_body(back).dump(), body.dump());
}

TEST(Incident, DerivedIdIgnoresWhenItWasRecorded) {
  Incident a = sample_incident(), b = sample_incident();
  b.recorded_at += 3600 * kMicrosPerSecond;
  b.recorded_by = "someone else";
  EXPECT_EQ(derive_incident_id(a), derive_incident_id(b));
  EXPECT_NE(derive_recorded_incident_id(a), derive_recorded_incident_id(b));
  b.evidence.push_back("c");
  EXPECT_NE(derive_incident_id(a), derive_incident_id(b));
}

TEST(Incident, MalformedBodiesThrow) {
  auto body = to_log_body(sample_incident());
  body["severity"] = "apocalyptic";
  EXPECT_THROW(incident_from_log_body(body), std::exception);
  body = to_log_body(sample_incident());
  body.erase("evidence");
  EXPECT_THROW(incident_from_log_body(body), std::exception);
  body = to_log_body(sample_incident());
  body["start"] = "yesterday";
  EXPECT_THROW(incident_from_log_body(body), std::exception);
}

// Only an object saying "position_known": false takes an incident's position away: an identity
// change heard in static reports alone.
TEST(Incident, PositionIsKnownUnlessTheAttributesSayItIsNot) {
  EXPECT_TRUE(position_known(nlohmann::json::object()));
  EXPECT_TRUE(position_known(nullptr));
  EXPECT_TRUE(position_known(nlohmann::json::array({false})));
  EXPECT_TRUE(position_known({{"position_known", true}}));
  EXPECT_TRUE(position_known({{"position_known", "false"}}));
  EXPECT_FALSE(position_known({{"position_known", false}, {"changed", "name"}}));
}

}  // namespace
}  // namespace vigil
