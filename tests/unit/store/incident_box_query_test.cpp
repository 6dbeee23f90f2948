// Incident queries by box and time go through the R*Tree (schema 10); they must return
// exactly what a scan of every incident with the same conditions returns.
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "unit/store/workspace_test_support.hpp"

namespace vigil::store {
namespace {

class IncidentBoxQueryTest : public test::BackendWorkspaceFixture {};

TEST_P(IncidentBoxQueryTest, TheSpatialIndexReturnsExactlyWhatAScanReturns) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0, 1);
  const Timestamp day = 86'400LL * kMicrosPerSecond;
  const Timestamp t0 = *parse_rfc3339("2025-01-01T00:00:00Z");
  std::vector<Incident> all;
  {
    auto ws = open();
    IncidentWriter writer(ws);
    for (int i = 0; i < 2000; ++i) {
      Incident incident;
      incident.rule = "test.rule";
      incident.start = t0 + static_cast<Timestamp>(unit(random) * 60.0 * static_cast<double>(day));
      incident.end =
          incident.start + static_cast<Timestamp>(unit(random) * 3.0 * static_cast<double>(day));
      // Some exactly on the edges of the boxes queried below.
      incident.lat = i % 50 == 0 ? 47.0 : 45 + unit(random) * 5;
      incident.lon = i % 70 == 0 ? 36.0 : 33 + unit(random) * 6;
      incident.attributes = {{"i", i}};
      all.push_back(incident);
      writer.add(incident);
    }
    writer.commit();
  }
  auto ws = open();
  for (int q = 0; q < 200; ++q) {
    IncidentFilter filter;
    const double west = q % 10 == 0 ? 36.0 : 33 + unit(random) * 5;
    const double south = q % 10 == 0 ? 47.0 : 45 + unit(random) * 4;
    filter.bbox = BoundingBox{west, south, west + unit(random) * 2, south + unit(random) * 2};
    if (q % 3 != 0)
      filter.from = t0 + static_cast<Timestamp>(unit(random) * 50.0 * static_cast<double>(day));
    if (q % 4 != 0)
      filter.to = filter.from.value_or(t0) +
                  static_cast<Timestamp>(unit(random) * 10.0 * static_cast<double>(day));
    std::set<std::int64_t> expected, found;
    for (const auto& i : all) {
      const auto& b = *filter.bbox;
      if (i.lat < b.min_lat || i.lat > b.max_lat || i.lon < b.min_lon || i.lon > b.max_lon)
        continue;
      if (filter.from && i.end < *filter.from) continue;
      if (filter.to && i.start >= *filter.to) continue;
      expected.insert(i.attributes.at("i").get<std::int64_t>());
    }
    for_each_incident(ws, filter, [&](const StoredIncident& row) {
      found.insert(row.incident.attributes.at("i").get<std::int64_t>());
      return true;
    });
    EXPECT_EQ(found, expected) << "query " << q;
  }
  EXPECT_EQ(verify_workspace(ws).ok, true);
}

INSTANTIATE_BOTH_BACKENDS(IncidentBoxQueryTest);

}  // namespace
}  // namespace vigil::store
