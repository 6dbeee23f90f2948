#!/usr/bin/env bash
# vigil serve under load: a workspace with 100,000 incidents and 1,000,000 observations, then
#  1. incident queries by bounding box and time with wrk (2 threads, 32 connections, 20 s):
#     requests/s and latency percentiles;
#  2. observation ingest over HTTP: 100 batches of 10,000 distinct observations sent by two
#     clients at once: observations/s.
# Needs the release build with benchmarks (cmake --preset release) and wrk
# (scripts/install-deps.sh --bench). N_INCIDENTS, N_OBSERVATIONS and SECONDS change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
vigil=${VIGIL:-build/release/src/vigil}
seed=${SEED_TOOL:-build/release/bench/vigil_bench_seed_incidents}
n_incidents=${N_INCIDENTS:-100000}
n_observations=${N_OBSERVATIONS:-1000000}
seconds=${SECONDS_PER_RUN:-20}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

ws=$work/ws.vigil
"$vigil" init -w "$ws" >/dev/null
awk -v n="$n_observations" -f bench/make_observations.awk >"$work/observations.jsonl"
"$vigil" ingest -q -w "$ws" "$work/observations.jsonl"
"$seed" "$ws" "$n_incidents" >/dev/null
key=$("$vigil" keys add -w "$ws" --role analyst --name bench 2>/dev/null)
echo "workspace: $n_incidents incidents, $n_observations observations"

"$vigil" serve -w "$ws" --no-web --listen 127.0.0.1:0 --rate 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(awk '/listening/ {print $NF}' "$work/serve.out")

echo "== incident queries (bbox 1°x1°, 7 days, limit 100), wrk -t2 -c32 -d${seconds}s"
curl -sf -H "Authorization: Bearer $key" "$url/api/v1/incidents?bbox=35,46,36,47&from=2025-03-01&to=2025-03-08&limit=100" \
  | python3 -c 'import json,sys; print("  one query returns", json.load(sys.stdin)["count"], "incidents")'
VIGIL_KEY=$key wrk -t2 -c32 -d"${seconds}s" --latency -s bench/serve_queries.lua "$url" | tail -1

# Each batch size gets a fresh million observations (a day later each time), so that every
# batch adds rather than finds duplicates.
day=1767225600
for batch in 10000 50000; do
  echo "== observation ingest over HTTP: 1,000,000 in batches of $batch, 2 clients"
  rm -rf "$work/batches" && mkdir -p "$work/batches"
  awk -v n=1000000 -v start=$day -f bench/make_observations.awk | split -l "$batch" - "$work/batches/b"
  day=$((day + 86400))
  before=$(sqlite3 "$ws" "SELECT count(*) FROM observations")
  start=$(date +%s.%N)
  ls "$work"/batches/b* | xargs -P 2 -I{} curl -sf -o /dev/null -X POST \
    -H "Authorization: Bearer $key" -H "Content-Type: application/x-ndjson" --data-binary @{} "$url/api/v1/observations"
  end=$(date +%s.%N)
  added=$(( $(sqlite3 "$ws" "SELECT count(*) FROM observations") - before ))
  printf "  %d observations stored in %.2f s: %.0f observations/s\n" "$added" \
    "$(echo "$end - $start" | bc -l)" "$(echo "$added / ($end - $start)" | bc -l)"
done
echo "== PostgreSQL backend: not built yet, no ratio"
