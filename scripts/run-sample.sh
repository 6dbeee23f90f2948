#!/usr/bin/env bash
# Installs what vigil needs, builds it, and runs its main job on the sample data bundled in
# data/: a workspace of open-source conflict reports from Donbas and AIS positions of tankers
# in the Gulf of Finland, raw AIS logs decoded message by message, sanctions lists screened
# against the vessels, the maritime detectors on a simulated scenario, the line of contact of
# 20 February 2025 with the Minsk II zones, a simulated day of monitor reports detected and
# written up as the daily report with its map and published for observers, an analyst's
# incident citing two reports, NATO allies' defence spending against the 2 %, 3.5 % and 5 %
# targets with aid to Ukraine by donor, and a verified log. It ends by serving the workspace: the
# dashboard at http://127.0.0.1:8080/ (PORT changes the port; SERVE=0 skips it), until Ctrl-C.
#
# WORKSPACE=postgresql://... runs the same job on a PostgreSQL/PostGIS workspace (an empty
# database or schema), its signing key in out/sample/sample.key.
set -euo pipefail
cd "$(dirname "$0")/.."
# Minutes of work before the first result: say what is happening.
echo "== installing the Debian and npm packages vigil needs (scripts/install-deps.sh)"
./scripts/install-deps.sh >/dev/null
echo "== building the dashboard (scripts/build-web.sh)"
./scripts/build-web.sh >/dev/null
echo "== building vigil (cmake --preset release; a few minutes the first time)"
cmake --preset release >/dev/null
# Ninja's progress lines are kept to one redrawn line on a terminal, one line in 25 elsewhere;
# anything else it says (a compiler error) is shown whole.
if [ -t 1 ]; then
  cmake --build --preset release | while IFS= read -r line; do
    case $line in
      '['[0-9]*/[0-9]*']'*) printf '\r\033[K%s' "${line:0:100}" ;;
      *) printf '\r\033[K%s\n' "$line" ;;
    esac
  done
  printf '\r\033[K'
else
  cmake --build --preset release | awk -F'[][/]' '
    !/^\[[0-9]+\/[0-9]+\]/ { print; next }
    $2 > 0 && ($2 % 25 == 0 || $2 == $3) { print "   " $2 " of " $3 " steps built" }'
fi
vigil=build/release/src/vigil
out=out/sample
rm -rf "$out"
mkdir -p "$out"
ws=${WORKSPACE:-$out/sample.vigil}
pub=$ws.pub
case "$ws" in
  postgresql://* | postgres://*) export VIGIL_KEY=$out/sample.key; pub=$VIGIL_KEY.pub ;;
esac

"$vigil" init -w "$ws" >/dev/null
echo "== ingest"
# CIR / Bellingcat reports: the cir layout reads their date, entry number and free text as
# open-source ceasefire observations (kind from the event group and the words: explosion,
# shelling, weapon with its class, movement...); every other column becomes an attribute.
"$vigil" ingest -w "$ws" --by sample --layout cir data/events/cir_donbas_2022q3.csv
# Digitraffic AIS snapshots (a known AIS export: its columns are recognised) and raw AIS
# logs with receive times (Danish Gatehouse stream, Kystverket tag blocks, ORBCOMM
# satellite tag blocks): every position report becomes an observation of its vessel.
"$vigil" ingest -w "$ws" --by sample data/ais/digitraffic_gulf_of_finland_tankers_20251211-12.csv \
  data/ais/dma_aislib_stream_example.txt data/ais/kystverket_Ais1000Lines.nm4 \
  data/ais/libais_tagblock.nmea

echo
echo "== raw AIS from Danish, Norwegian and satellite receivers, decoded (messages per type)"
"$vigil" decode --stats text data/ais/dma_aislib_stream_example.txt \
  data/ais/kystverket_Ais1000Lines.nm4 data/ais/libais_tagblock.nmea >"$out/ais.jsonl"
