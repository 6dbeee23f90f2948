// Classification kernel: points against the 2025-02-20 line (DeepStateMap, data/frontline)
// with the Minsk II settlement (examples/settlements), one core.
#include <benchmark/benchmark.h>

#include <random>

#include "vigil/ceasefire/classifier.hpp"

namespace {

using namespace vigil;

const std::string kRoot = VIGIL_SOURCE_DIR;

const geo::GeometryFile& regions() {
  static const auto instance = geo::read_geojson_geometry(
      ceasefire::read_settlement(kRoot + "/examples/settlements/minsk2.json").sectors.regions_file);
  return instance;
}

const ceasefire::Classifier& classifier() {
  static const ceasefire::Classifier instance = [] {
    const std::string& root = kRoot;
    const auto control =
        geo::read_geojson_geometry(root + "/data/frontline/deepstatemap_data_20250220.geojson");
    const auto boundary =
        geo::read_geojson_geometry(root + "/data/boundaries/ua_oblasts_osm.geojson");
    ceasefire::DerivationReport report;
    auto line =
        ceasefire::derive_from_control(control.all_rings(), boundary.all_rings(), {}, report);
    auto settlement = ceasefire::read_settlement(root + "/examples/settlements/minsk2.json");
    return ceasefire::Classifier(std::move(line), std::move(settlement), &regions());
  }();
  return instance;
}

// Points uniformly over the line's region, 45.5-51 N, 31-40.5 E: most within 150 km.
std::vector<geo::LatLon> points(std::size_t n) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> lat(45.5, 51.0), lon(31.0, 40.5);
  std::vector<geo::LatLon> out(n);
  for (auto& p : out)
    p = {lat(random), lon(random)};
  return out;
}

void BM_ClassifyPoint(benchmark::State& state) {
  const auto& c = classifier();
  const auto input = points(1 << 16);
  std::size_t i = 0;
  double sum = 0;
  for (auto _ : state) {
    const auto result = c.classify(input[i++ & (input.size() - 1)]);
    sum += result.distance_m;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ClassifyPoint);

void BM_NearestOnLine(benchmark::State& state) {
  const auto& c = classifier();
  const geo::SegmentIndex index(c.line().parts);
  const auto input = points(1 << 16);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto nearest = index.nearest(input[i++ & (input.size() - 1)]);
    benchmark::DoNotOptimize(nearest.distance_m);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_NearestOnLine);

// Building the index over the line: once per classifier, so once per report, zones export
// and coverage request of a line version not yet cached.
void BM_BuildSegmentIndex(benchmark::State& state) {
  const auto& parts = classifier().line().parts;
  for (auto _ : state) {
    const geo::SegmentIndex index(parts);
    benchmark::DoNotOptimize(index.candidate_entries());
    state.counters["pieces"] = static_cast<double>(index.pieces());
    state.counters["cells"] = static_cast<double>(index.grid_cells());
    state.counters["candidates"] = static_cast<double>(index.candidate_entries());
    state.counters["MB"] = static_cast<double>(index.bytes()) / 1e6;
  }
}
BENCHMARK(BM_BuildSegmentIndex)->Unit(benchmark::kMillisecond);

// A whole classifier over the line, its settlement's zones and sector regions.
void BM_BuildClassifier(benchmark::State& state) {
  const auto& c = classifier();
  for (auto _ : state) {
    const ceasefire::Classifier built(c.line(), c.settlement(), &regions());
    benchmark::DoNotOptimize(&built);
  }
}
BENCHMARK(BM_BuildClassifier)->Unit(benchmark::kMillisecond);

}  // namespace
