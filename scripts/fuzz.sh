#!/usr/bin/env bash
# Explores each libFuzzer target of the asan build beyond its seed corpus (fuzz/corpus/<target>,
# which ctest replays as fuzz_replay.<target>), two targets at a time, FUZZ_SECONDS in all
# (default 120). The targets are dealt to two queues that run side by side, each sharing
# FUZZ_SECONDS among its own targets (nine targets: five of 24 s beside four of 30 s), so both
# cores stay busy to the end instead of the last target running alone. Any crash, leak or
# sanitizer report fails the script and leaves the reproducer in build/asan/fuzz-artifacts/;
# add it to the target's corpus as regression_<what> once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
total=${FUZZ_SECONDS:-120}
build=build/asan
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
targets=(jsonl csv geojson nmea lists geography ceasefire api pdf)
parallel=2

# fontconfig's process-lifetime caches (the pdf target) are not leaks (tests/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan-suppressions.txt:print_suppressions=0"

explore() {  # explore TARGET SECONDS
  local target=$1 seconds=$2 work log status=0
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

queue() {  # queue INDEX: every parallel-th target from INDEX, sharing the total time
  local mine=() target seconds failed=0 i
  for ((i = $1; i < ${#targets[@]}; i += parallel)); do mine+=("${targets[i]}"); done
  seconds=$(( total / ${#mine[@]} ))
  [ "$seconds" -ge 1 ] || seconds=1
  for target in "${mine[@]}"; do explore "$target" "$seconds" || failed=1; done
  return $failed
}

pids=()
for ((q = 0; q < parallel && q < ${#targets[@]}; q++)); do
  queue "$q" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
