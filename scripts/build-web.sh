#!/usr/bin/env bash
# Builds the dashboard (web/) into web/dist, which vigil serve serves. npm installs the
# exact versions of web/package-lock.json; the built files need no network at run time.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx vite build --logLevel warn
echo "dashboard built in web/dist"
