#!/usr/bin/env bash
# Installs what vigil needs, builds the dashboard, then builds and runs every test (unit,
# end-to-end, golden, the API tests against vigil serve and the dashboard's browser tests):
# the dev build (g++, warnings as errors) and the asan build (clang, AddressSanitizer +
# UndefinedBehaviorSanitizer), then each libFuzzer target for FUZZ_SECONDS (default 30) and a
# clang-format check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build-web.sh
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
