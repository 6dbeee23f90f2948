#!/usr/bin/env bash
# Golden-file tests of vigil's listing output: every format of `vigil observations` over a
# fixed input, ingest's error report, `vigil decode` in each format, vessel listings, list
# loading and screening. Run with UPDATE_GOLDEN=1 to rewrite the files.
set -euo pipefail
vigil=$1
golden=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$vigil" init -w ws.vigil >/dev/null
"$vigil" ingest -q -w ws.vigil "$golden/input.csv"
failed=0
check() {
  local name=$1; shift
  "$@" >"$work/$name" 2>&1 || true
  # A golden that names this machine's paths fails on every other clone.
  if grep -qF -e "$work" -e "$(dirname "$golden")" "$work/$name"; then
    echo "golden $name contains a machine-specific path"; failed=1
  fi
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$work/$name" "$golden/$name"; return; fi
  if ! diff -u "$golden/$name" "$work/$name"; then failed=1; fi
}
check observations.table "$vigil" observations -w ws.vigil
check observations.jsonl "$vigil" observations -w ws.vigil --format jsonl
check observations.csv "$vigil" observations -w ws.vigil --format csv
check observations.geojson "$vigil" observations -w ws.vigil --format geojson --kind weapon
check observations_bbox.jsonl "$vigil" observations -w ws.vigil --format jsonl \
  --bbox 37.5,48,38,48.5 --from 2025-02-20T10:30:00Z
cp "$golden/bad.jsonl" bad.jsonl
check ingest_errors.txt "$vigil" ingest -q -w ws.vigil --on-error skip bad.jsonl
# AIS decoding: every message type, tag blocks, Gatehouse times, checksum errors.
cp "$golden/ais_input.nmea" ais.nmea
check decode.jsonl "$vigil" decode ais.nmea
check decode.csv "$vigil" decode --format csv --types 1,2,3,5 --stats none ais.nmea
check decode_stats.json sh -c "'$vigil' decode --stats json ais.nmea >/dev/null"
check decode_strict.txt "$vigil" decode --strict --stats none ais.nmea
check decode_stdin.jsonl sh -c "head -3 ais.nmea | '$vigil' decode --stats none"
# Vessel identities: the type 5 of MMSI 205366000 in the DMA sample (2010) and its
# Digitraffic snapshots (2025) under another name.
"$vigil" init -w vessels.vigil >/dev/null
"$vigil" ingest -q -w vessels.vigil "$golden/../../../data/ais/dma_aislib_stream_example.txt"
cp "$golden/vessels_digitraffic.csv" digitraffic.csv
check ingest_vessels.txt "$vigil" ingest -w vessels.vigil digitraffic.csv
check vessels_changed.table "$vigil" vessels -w vessels.vigil --changed
check vessels_changed.jsonl "$vigil" vessels -w vessels.vigil --changed --format jsonl
check vessels_history.table "$vigil" vessels history -w vessels.vigil --mmsi 205366000
check vessels_history_imo.csv "$vigil" vessels history -w vessels.vigil --imo 9045807 \
  --format csv
# Sanctions lists: loading (with warnings), a file that is not a list (nothing loaded, exit 3),
# and screening the vessels above by IMO and MMSI.
for list in ofac_sdn_vessels_russia_20260322.json eu_annex_xlii_designated_vessels_20251023.csv \
  gur_shadow_fleet_vessels_master.csv; do
  cp "$golden/../../../data/sanctions/$list" "$list"
done
check lists_load.txt "$vigil" lists load -w vessels.vigil --by golden \
  ofac_sdn_vessels_russia_20260322.json eu_annex_xlii_designated_vessels_20251023.csv \
  gur_shadow_fleet_vessels_master.csv
check lists_load_bad.txt sh -c "'$vigil' lists load -w vessels.vigil \
  eu_annex_xlii_designated_vessels_20251023.csv digitraffic.csv; echo exit \$?"
check screen.jsonl "$vigil" screen -w vessels.vigil --basis imo --basis mmsi --format jsonl
# Risk: list matches, maritime incidents and identity changes, with reasons; weights from a
# config file.
"$vigil" detect -w vessels.vigil --by golden >/dev/null
check vessels_risk.txt "$vigil" vessels -w vessels.vigil --risk --limit 4
echo '{"risk": {"listed_by_identifier": 70, "old_imo": 0}}' >risk.json
check vessels_risk.jsonl "$vigil" vessels -w vessels.vigil --risk --limit 3 --format jsonl \
  --config risk.json
echo '{"risk": {"listed": 70}}' >bad_risk.json
check vessels_risk_bad.txt sh -c "'$vigil' vessels -w vessels.vigil --risk --config bad_risk.json; echo exit \$?"
# Maritime detection: a small simulated scenario (its summary, what the detectors find in it,
# their statistics), the DMA sample, and a bad threshold file.
check simulate_maritime.txt "$vigil" simulate maritime --seed 7 --vessels 60 --hours 24 \
  --interval 900 --out sim
