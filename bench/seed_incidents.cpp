// Seeds a workspace with N incidents for the serve benchmark: spread over eastern Ukraine and
// the Black Sea and over one year, logged and signed in one transaction as a rule run would.
// Usage: vigil_bench_seed_incidents WORKSPACE N
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include <fmt/format.h>

#include "vigil/store/incident_store.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s WORKSPACE N\n", argv[0]);
    return 2;
  }
  const long n = std::strtol(argv[2], nullptr, 10);
  vigil::store::Workspace ws(vigil::store::WorkspacePaths::of(argv[1]));
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> lat(44.0, 50.0), lon(30.0, 40.0), unit(0.0, 1.0);
  const vigil::Timestamp year_start = *vigil::parse_rfc3339("2025-01-01T00:00:00Z");
  const vigil::Timestamp year = 365LL * 86'400 * vigil::kMicrosPerSecond;
  const char* rules[] = {"ceasefire.fire",     "ceasefire.crossing", "ceasefire.weapon_in_zone",
                         "maritime.encounter", "maritime.gap",       "maritime.port_call"};
  vigil::store::IncidentWriter writer(ws);
  for (long i = 0; i < n; ++i) {
    vigil::Incident incident;
    incident.rule = rules[i % 6];
    incident.start =
        year_start + static_cast<vigil::Timestamp>(unit(random) * static_cast<double>(year));
    incident.end = incident.start + 3'600 * vigil::kMicrosPerSecond;
    incident.lat = lat(random);
    incident.lon = lon(random);
    incident.confidence = unit(random);
    incident.severity = vigil::Severity::medium;
    incident.attributes = {{"seed", i}};
    incident.recorded_by = "bench";
    writer.add(std::move(incident));
  }
  writer.commit();
  std::printf("%ld incidents\n", n);
  return 0;
}
