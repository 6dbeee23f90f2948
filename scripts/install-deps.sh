#!/usr/bin/env bash
# Installs every Debian 12 package vigil needs to build, test, fuzz and benchmark.
# With --bench it also installs the peers the benchmarks compare against (gpsd's
# gpsdecode, libais's aisdecode), GNU time for memory figures and valgrind for
# instruction counts.
# Idempotent: apt-get skips what is already installed. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  lld                           # links the programs several times faster than GNU ld
  clang libclang-rt-14-dev      # libFuzzer and the sanitizer runtimes for the asan preset
  clang-format
  libsqlite3-dev sqlite3
  zlib1g-dev                    # gzip-compressed inputs (.csv.gz, .nmea.gz)
  libpq-dev postgresql-15-postgis-3   # PostgreSQL workspaces, and the server their tests start
  libsodium-dev
  libsimdjson-dev nlohmann-json3-dev
  libfmt-dev libcli11-dev
  libgeographiclib-dev libgeos-dev
  libgdal-dev gdal-bin          # exports for GIS tools (GeoPackage, KML/KMZ); ogrinfo checks them
  libcmark-gfm-dev libcmark-gfm-extensions-dev libpango1.0-dev librsvg2-dev fonts-dejavu-core
                                # the reports as PDF
  poppler-utils                 # pdftotext and pdfinfo read the PDFs back in the tests
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libssl-dev       # vigil serve: Asio/Beast and TLS
  nodejs                        # the dashboard's build, the API and browser tests
  chromium                      # the browser tests (driven by playwright-core)
)
if [ "${1:-}" = "--bench" ]; then
  packages+=(gpsd-clients libais-tools time python3 bc wrk valgrind)
fi

# Debian's nodejs comes without npm; a Node.js from elsewhere (NodeSource) brings its own,
# which Debian's npm package would conflict with.
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-deps: run as root or install sudo" >&2; exit 1; fi
else
  SUDO=
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
