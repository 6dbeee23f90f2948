#!/usr/bin/env bash
# Explores each libFuzzer target of the asan build beyond its seed corpus (fuzz/corpus/<target>,
# which ctest replays as fuzz_replay.<target>), two targets at a time, FUZZ_SECONDS in all
# (default 120: each of the nine targets gets two ninths of it). Any crash, leak or sanitizer
# report fails the script and leaves the reproducer in build/asan/fuzz-artifacts/; add it to the
# target's corpus as regression_<what> once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
total=${FUZZ_SECONDS:-120}
build=build/asan
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
targets=(jsonl csv geojson nmea lists geography ceasefire api pdf)
parallel=2
seconds=$(( total * parallel / ${#targets[@]} ))
[ "$seconds" -ge 1 ] || seconds=1

# fontconfig's process-lifetime caches (the pdf target) are not leaks (tests/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan-suppressions.txt:print_suppressions=0"

explore() {
  local target=$1 work log status=0
  work=$(mktemp -d)
  cp fuzz/corpus/"$target"/* "$work"/
  log="$artifacts/$target.log"
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$work" \
    >"$log" 2>&1 || status=$?
  rm -rf "$work"
  echo "fuzz_$target: ${seconds}s, $(grep -oE '^stat::number_of_executed_units:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?') runs, peak $(grep -oE '^stat::peak_rss_mb:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?') MB"
  if [ "$status" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz_$target failed (exit $status); reproducer in $artifacts" >&2
    return 1
  fi
}

failed=0
for ((i = 0; i < ${#targets[@]}; i += parallel)); do
  pids=()
  for target in "${targets[@]:i:parallel}"; do
    explore "$target" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
done
exit $failed
