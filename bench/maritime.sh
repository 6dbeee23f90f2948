#!/usr/bin/env bash
# End-to-end maritime benchmark. Simulates VESSELS vessels (default 50,000) for HOURS hours
# (default 24) with a position report every INTERVAL seconds (default 300), then times on
# that same file, in one run:
#   vigil detect --stream  (decode, tracks, every detector; incidents to a file)
#   gpsdecode -j           (Debian gpsd-clients) merely decoding it, JSON to /dev/null
# and prints the ratio, vigil's messages per second, its peak resident memory and its
# per-vessel state, then the detectors' precision and recall against the planted truth.
# Needs the release build (cmake --preset release) and scripts/install-deps.sh --bench.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/timing.sh
vessels=${VESSELS:-50000}
hours=${HOURS:-24}
interval=${INTERVAL:-300}
runs=${RUNS:-3}
vigil=${VIGIL:-build/release/src/vigil}
for tool in gpsdecode bc /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh --bench" >&2; exit 1; }
done
[ -x "$vigil" ] || { echo "missing $vigil: cmake --preset release && cmake --build --preset release" >&2; exit 1; }

work=${WORK:-$(mktemp -d)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
if [ ! -s "$work/sim/ais.nmea" ]; then
  "$vigil" simulate maritime --seed 1 --vessels "$vessels" --hours "$hours" --interval "$interval" \
    --out "$work/sim" | head -1
fi
input=$work/sim/ais.nmea
echo "input: $(du -m "$input" | cut -f1) MiB"

detect_vigil() { "$vigil" detect --stream --stats none "$input" >"$work/incidents.jsonl"; }
decode_gpsd() { gpsdecode -j <"$input"; }

"$vigil" detect --stream --stats json "$input" 2>"$work/stats.json" >"$work/incidents.jsonl"
t_vigil=$(best_time "$runs" detect_vigil)
t_gpsd=$(best_time "$runs" decode_gpsd)
read -r messages vessels_seen state_bytes < <(python3 -c '
import json,sys; s=json.load(open(sys.argv[1]))
print(s["decode"]["messages"], s["vessels"], s["vessel_state_bytes"])' "$work/stats.json")
peak_kb=$( { /usr/bin/time -f "%M" "$vigil" detect --stream --stats none "$input" >/dev/null; } 2>&1 | tail -1)
printf "%-40s %8.2f s  %12.0f messages/s\n" "vigil detect --stream (best of $runs)" "$t_vigil" \
  "$(echo "$messages / $t_vigil" | bc -l)"
printf "%-40s %8.2f s  %12.0f messages/s\n" "gpsdecode -j, decoding only (best of $runs)" "$t_gpsd" \
  "$(echo "$messages / $t_gpsd" | bc -l)"
printf "vigil's whole pipeline is %.1fx faster than gpsdecode's decoding alone\n" \
  "$(echo "$t_gpsd / $t_vigil" | bc -l)"
printf "peak RSS %d MiB; per-vessel state %d bytes on average (%d vessels)\n" \
  "$((peak_kb / 1024))" "$((state_bytes / vessels_seen))" "$vessels_seen"
python3 - "$work/sim/truth.jsonl" "$work/incidents.jsonl" <<'PY'
import json, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
truth = [json.loads(l) for l in open(sys.argv[1])]
found = [json.loads(l) for l in open(sys.argv[2])]
decoys = {m: g["kind"] for g in truth if g["rule"] == "decoy" for m in g["mmsi"]}
truth = [g for g in truth if g["rule"] != "decoy"]
print(f"incidents about the {len(decoys)} decoy vessels (moored yachts, a tug assisting, rafted "
      f"towboats, a ferry, a fast craft, a bad fix, river traffic, a coverage edge): "
      f"{sum(any(m in decoys for m in d['mmsi']) for d in found)}")
def match(d, g):
    if d["rule"] != g["rule"] or sorted(d["mmsi"]) != sorted(g["mmsi"]): return False
    a = d["attributes"]
    if d["rule"] == "maritime.spoofing" and a.get("kind") != g.get("kind"): return False
    if d["rule"] == "maritime.port_call" and a.get("place_id") != g.get("place_id"): return False
    if d["rule"] == "maritime.identity_change":
        return a["attribute"] == g["attribute"] and t(g["start"]) - 60 <= t(d["start"]) <= t(g["start"]) + 7200
    return t(d["start"]) <= t(g["end"]) + 3600 and t(g["start"]) <= t(d["end"]) + 3600
for rule in sorted({e["rule"] for e in truth + found}):
    T = [g for g in truth if g["rule"] == rule]; D = [d for d in found if d["rule"] == rule]
    p = sum(any(match(d, g) for g in T) for d in D) / max(len(D), 1)
    r = sum(any(match(d, g) for d in D) for g in T) / max(len(T), 1)
    print(f"{rule:28} planted {len(T):6} found {len(D):6} precision {p:.3f} recall {r:.3f}")
PY