echo "first tanker static report:"
grep -m1 '"shiptype":8[0-9]' "$out/ais.jsonl"

echo
echo "== vessels whose name, call sign, IMO or type changed (first 5 of the AIS samples)"
"$vigil" vessels -w "$ws" --changed --limit 5
echo "identity history of one of them:"
first_changed=$("$vigil" vessels -w "$ws" --changed --limit 1 --format csv | tail -1 | cut -d, -f1)
"$vigil" vessels history -w "$ws" --mmsi "$first_changed" --attribute name \
  --attribute callsign --attribute imo --attribute ship_type

echo
echo "== sanctions lists (OFAC Russia-related vessels, EU Annex XLII, Ukraine's GUR list)"
"$vigil" lists load -w "$ws" -q --by sample data/sanctions/ofac_sdn_vessels_russia_20260322.json \
  data/sanctions/eu_annex_xlii_designated_vessels_20251023.csv \
  data/sanctions/gur_shadow_fleet_vessels_master.csv
"$vigil" lists -w "$ws"
echo
echo "== listed vessels in the bundled AIS, with the name each broadcast and the name it is"
echo "   listed under. By IMO: ships heard in the 2010 Danish stream whose IMO is listed"
echo "   today, old tankers sold on into the shadow fleet (first 8):"
# Full results go to files; only their first lines are shown (a pipe into head would cut
# vigil off mid-write).
"$vigil" screen -w "$ws" --basis imo >"$out/screen_imo.txt" 2>/dev/null
head -9 "$out/screen_imo.txt" | cut -c1-104
echo "   By MMSI: vessels transmitting an MMSI that Ukraine's GUR lists; those without a name"
echo "   were heard only in position reports (first 8):"
"$vigil" screen -w "$ws" --basis mmsi >"$out/screen_mmsi.txt" 2>/dev/null
head -9 "$out/screen_mmsi.txt" | cut -c1-104

echo
echo "== maritime detectors on a simulated day and a half of 200 vessels with planted evasion"
"$vigil" simulate maritime --seed 1 --vessels 200 --hours 36 --out "$out/sim"
"$vigil" detect --stream "$out/sim/ais.nmea" >"$out/sim/incidents.jsonl"
# The same incidents as a table: calls at Russian oil terminals, encounters, spoofing.
"$vigil" detect --stream --stats none --format table "$out/sim/ais.nmea" >"$out/sim/incidents.txt"
head -1 "$out/sim/incidents.txt" | cut -c1-150
grep -E '^(port_call .*russian_oil_terminal=true|encounter|dark_encounter|spoofing .*kind=shared)' \
  "$out/sim/incidents.txt" >"$out/sim/highlights.txt" || true
head -12 "$out/sim/highlights.txt" | cut -c1-150

echo
echo "== the maritime detectors over the sample workspace, then the vessels that most deserve a"
echo "   look, each score with its reasons (top 6)"
"$vigil" detect -w "$ws" --by sample
"$vigil" vessels -w "$ws" --risk --limit 6

echo
echo "== the line of contact of 20 February 2025, derived from DeepStateMap's occupied area"
echo "   within Ukraine's oblasts (and of 1 December 2024), with the Minsk II zones"
for date in 20241201 20250220; do
  "$vigil" line import -w "$ws" --name donbas --by sample \
    --valid-from "${date:0:4}-${date:4:2}-${date:6:2}" \
    --from-control data/frontline/deepstatemap_data_$date.geojson \
    --within data/boundaries/ua_oblasts_osm.geojson 2>&1 | grep -v '^warning'
done
"$vigil" zones build -w "$ws" --by sample --settlement examples/settlements/minsk2.json 2>&1 | head -1
"$vigil" zones export -w "$ws" -o "$out/zones.geojson"
echo "zones as GeoJSON: $out/zones.geojson"
echo
echo "== the open-source reports classified against that line: side, distance, zones (first 4)"
"$vigil" observations -w "$ws" --source osint:cir --format jsonl --limit 4 |
  "$vigil" classify -w "$ws" -q