check simulate_truth.jsonl cat sim/truth.jsonl
check detect_sim.jsonl "$vigil" detect --stream --stats none sim/ais.nmea
check detect_sim.table "$vigil" detect --stream --stats none --format table sim/ais.nmea
check detect_sim_stats.json sh -c "'$vigil' detect --stream --stats json sim/ais.nmea >/dev/null"
check detect_dma.txt "$vigil" detect --stream "$golden/../../../data/ais/dma_aislib_stream_example.txt"
# The same detectors over a workspace: incidents into the log, none twice.
"$vigil" init -w sea.vigil >/dev/null
"$vigil" ingest -q -w sea.vigil sim/ais.nmea
check detect_workspace.txt "$vigil" detect -w sea.vigil --by golden
check detect_workspace_again.txt "$vigil" detect -w sea.vigil --by golden
check detect_workspace_incidents.csv "$vigil" incidents -w sea.vigil --format csv
echo '{"gap": {"min_h": -1}}' >bad_config.json
check detect_bad_config.txt sh -c "'$vigil' detect --stream --config bad_config.json sim/ais.nmea; echo exit \$?"
# Lines of contact: derived from DeepStateMap within the oblasts (two dates), the same date
# again and a bad file (nothing imported), the Minsk II zones, and known places classified.
data=$golden/../../../data
cp "$data/frontline/deepstatemap_data_20250220.geojson" control_20250220.geojson
cp "$data/frontline/deepstatemap_data_20241201.geojson" control_20241201.geojson
cp "$data/boundaries/ua_oblasts_osm.geojson" oblasts.geojson
sed 's#"\.\./\.\./data/boundaries/ua_oblasts_osm.geojson"#"oblasts.geojson"#' \
  "$golden/../../../examples/settlements/minsk2.json" >minsk2.json
"$vigil" init -w loc.vigil >/dev/null
check line_import.txt "$vigil" line import -w loc.vigil --name donbas --valid-from 2025-02-20 \
  --from-control control_20250220.geojson --within oblasts.geojson
"$vigil" line import -w loc.vigil --name donbas --valid-from 2024-12-01 \
  --from-control control_20241201.geojson --within oblasts.geojson 2>/dev/null
check line_import_again.txt sh -c "'$vigil' line import -w loc.vigil --name donbas \
  --valid-from 2025-02-20 --from-control control_20250220.geojson --within oblasts.geojson \
  >again.txt 2>&1; echo exit \$?; grep -v '^warning' again.txt"
printf '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[37,48],[37,48],[200,48]]}}' >bad_line.geojson
check line_import_bad.txt sh -c "'$vigil' line import -w loc.vigil --name drawn \
  --valid-from 2025-01-01 bad_line.geojson; echo exit \$?"
check line_list.csv sh -c "'$vigil' line list -w loc.vigil --format csv | cut -d, -f1-4,6"
check zones_build.txt "$vigil" zones build -w loc.vigil --by golden --settlement minsk2.json
cp "$golden/places.csv" places.csv
check classify.jsonl "$vigil" classify -w loc.vigil -q places.csv
check classify_2024.csv "$vigil" classify -w loc.vigil -q --date 2024-12-15 --format csv places.csv
check line_diff.table "$vigil" line diff -w loc.vigil --from 2024-12-01 --to 2025-02-20
check zones_export.txt sh -c "'$vigil' zones export -w loc.vigil |
  grep -o '\"type\":\"Multi[A-Za-z]*\"\\|\"kind\":\"[a-z]*\",\"name\":\"[^\"]*\"'"

# Open-source events through the CIR layout, then a simulated day of monitoring: detection,
# coverage and the daily report (log hashes differ from run to run and are masked).
cp "$data/events/cir_donbas_2022q3.csv" cir.csv
check ingest_cir.txt "$vigil" ingest -w loc.vigil --layout cir cir.csv
check observations_cir.jsonl "$vigil" observations -w loc.vigil --source osint:cir \
  --kind weapon --format jsonl --limit 2
check simulate_ceasefire.txt "$vigil" simulate ceasefire -w loc.vigil --seed 3 --out mon
"$vigil" ingest -q -w loc.vigil mon/observations.jsonl
check sensors_declare.txt "$vigil" sensors declare -w loc.vigil --by golden mon/sensors.json
check detect_ceasefire.txt "$vigil" detect -w loc.vigil --by golden
check detect_ceasefire_again.txt "$vigil" detect -w loc.vigil --by golden
check coverage.txt "$vigil" coverage -w loc.vigil --date 2025-02-21 --stretches 5
check report.md sh -c "'$vigil' report -w loc.vigil --date 2025-02-21 -o report/day.md &&
  sed -e 's/time of writing: [0-9a-f]*/time of writing: (log head)/' \
      -e 's/| [0-9a-f]\{12\} |\$/| (log hash) |/' report/day.md && ls report"
check report_html.txt sh -c "'$vigil' report -w loc.vigil --date 2025-02-21 --format html |
  grep -o '<h[12]>[^<]*</h[12]>\|<svg [^>]*>\|<circle' | uniq -c"

# The jsonl listing ingests into a new workspace as the same observations.
"$vigil" init -w copy.vigil >/dev/null
"$vigil" observations -w ws.vigil --format jsonl >copy.jsonl
"$vigil" ingest -q -w copy.vigil copy.jsonl
"$vigil" observations -w copy.vigil --format jsonl >copy2.jsonl
diff -u copy.jsonl copy2.jsonl || failed=1
exit $failed
