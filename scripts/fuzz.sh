#!/usr/bin/env bash
# Runs each libFuzzer target of the asan build for FUZZ_SECONDS (default 60) from the seed
# corpus in fuzz/corpus/<target>. Any crash, leak or sanitizer report fails the script and
# leaves the reproducer in build/asan/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
build=build/asan
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
for target in jsonl csv geojson nmea lists geography ceasefire api; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work"/
  echo "fuzz_$target: ${seconds}s"
  log="$artifacts/$target.log"
  status=0
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$work" \
    >"$log" 2>&1 || status=$?
  rm -rf "$work"
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz_$target failed (exit $status); reproducer in $artifacts" >&2
    exit 1
  fi
done