echo
echo "== a simulated day of monitor reports along that line (patrols, cameras, UAV flights,"
echo "   acoustic sensors), its declared sensors, detection, coverage and the daily report"
"$vigil" simulate ceasefire -w "$ws" --seed 1 --out "$out/monitoring"
"$vigil" ingest -w "$ws" --by sample "$out/monitoring/observations.jsonl"
"$vigil" sensors declare -w "$ws" --by sample "$out/monitoring/sensors.json"
"$vigil" detect -w "$ws" --by sample
"$vigil" report -w "$ws" --date 2025-02-21 -o "$out/report/2025-02-21.md"
"$vigil" report -w "$ws" --date 2025-02-21 --format html -o "$out/report/2025-02-21.html"
"$vigil" report -w "$ws" --date 2025-02-21 --format pdf -o "$out/report/2025-02-21.pdf"
sed -n '/^## Summary/,/^!\[Map/p' "$out/report/2025-02-21.md"
echo "daily report: $out/report/2025-02-21.md (map: 2025-02-21.svg), .html and .pdf beside it"
publication=$("$vigil" report publish -w "$ws" --date 2025-02-21 --by sample \
  --note "Simulated day: the sample's own data")
echo "published for observers as number $publication (vigil report published -w $ws)"

echo
echo "== an analyst records an incident backed by two reports, and a reviewer confirms it"
incident=$("$vigil" incidents add -w "$ws" --rule manual --time 2022-07-21T00:00:00Z \
  --end 2022-07-21T23:59:59Z --lat 48.72 --lon 37.5249 --severity high --by analyst \
  --note "School no. 23 in Kramatorsk destroyed; two independent open-source reports" \
  --evidence cir:UW10749 --evidence cir:UW10751)
"$vigil" incidents review -w "$ws" "$incident" --status confirmed --by lead \
  --note "Geolocated video checked"
"$vigil" incidents -w "$ws"

echo
echo "== tanker positions off Ust-Luga and Primorsk, 12 December 2025 (first 3)"
"$vigil" observations -w "$ws" --kind position --bbox 27.5,59.5,30.5,60.5 \
  --from 2025-12-12 --limit 3

echo
echo "== who pays for the peace: NATO allies against 2 %, 3.5 % and 5 % of GDP, aid to Ukraine"
"$vigil" commitments load -w "$ws" -q --by sample \
  data/commitments/nato_defence_expenditure_pct_gdp_2014_2024e.csv \
  data/commitments/kiel_ust_country_summary_usd_bn.csv
"$vigil" commitments report -w "$ws" --format md -o "$out/commitments.md"
"$vigil" commitments report -w "$ws" --format html -o "$out/commitments.html"
head -3 "$out/commitments.md" | tail -1
echo "(the whole report: $out/commitments.md and .html)"

echo
echo "== workspace"
"$vigil" status -w "$ws"
echo
echo "== verification"
"$vigil" verify -w "$ws"
"$vigil" log export -w "$ws" --out "$out/bundle"
"$vigil" verify --bundle "$out/bundle" --public-key "$pub"

[ "${SERVE:-1}" = 0 ] && exit 0
echo
echo "== serving the workspace: the API (docs/api.md) and the dashboard"
analyst=$("$vigil" keys add -w "$ws" --role analyst --name "sample analyst" 2>/dev/null)
observer=$("$vigil" keys add -w "$ws" --role observer --name "sample observer" 2>/dev/null)
echo "analyst key (reads everything, reviews): $analyst"
echo "observer key (confirmed incidents only): $observer"
echo "sign in at the address below with one of them; Ctrl-C stops the server"
exec "$vigil" serve -w "$ws" --listen "127.0.0.1:${PORT:-8080}"
