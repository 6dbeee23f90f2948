// In-process kernels of the ingest path: parsing a JSON Lines record into an observation
// and deriving its content id. The whole-process figure comes from bench/ingest.sh.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <string>

#include "vigil/core/observation.hpp"
#include "vigil/ingest/observation_builder.hpp"
#include "vigil/io/jsonl_reader.hpp"

namespace {

const std::string kLine =
    R"({"time":"2025-02-20T10:00:00Z","lat":48.12345,"lon":37.75112,"kind":"explosion","source":"patrol","entity":"patrol:P-12","attributes":{"count":3}})";

void BM_ParseJsonlRecord(benchmark::State& state) {
  simdjson::dom::parser parser;
  vigil::io::RawRecord raw;
  vigil::io::RecordError error;
  vigil::Observation obs;
  for (auto _ : state) {
    simdjson::dom::element element;
    if (parser.parse(kLine).get(element)) state.SkipWithError("parse");
    raw.fields.clear();
    vigil::io::record_from_json_object(element, raw, error);
    vigil::ingest::build_observation(raw, obs, error);
    benchmark::DoNotOptimize(obs);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseJsonlRecord);

void BM_ContentDigest(benchmark::State& state) {
  vigil::Observation obs;
  obs.time = 1740045600000000;
  obs.lat = 48.12345;
  obs.lon = 37.75112;
  obs.kind = "explosion";
  obs.source = "patrol";
  obs.entity = "patrol:P-12";
  obs.attributes = {{"count", 3}};
  for (auto _ : state)
    benchmark::DoNotOptimize(vigil::content_digest(obs));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ContentDigest);

}  // namespace

BENCHMARK_MAIN();
