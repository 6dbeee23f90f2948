#!/usr/bin/env bash
# In-process AIS decoding kernel: the Google Benchmark BM_DecodePositionSentence (the 4,366
# type 1-3 sentences of data/ais's logs, framing included, no output) run RUNS times, with
# the median and range in sentences per second; then, where valgrind is installed, the
# instructions executed per sentence, counted by callgrind. The count does not depend on
# the machine's speed or load, so it is the figure to compare across machines and days;
# the rate on a shared machine drifts with its neighbours.
# Needs the release build (cmake --preset release && cmake --build --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
benchmarks=${BENCHMARKS:-build/release/bench/vigil_benchmarks}
[ -x "$benchmarks" ] || { echo "missing $benchmarks: cmake --preset release && cmake --build --preset release" >&2; exit 1; }

rates=()
for _ in $(seq "$runs"); do
  rate=$("$benchmarks" --benchmark_filter='BM_DecodePositionSentence$' --benchmark_min_time=1 \
           --benchmark_format=json 2>/dev/null |
         sed -n 's/.*"items_per_second": *\([0-9.e+]*\).*/\1/p' | head -1)
  rates+=("$(printf '%.0f' "$rate")")
done
sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
printf "type 1-3 sentences decoded per second, %d runs: median %'d, range %'d - %'d\n" \
  "$runs" "$median" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)"

if command -v valgrind >/dev/null; then
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
  # The benchmark's shortest run: one iteration, every sentence fed once through the
  # decoder, with only the decoder's instructions collected.
  json=$(valgrind --tool=callgrind --callgrind-out-file="$out" \
           --toggle-collect='vigil::ais::StreamDecoder::feed*' \
           "$benchmarks" --benchmark_filter='BM_DecodePositionSentence$' \
           --benchmark_min_time=0.000001 --benchmark_format=json 2>/dev/null)
  iterations=$(echo "$json" | sed -n 's/.*"iterations": *\([0-9]*\).*/\1/p' | head -1)
  per_iteration=$(echo "$json" | sed -n 's/.*"sentences": *\([0-9.e+]*\).*/\1/p' | head -1)
  sentences=$(awk -v i="$iterations" -v s="$per_iteration" 'BEGIN {printf "%.0f", i * s}')
  total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out")
  printf "instructions per sentence (callgrind): %d (%'d over %'d sentences)\n" \
    $(( total / sentences )) "$total" "$sentences"
else
  echo "valgrind not installed: no instruction count (scripts/install-deps.sh --bench)"
fi
