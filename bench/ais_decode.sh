#!/usr/bin/env bash
# Whole-process AIS decoding benchmark. Builds one NMEA file of at least SENTENCES
# sentences (default 1,000,000) by repeating the real logs in data/ais, then times on that
# same file, in one run:
#   vigil decode (JSON lines to /dev/null, all cores)
#   gpsdecode -j (Debian gpsd-clients)
#   aisdecode    (Debian libais-tools; slow, so timed once)
# and prints the ratios. With MEMORY_GB=N (default 1) it also builds an N GiB input and
# reports vigil's peak resident memory on it (set MEMORY_GB=0 to skip).
# Needs the release build (cmake --preset release) and scripts/install-deps.sh --bench.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/timing.sh
sentences=${SENTENCES:-1000000}
runs=${RUNS:-3}
memory_gb=${MEMORY_GB:-1}
vigil=${VIGIL:-build/release/src/vigil}
for tool in gpsdecode aisdecode bc; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh --bench" >&2; exit 1; }
done
[ -x "$vigil" ] || { echo "missing $vigil: cmake --preset release && cmake --build --preset release" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logs=(data/ais/dma_aislib_stream_example.txt data/ais/kystverket_Ais1000Lines.nm4
      data/ais/pyais_nmea_data_sample.txt data/ais/gpsd_sample.aivdm data/ais/gpsd_ais-18-27.log
      data/ais/libais_tagblock.nmea)
cat "${logs[@]}" >"$work/one.nmea"
per_copy=$(grep -c 'VD[MO],' "$work/one.nmea")
copies=$(( (sentences + per_copy - 1) / per_copy ))
for _ in $(seq "$copies"); do cat "$work/one.nmea"; done >"$work/input.nmea"
total=$(( per_copy * copies ))
echo "input: $total AIS sentences ($copies copies of ${#logs[@]} real logs), $(du -m "$work/input.nmea" | cut -f1) MiB"

decode_vigil() { "$vigil" decode --stats none "$work/input.nmea"; }
decode_gpsd() { gpsdecode -j <"$work/input.nmea"; }
decode_libais() { aisdecode <"$work/input.nmea"; }

t_vigil=$(best_time "$runs" decode_vigil)
t_gpsd=$(best_time "$runs" decode_gpsd)
t_libais=$(best_time 1 decode_libais)
report() {  # label, seconds
  printf "%-28s %8.2f s  %12.0f sentences/s\n" "$1" "$2" "$(echo "$total / $2" | bc -l)"
}
report "vigil decode (best of $runs)" "$t_vigil"
report "gpsdecode -j (best of $runs)" "$t_gpsd"
report "aisdecode (one run)" "$t_libais"
printf "vigil is %.1fx gpsdecode and %.0fx aisdecode\n" \
  "$(echo "$t_gpsd / $t_vigil" | bc -l)" "$(echo "$t_libais / $t_vigil" | bc -l)"

if [ "$memory_gb" -gt 0 ]; then
  target=$(( memory_gb * 1024 * 1024 * 1024 ))
  rm -f "$work/input.nmea"
  while [ "$(stat -c %s "$work/big.nmea" 2>/dev/null || echo 0)" -lt "$target" ]; do
    for _ in $(seq 100); do cat "$work/one.nmea"; done >>"$work/big.nmea"
  done
  peak=$( { /usr/bin/time -f '%M' "$vigil" decode --stats none "$work/big.nmea" >/dev/null; } 2>&1 | tail -1)
  echo "peak RSS decoding $(du -m "$work/big.nmea" | cut -f1) MiB: $(( peak / 1024 )) MiB"
fi
