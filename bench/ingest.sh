#!/usr/bin/env bash
# Whole-process ingest benchmark: generates N observations as JSON Lines (default 1,000,000,
# time-ordered, 400 sensors over one day), then times `vigil ingest` into a new workspace
# RUNS times (best run kept) and prints records per
# second. Also times a second ingest of the same file (everything already stored) and
# `vigil verify` over the result. Needs the release build (cmake --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-1000000}
runs=${RUNS:-3}
vigil=${VIGIL:-build/release/src/vigil}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$work/observations.jsonl
awk -v n="$n" -f bench/make_observations.awk >"$input"
echo "input: $n records, $(du -m "$input" | cut -f1) MiB"

fresh() { rm -f "$work"/ws.vigil*; "$vigil" init -w "$work/ws.vigil" >/dev/null; }
time_cmd() {  # label, prepare, command
  local label=$1 prepare=$2 cmd=$3 best=
  for _ in $(seq "$runs"); do
    eval "$prepare"
    local start end
    start=$(date +%s.%N)
    eval "$cmd"
    end=$(date +%s.%N)
    local t
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf "%-34s best of %d: %6.2f s  %10.0f records/s\n" "$label" "$runs" "$best" \
    "$(echo "$n / $best" | bc -l)"
}
time_cmd "ingest into a new workspace" fresh "$vigil ingest -q -w $work/ws.vigil $input"
time_cmd "ingest again (all duplicates)" : "$vigil ingest -q -w $work/ws.vigil $input"
time_cmd "verify (recompute every seal)" : "$vigil verify -q -w $work/ws.vigil"
