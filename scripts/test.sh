#!/usr/bin/env bash
# Installs what vigil needs, builds the dashboard, then builds and runs every test tier (unit,
# end-to-end, golden, the API against vigil serve, the dashboard in Chromium; the store's tests
# on both SQLite and a PostgreSQL server this script starts and stops), each where it tests
# most:
#   dev    g++, warnings as errors: the program as users build it (the release preset's
#          compiler) and the dashboard on it in Chromium (browser): presets dev-program
#   asan   clang, AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors: every
#          tier but the browser's (it re-tests JavaScript over the C++ paths the API tier
#          covers), plus each fuzz target's corpus and regression seeds replayed
# Every tier but the browser's runs once, under the sanitizers, which see everything a plain
# build's run would and memory errors besides; `ctest --preset dev` still runs every tier for
# a developer. Then a bounded exploration by every fuzz target (FUZZ_SECONDS in all,
# default 120) and a clang-format check. Each step's time is printed at its end and in a
# summary.
set -euo pipefail
cd "$(dirname "$0")/.."

# The CPU seconds this script's finished children used (user and system), from /proc: with
# the wall time they say whether a slow step did more work or shared a slower machine.
cpu_seconds() {
  local stat
  read -r stat </proc/$$/stat
  # shellcheck disable=SC2086
  set -- ${stat##*) }
  echo $(((${14} + ${15}) / $(getconf CLK_TCK)))
}
started=$SECONDS
started_cpu=$(cpu_seconds)
summary=()
step() {  # step NAME COMMAND...: runs it, prints and remembers how long it took
  local name=$1 begun=$SECONDS begun_cpu
  begun_cpu=$(cpu_seconds)
  shift
  echo "== $name"
  "$@"
  local line
  line=$(printf '%-14s %4ds  %5ds CPU' "$name" $((SECONDS - begun)) $(($(cpu_seconds) - begun_cpu)))
  summary+=("$line")
  echo "== $line"
}
report() {
  echo "== time per step"
  printf '%s\n' "${summary[@]}"
  printf '%-14s %4ds  %5ds CPU\n' total $((SECONDS - started)) $(($(cpu_seconds) - started_cpu))
}
trap report EXIT

step deps ./scripts/install-deps.sh
step web ./scripts/build-web.sh
# The store's tests run on SQLite and on PostgreSQL/PostGIS: a throwaway server for them.
pg_dir=$(mktemp -d /tmp/vigil-test-pg.XXXXXX)
trap './scripts/postgres.sh stop "$pg_dir" || true; rm -rf "$pg_dir"; report' EXIT
VIGIL_TEST_POSTGRES=$(./scripts/postgres.sh start "$pg_dir" "${VIGIL_TEST_PG_PORT:-54331}")
export VIGIL_TEST_POSTGRES
step dev-build sh -c "cmake --preset dev >/dev/null && cmake --build --preset dev-program"
step dev-test ctest --preset dev-program
step asan-build sh -c "cmake --preset asan >/dev/null && cmake --build --preset asan"
step asan-test ctest --preset asan
step fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-120}" ./scripts/fuzz.sh
format() {
  local files
  files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src include tests fuzz bench -name '*.[ch]pp')
  # shellcheck disable=SC2086
  clang-format --dry-run --Werror $files
}
step format format
echo "all tests passed"
