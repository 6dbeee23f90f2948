#!/usr/bin/env bash
# vigil serve under load, on a SQLite workspace and on a PostgreSQL/PostGIS one (a throwaway
# local server this script starts with scripts/postgres.sh, fsync on like SQLite's
# synchronous=FULL), each with 100,000 incidents and 1,000,000 observations:
#  1. incident queries by bounding box and time with wrk (2 threads, 32 connections, 20 s):
#     requests/s and latency percentiles;
#  2. observation ingest over HTTP: 1,000,000 distinct observations in batches of 10,000,
#     then of 50,000, two requests at a time: observations/s.
# It ends with the PostgreSQL/SQLite ratios. Needs the release build with benchmarks
# (cmake --preset release) and wrk (scripts/install-deps.sh --bench). N_INCIDENTS,
# N_OBSERVATIONS and SECONDS_PER_RUN change the sizes; BACKENDS="sqlite" skips PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
vigil=${VIGIL:-build/release/src/vigil}
seed=${SEED_TOOL:-build/release/bench/vigil_bench_seed_incidents}
n_incidents=${N_INCIDENTS:-100000}
n_observations=${N_OBSERVATIONS:-1000000}
seconds=${SECONDS_PER_RUN:-20}
backends=${BACKENDS:-sqlite postgresql}
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL server runs as the postgres user when we are root
server=
pg_started=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  [ -n "$pg_started" ] && ./scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

awk -v n="$n_observations" -f bench/make_observations.awk >"$work/observations.jsonl"
declare -A result

count_observations() {  # WORKSPACE
  case "$1" in
    postgresql://*) psql -At -c "SELECT count(*) FROM observations" "$1" ;;
    *) sqlite3 "$1" "SELECT count(*) FROM observations" ;;
  esac
}

run_backend() {  # NAME WORKSPACE
  local name=$1 ws=$2
  echo "=== $name"
  local t0=$(date +%s.%N)
  "$vigil" init -w "$ws" >/dev/null
  "$vigil" ingest -q -w "$ws" "$work/observations.jsonl"
  "$seed" "$ws" "$n_incidents" >/dev/null
  local key=$("$vigil" keys add -w "$ws" --role analyst --name bench 2>/dev/null)
  sync  # the kernel's writing back of the fill would otherwise compete with the server
  printf "workspace: %d incidents, %d observations (filled in %.0f s)\n" "$n_incidents" \
    "$n_observations" "$(echo "$(date +%s.%N) - $t0" | bc -l)"

  "$vigil" serve -w "$ws" --no-web --listen 127.0.0.1:0 --rate 0 >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
  local url=$(awk '/listening/ {print $NF}' "$work/serve.out")

  echo "== incident queries (bbox 1°x1°, 7 days, limit 100), wrk -t2 -c32 -d${seconds}s"
  curl -sf -H "Authorization: Bearer $key" "$url/api/v1/incidents?bbox=35,46,36,47&from=2025-03-01&to=2025-03-08&limit=100" |
    python3 -c 'import json,sys; print("  one query returns", json.load(sys.stdin)["count"], "incidents")'
  VIGIL_KEY=$key wrk -t2 -c32 -d"${seconds}s" --latency -s bench/serve_queries.lua "$url" >"$work/wrk.txt"
  tail -1 "$work/wrk.txt"
  result[$name.rps]=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  result[$name.p99]=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt" | head -1)

  # Each batch size gets a fresh million observations (a day later each time), so that every
  # batch adds rather than finds duplicates.
  local day=1767225600
  for batch in 10000 50000; do
    echo "== observation ingest over HTTP: 1,000,000 in batches of $batch, 2 at a time"
    rm -rf "$work/batches" && mkdir -p "$work/batches"
    awk -v n=1000000 -v start=$day -f bench/make_observations.awk | split -l "$batch" - "$work/batches/b"
    day=$((day + 86400))
    local before=$(count_observations "$ws")
    local start=$(date +%s.%N)
    # One curl sends them all, two at a time on kept-alive connections: a client process per
    # batch would spend as much CPU as the server on these two cores.
    for f in "$work"/batches/b*; do
      printf 'url = "%s/api/v1/observations"\ndata-binary = "@%s"\noutput = "/dev/null"\n' "$url" "$f"
      printf 'header = "Authorization: Bearer %s"\nheader = "Content-Type: application/x-ndjson"\n' "$key"
      printf 'fail\nsilent\nshow-error\nnext\n'
    done | sed '$d' >"$work/curl.cfg"
    curl --no-progress-meter --show-error --parallel --parallel-max 2 --config "$work/curl.cfg"
    local end=$(date +%s.%N)
    local added=$(( $(count_observations "$ws") - before ))
    local rate=$(echo "$added / ($end - $start)" | bc -l)
    printf "  %d observations stored in %.2f s: %.0f observations/s\n" "$added" "$(echo "$end - $start" | bc -l)" "$rate"
    result[$name.ingest$batch]=$rate
  done
  kill "$server" && wait "$server" 2>/dev/null || true
  server=
}

for backend in $backends; do
  case "$backend" in
    sqlite) run_backend sqlite "$work/ws.vigil" ;;
    postgresql)
      uri=$(PG_FSYNC=on ./scripts/postgres.sh start "$work/pg" 54339)
      pg_started=1
      export VIGIL_KEY=$work/pg.key
      run_backend postgresql "$uri"
      unset VIGIL_KEY ;;
  esac
done

if [ -n "${result[postgresql.rps]:-}" ] && [ -n "${result[sqlite.rps]:-}" ]; then
  echo "=== PostgreSQL / SQLite"
  printf "  incident queries: %.0f vs %.0f requests/s (ratio %.2f); p99 %s vs %s\n" \
    "${result[postgresql.rps]}" "${result[sqlite.rps]}" \
    "$(echo "${result[postgresql.rps]} / ${result[sqlite.rps]}" | bc -l)" \
    "${result[postgresql.p99]}" "${result[sqlite.p99]}"
  for batch in 10000 50000; do
    printf "  ingest, batches of %d: %.0f vs %.0f observations/s (ratio %.2f)\n" "$batch" \
      "${result[postgresql.ingest$batch]}" "${result[sqlite.ingest$batch]}" \
      "$(echo "${result[postgresql.ingest$batch]} / ${result[sqlite.ingest$batch]}" | bc -l)"
  done
fi
