#!/usr/bin/env bash
# Installs what vigil needs, builds the dashboard, then builds and runs every test (unit,
# end-to-end, golden, the API tests against vigil serve and the dashboard's browser tests; the
# store's tests on both SQLite and a PostgreSQL server this script starts and stops):
# the dev build (g++, warnings as errors) and the asan build (clang, AddressSanitizer +
# UndefinedBehaviorSanitizer), then each libFuzzer target for FUZZ_SECONDS (default 30) and a
# clang-format check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build-web.sh
# The store's tests run on SQLite and on PostgreSQL/PostGIS: a throwaway server for them.
pg_dir=$(mktemp -d /tmp/vigil-test-pg.XXXXXX)
trap './scripts/postgres.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
VIGIL_TEST_POSTGRES=$(./scripts/postgres.sh start "$pg_dir" "${VIGIL_TEST_PG_PORT:-54331}")
export VIGIL_TEST_POSTGRES
for preset in dev asan; do
  echo "== $preset"
  cmake --preset "$preset"
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
echo "== fuzz"
FUZZ_SECONDS=${FUZZ_SECONDS:-30} ./scripts/fuzz.sh
echo "== format"
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src include tests fuzz bench -name '*.[ch]pp')
clang-format --dry-run --Werror $files
echo "all tests passed"
