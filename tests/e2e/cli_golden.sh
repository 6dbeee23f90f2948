#!/usr/bin/env bash
# Golden-file tests of vigil's command line: every format of `vigil observations` over a fixed
# input, ingest's error report, `vigil decode` in each format, vessel listings, list loading and
# screening, risk, maritime and ceasefire detection, lines, zones, coverage and the daily report.
#
#   cli_golden.sh VIGIL GOLDEN_DIR WORK list           fixtures and cases, one per line
#   cli_golden.sh VIGIL GOLDEN_DIR WORK fixture NAME   builds WORK/fixtures/NAME
#   cli_golden.sh VIGIL GOLDEN_DIR WORK case NAME      runs one case on a copy of its fixture
#   cli_golden.sh VIGIL GOLDEN_DIR WORK all            every fixture, then every case
#
# A case starts from a copy of the workspace state its fixture left, so it runs alone (ctest -R
# golden.NAME) and no case sees what another did. A fixture starts from a copy of the one it
# names. Run with UPDATE_GOLDEN=1 to rewrite the golden files.
set -euo pipefail
vigil=$1
golden=$(cd "$2" && pwd)
workroot=$3
action=$4
name=${5:-}
root=$(cd "$golden/../../.." && pwd)
data=$root/data

# fixture NAME PARENT: the state each builds (on a copy of PARENT's)
fixtures=(
  "obs -"
  "vessels_dma -"
  "vessels vessels_dma"
  "lists vessels"
  "risk lists"
  "sim -"
  "sea sim"
  "sea_detected sea"
  "lines -"
  "zones lines"
  "cir zones"
  "monitoring cir"
  "sensors monitoring"
  "day sensors"
  "commitments -"
)
# case NAME FIXTURE
cases=(
  "observations.table obs" "observations.jsonl obs" "observations.csv obs"
  "observations.geojson obs" "observations_bbox.jsonl obs" "ingest_errors.txt obs"
  "copy_round_trip obs"
  "decode.jsonl -" "decode.csv -" "decode_stats.json -" "decode_strict.txt -"
  "decode_stdin.jsonl -"
  "ingest_vessels.txt vessels_dma" "vessels_changed.table vessels"
  "vessels_changed.jsonl vessels" "vessels_history.table vessels"
  "vessels_history_imo.csv vessels"
  "lists_load.txt vessels" "lists_load_bad.txt lists" "screen.jsonl lists"
  "vessels_risk.txt risk" "vessels_risk.jsonl risk" "vessels_risk_bad.txt risk"
  "simulate_maritime.txt -" "simulate_truth.jsonl sim" "detect_sim.jsonl sim"
  "detect_sim.table sim" "detect_sim_stats.json sim" "detect_dma.txt -"
  "detect_workspace.txt sea" "detect_workspace_again.txt sea_detected"
  "detect_workspace_incidents.csv sea_detected" "detect_bad_config.txt sim"
  "detect_stream_csv.txt -"
  "line_import.txt -" "line_import_again.txt lines" "line_import_bad.txt lines"
  "line_import_layers.txt lines" "line_list.csv lines" "zones_build.txt lines" "classify.jsonl zones"
  "classify_2024.csv zones" "line_diff.table zones" "line_show.txt zones" "zones_export.txt zones"
  "ingest_cir.txt zones" "observations_cir.jsonl cir" "simulate_ceasefire.txt cir"
  "simulate_ceasefire_no_line.txt cir"
  "sensors_declare.txt monitoring" "detect_ceasefire.txt sensors"
  "detect_ceasefire_again.txt day" "coverage.txt day" "report.md day" "report_html.txt day" "report_pdf.txt day"
  "export_gis.txt day"
  "commitments_load.txt -" "commitments_load_bad.txt commitments"
  "commitments_report.table commitments" "commitments_report.md commitments"
  "commitments_2014.csv commitments" "commitments_report.jsonl commitments"
  "commitments_report_html.txt commitments"
  "first_contact.txt obs"
)

parent_of() {  # parent_of KIND NAME
  local entry
  if [ "$1" = fixture ]; then
    for entry in "${fixtures[@]}"; do [ "${entry%% *}" = "$2" ] && { echo "${entry#* }"; return; }; done
  else
    for entry in "${cases[@]}"; do [ "${entry%% *}" = "$2" ] && { echo "${entry#* }"; return; }; done
  fi
  echo "cli_golden.sh: no $1 named '$2'" >&2
  exit 2
}

# A fresh directory holding a copy of fixture $1's state ('-': empty); prints its path.
start_from() {
  local dir
  mkdir -p "$workroot"
  dir=$(mktemp -d "$workroot/run.XXXXXX")
  if [ "$1" != - ]; then
    if [ ! -f "$workroot/fixtures/$1/.built" ]; then
      echo "cli_golden.sh: fixture '$1' is not built (ctest runs golden.fixture.$1 first)" >&2
      exit 1
    fi
    cp -a "$workroot/fixtures/$1/." "$dir/"
    rm -f "$dir/.built"
  fi
  echo "$dir"
}

build_fixture() {
  case $1 in
    obs)
      "$vigil" init -w ws.vigil >/dev/null
      "$vigil" ingest -q -w ws.vigil "$golden/input.csv" ;;
    vessels_dma)
      # The type 5 of MMSI 205366000 in the DMA sample (2010) and, in the next fixture, its
      # Digitraffic snapshots (2025) under another name.
      "$vigil" init -w vessels.vigil >/dev/null
      "$vigil" ingest -q -w vessels.vigil "$data/ais/dma_aislib_stream_example.txt"
      cp "$golden/vessels_digitraffic.csv" digitraffic.csv
      for list in ofac_sdn_vessels_russia_20260322.json eu_annex_xlii_designated_vessels_20251023.csv \
        gur_shadow_fleet_vessels_master.csv; do
        cp "$data/sanctions/$list" "$list"
      done ;;
    vessels)
      "$vigil" ingest -q -w vessels.vigil digitraffic.csv ;;
    lists)
      "$vigil" lists load -w vessels.vigil --by golden ofac_sdn_vessels_russia_20260322.json \
        eu_annex_xlii_designated_vessels_20251023.csv gur_shadow_fleet_vessels_master.csv \
        >/dev/null 2>&1 ;;
    risk)
      "$vigil" detect -w vessels.vigil --by golden >/dev/null ;;
    commitments)
      # NATO's defence expenditure table and the Kiel Ukraine Support Tracker summary.
      cp "$data/commitments/nato_defence_expenditure_pct_gdp_2014_2024e.csv" nato.csv
      cp "$data/commitments/kiel_ust_country_summary_usd_bn.csv" kiel.csv
      "$vigil" init -w pay.vigil >/dev/null
      "$vigil" commitments load -w pay.vigil --by golden nato.csv kiel.csv 2>/dev/null ;;
    sim)
      "$vigil" simulate maritime --seed 7 --vessels 60 --hours 24 --interval 900 --out sim \
        >/dev/null ;;
    sea)
      "$vigil" init -w sea.vigil >/dev/null
      "$vigil" ingest -q -w sea.vigil sim/ais.nmea ;;
    sea_detected)
      "$vigil" detect -w sea.vigil --by golden >/dev/null ;;
    lines)
      # Lines of contact derived from DeepStateMap within the oblasts, on two dates.
      cp "$data/frontline/deepstatemap_data_20250220.geojson" control_20250220.geojson
      cp "$data/frontline/deepstatemap_data_20241201.geojson" control_20241201.geojson
      cp "$data/boundaries/ua_oblasts_osm.geojson" oblasts.geojson
      sed 's#"\.\./\.\./data/boundaries/ua_oblasts_osm.geojson"#"oblasts.geojson"#' \
        "$root/examples/settlements/minsk2.json" >minsk2.json
      "$vigil" init -w loc.vigil >/dev/null
      "$vigil" line import -w loc.vigil --name donbas --valid-from 2025-02-20 \
        --from-control control_20250220.geojson --within oblasts.geojson >/dev/null 2>&1
      "$vigil" line import -w loc.vigil --name donbas --valid-from 2024-12-01 \
        --from-control control_20241201.geojson --within oblasts.geojson >/dev/null 2>&1 ;;
    zones)
      # The Minsk II zones.
      "$vigil" zones build -w loc.vigil --by golden --settlement minsk2.json >/dev/null ;;
    cir)
      # Open-source events through the CIR layout.
      cp "$data/events/cir_donbas_2022q3.csv" cir.csv
      "$vigil" ingest -q -w loc.vigil --layout cir cir.csv ;;
    monitoring)
      # A simulated day of monitoring.
      "$vigil" simulate ceasefire -w loc.vigil --seed 3 --out mon >/dev/null
      "$vigil" ingest -q -w loc.vigil mon/observations.jsonl ;;
    sensors)
      "$vigil" sensors declare -w loc.vigil --by golden mon/sensors.json >/dev/null ;;
    day)
      "$vigil" detect -w loc.vigil --by golden >/dev/null ;;
    *)
      echo "cli_golden.sh: no fixture named '$1'" >&2
      exit 2 ;;
  esac
}

failed=0
work=
# check NAME COMMAND...: the command's stdout and stderr against golden file NAME.
check() {
  local out=$1; shift
  "$@" >"$work/.out" 2>&1 || true
  # A golden that names this machine's paths fails on every other clone.
  if grep -qF -e "$work" -e "$root/tests" -e "$data" "$work/.out"; then
    echo "golden $out contains a machine-specific path"; failed=1
  fi
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$work/.out" "$golden/$out"; return; fi
  if ! diff -u "$golden/$out" "$work/.out"; then failed=1; fi
}

run_case() {
  case $1 in
    first_contact.txt)
      # What a new user's first mistakes get: a mistyped command or option, a workspace that
      # does not exist, a CSV whose columns are named otherwise. Each says what to do next.
      printf 'when,where_lat,where_lon,what\n2025-03-01T00:00:00Z,48,37,weapon\n' >other.csv
      check "$1" sh -c "for args in 'incidnets' 'incidents shwo -w ws.vigil' 'detect --strem x' \
          'frobnicate' 'status -w missing.vigil' 'ingest -w ws.vigil other.csv'; do
        echo \"\\$ vigil \$args\"; '$vigil' \$args 2>&1; echo \"exit \$?\"; done" ;;
    observations.table) check "$1" "$vigil" observations -w ws.vigil ;;
    observations.jsonl) check "$1" "$vigil" observations -w ws.vigil --format jsonl ;;
    observations.csv) check "$1" "$vigil" observations -w ws.vigil --format csv ;;
    observations.geojson)
      check "$1" "$vigil" observations -w ws.vigil --format geojson --kind weapon ;;
    observations_bbox.jsonl)
      check "$1" "$vigil" observations -w ws.vigil --format jsonl --bbox 37.5,48,38,48.5 \
        --from 2025-02-20T10:30:00Z ;;
    ingest_errors.txt)
      cp "$golden/bad.jsonl" bad.jsonl
      check "$1" "$vigil" ingest -q -w ws.vigil --on-error skip bad.jsonl ;;
    copy_round_trip)
      # The jsonl listing ingests into a new workspace as the same observations.
      "$vigil" init -w copy.vigil >/dev/null
      "$vigil" observations -w ws.vigil --format jsonl >copy.jsonl
      "$vigil" ingest -q -w copy.vigil copy.jsonl
      "$vigil" observations -w copy.vigil --format jsonl >copy2.jsonl
      if [ ! -s copy.jsonl ] || ! diff -u copy.jsonl copy2.jsonl; then failed=1; fi ;;
    # AIS decoding: every message type, tag blocks, Gatehouse times, checksum errors.
    decode.jsonl)
      cp "$golden/ais_input.nmea" ais.nmea
      check "$1" "$vigil" decode ais.nmea ;;
    decode.csv)
      cp "$golden/ais_input.nmea" ais.nmea
      check "$1" "$vigil" decode --format csv --types 1,2,3,5 --stats none ais.nmea ;;
    decode_stats.json)
      cp "$golden/ais_input.nmea" ais.nmea
      check "$1" sh -c "'$vigil' decode --stats json ais.nmea >/dev/null" ;;
    decode_strict.txt)
      cp "$golden/ais_input.nmea" ais.nmea
      check "$1" "$vigil" decode --strict --stats none ais.nmea ;;
    decode_stdin.jsonl)
      cp "$golden/ais_input.nmea" ais.nmea
      check "$1" sh -c "head -3 ais.nmea | '$vigil' decode --stats none" ;;
    # Vessel identities.
    ingest_vessels.txt) check "$1" "$vigil" ingest -w vessels.vigil digitraffic.csv ;;
    vessels_changed.table) check "$1" "$vigil" vessels -w vessels.vigil --changed ;;
    vessels_changed.jsonl)
      check "$1" "$vigil" vessels -w vessels.vigil --changed --format jsonl ;;
    vessels_history.table)
      check "$1" "$vigil" vessels history -w vessels.vigil --mmsi 205366000 ;;
    vessels_history_imo.csv)
      check "$1" "$vigil" vessels history -w vessels.vigil --imo 9045807 --format csv ;;
    # Sanctions lists: loading (with warnings), a file that is not a list (nothing loaded, exit
    # 3), and screening the vessels above by IMO and MMSI.
    lists_load.txt)
      check "$1" "$vigil" lists load -w vessels.vigil --by golden \
        ofac_sdn_vessels_russia_20260322.json eu_annex_xlii_designated_vessels_20251023.csv \
        gur_shadow_fleet_vessels_master.csv ;;
    lists_load_bad.txt)
      check "$1" sh -c "'$vigil' lists load -w vessels.vigil \
        eu_annex_xlii_designated_vessels_20251023.csv digitraffic.csv; echo exit \$?" ;;
    screen.jsonl)
      check "$1" "$vigil" screen -w vessels.vigil --basis imo --basis mmsi --format jsonl ;;
    # Risk: list matches, maritime incidents and identity changes, with reasons; weights from a
    # config file.
    vessels_risk.txt) check "$1" "$vigil" vessels -w vessels.vigil --risk --limit 4 ;;
    vessels_risk.jsonl)
      echo '{"risk": {"listed_by_identifier": 70, "old_imo": 0}}' >risk.json
      check "$1" "$vigil" vessels -w vessels.vigil --risk --limit 3 --format jsonl \
        --config risk.json ;;
    vessels_risk_bad.txt)
      # An unknown weight, and a known one out of its range: both refused, naming the key.
      echo '{"risk": {"listed": 70}}' >bad_risk.json
      echo '{"risk": {"gap": 2, "listed_by_identifier": 5000}}' >big_risk.json
      check "$1" sh -c "'$vigil' vessels -w vessels.vigil --risk --config bad_risk.json; echo exit \$?;
        '$vigil' vessels -w vessels.vigil --risk --config big_risk.json; echo exit \$?" ;;
    # Maritime detection: a small simulated scenario (its summary, what the detectors find in
    # it, their statistics), the DMA sample, and a bad threshold file.
    simulate_maritime.txt)
      check "$1" "$vigil" simulate maritime --seed 7 --vessels 60 --hours 24 --interval 900 \
        --out sim ;;
    simulate_truth.jsonl) check "$1" cat sim/truth.jsonl ;;
    detect_sim.jsonl) check "$1" "$vigil" detect --stream --stats none sim/ais.nmea ;;
    detect_sim.table)
      check "$1" "$vigil" detect --stream --stats none --format table sim/ais.nmea ;;
    detect_sim_stats.json)
      check "$1" sh -c "'$vigil' detect --stream --stats json sim/ais.nmea >/dev/null" ;;
    detect_dma.txt)
      check "$1" "$vigil" detect --stream "$data/ais/dma_aislib_stream_example.txt" ;;
    # The same detectors over a workspace: incidents into the log, none twice.
    detect_workspace.txt) check "$1" "$vigil" detect -w sea.vigil --by golden ;;
    detect_workspace_again.txt) check "$1" "$vigil" detect -w sea.vigil --by golden ;;
    detect_workspace_incidents.csv)
      check "$1" "$vigil" incidents -w sea.vigil --format csv ;;
    detect_bad_config.txt)
      echo '{"gap": {"min_h": -1}}' >bad_config.json
      check "$1" sh -c "'$vigil' detect --stream --config bad_config.json sim/ais.nmea; echo exit \$?" ;;
    # detect --stream reads NMEA: an AIS CSV export, named or on stdin, is refused with what
    # to do instead, not read as an empty sea; a repeatable option takes one value, so the
    # NMEA log after --ports is the input, not a second port list.
    detect_stream_csv.txt)
      csv="$data/ais/digitraffic_gulf_of_finland_tankers_20251211-12.csv"
      check "$1" sh -c "cd '$data/ais' && '$vigil' detect --stream \$(basename '$csv'); echo exit \$?;
        '$vigil' detect --stream <'$csv'; echo exit \$?;
        '$vigil' detect --stream --no-land --ports '$data/maritime/wpi_ports.csv' \
          dma_aislib_stream_example.txt 2>&1 >/dev/null | head -1" ;;
    # Lines of contact: a derived line, the same date again and a bad file (nothing imported),
    # the Minsk II zones, and known places classified.
    line_import.txt)
      cp "$data/frontline/deepstatemap_data_20250220.geojson" control_20250220.geojson
      cp "$data/boundaries/ua_oblasts_osm.geojson" oblasts.geojson
      "$vigil" init -w loc.vigil >/dev/null
      check "$1" "$vigil" line import -w loc.vigil --name donbas --valid-from 2025-02-20 \
        --from-control control_20250220.geojson --within oblasts.geojson ;;
    line_import_again.txt)
      check "$1" sh -c "'$vigil' line import -w loc.vigil --name donbas \
        --valid-from 2025-02-20 --from-control control_20250220.geojson --within oblasts.geojson \
        >again.txt 2>&1; echo exit \$?; grep -v '^warning' again.txt" ;;
    line_import_bad.txt)
      printf '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[37,48],[37,48],[200,48]]}}' >bad_line.geojson
      check "$1" sh -c "'$vigil' line import -w loc.vigil --name drawn \
        --valid-from 2025-01-01 bad_line.geojson; echo exit \$?" ;;
    # A control map of two layers, as DeepStateMap draws them: two touching "occupied" squares
    # and a "liberated" one. Unfiltered it is refused with its layers listed; filtered, the two
    # squares are dissolved and their shared edge (22 km along 37.7°E) is not line of contact.
    line_import_layers.txt)
      square() {  # square LON0 LAT0 LON1 LAT1 FILL
        printf '{"type":"Feature","properties":{"fill":"%s","name":"%s"},"geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}' \
          "$5" "$6" "$1" "$2" "$3" "$2" "$3" "$4" "$1" "$4" "$1" "$2"
      }
      {
        printf '{"type":"FeatureCollection","features":['
        square 37.5 47.9 37.7 48.1 '#a52714' 'Occupied'; printf ,
        square 37.7 47.9 37.9 48.1 '#a52714' 'Occupied'; printf ,
        square 37.9 47.9 38.0 48.1 '#0f9d58' 'Liberated'; printf ,
        printf '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[37.6,48]}},'
        printf '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[37.8,48]}}'
        printf ']}\n'
      } >layers.geojson
      check "$1" sh -c "'$vigil' line import -w loc.vigil --name layered --valid-from 2025-01-01 \
          --from-control layers.geojson --within oblasts.geojson >out.txt 2>&1
        echo exit \$?
        grep -v '^warning: oblasts' out.txt
        '$vigil' line import -w loc.vigil --name layered --valid-from 2025-01-01 \
          --from-control layers.geojson --within oblasts.geojson --where 'fill~[' 2>&1
        echo exit \$?
        '$vigil' line import -w loc.vigil --name layered --valid-from 2025-01-01 \
          --from-control layers.geojson --within oblasts.geojson --where fill=#880e4f 2>&1 |
          grep -v '^warning: oblasts'
        '$vigil' line import -w loc.vigil --name layered --valid-from 2025-01-01 \
          --from-control layers.geojson --within oblasts.geojson --where fill=#a52714 \
          --where name~^Occ 2>&1 | grep -v '^warning: oblasts'
        '$vigil' line list -w loc.vigil --format csv | cut -d, -f1-4,6" ;;
    # Who holds how much, per oblast of the settlement (the import time is masked).
    line_show.txt)
      check "$1" sh -c "'$vigil' line show -w loc.vigil --date 2025-02-20 | grep -v '^imported'
        '$vigil' line list -w loc.vigil --areas --format csv | cut -d, -f1-2,4-6" ;;
    line_list.csv)
      check "$1" sh -c "'$vigil' line list -w loc.vigil --format csv | cut -d, -f1-4,6" ;;
    zones_build.txt)
      check "$1" "$vigil" zones build -w loc.vigil --by golden --settlement minsk2.json ;;
    classify.jsonl)
      cp "$golden/places.csv" places.csv
      check "$1" "$vigil" classify -w loc.vigil -q places.csv ;;
    classify_2024.csv)
      cp "$golden/places.csv" places.csv
      check "$1" "$vigil" classify -w loc.vigil -q --date 2024-12-15 --format csv places.csv ;;
    line_diff.table)
      check "$1" "$vigil" line diff -w loc.vigil --from 2024-12-01 --to 2025-02-20 ;;
    zones_export.txt)
      check "$1" sh -c "'$vigil' zones export -w loc.vigil |
        grep -o '\"type\":\"Multi[A-Za-z]*\"\\|\"kind\":\"[a-z]*\",\"name\":\"[^\"]*\"'" ;;
    # Open-source events through the CIR layout, then a simulated day of monitoring:
    # detection, coverage and the daily report (log hashes differ from run to run: masked).
    ingest_cir.txt)
      cp "$data/events/cir_donbas_2022q3.csv" cir.csv
      check "$1" "$vigil" ingest -w loc.vigil --layout cir cir.csv ;;
    observations_cir.jsonl)
      check "$1" "$vigil" observations -w loc.vigil --source osint:cir --kind weapon \
        --format jsonl --limit 2 ;;
    # A day before every version of the line: refused, naming the dates there are.
    simulate_ceasefire_no_line.txt)
      check "$1" sh -c "'$vigil' simulate ceasefire -w loc.vigil --seed 3 --out early \
        --start 2020-01-01 2>&1; echo exit \$?" ;;
    simulate_ceasefire.txt)
      check "$1" "$vigil" simulate ceasefire -w loc.vigil --seed 3 --out mon ;;
    sensors_declare.txt)
      check "$1" "$vigil" sensors declare -w loc.vigil --by golden mon/sensors.json ;;
    detect_ceasefire.txt) check "$1" "$vigil" detect -w loc.vigil --by golden ;;
    detect_ceasefire_again.txt) check "$1" "$vigil" detect -w loc.vigil --by golden ;;
    coverage.txt)
      check "$1" "$vigil" coverage -w loc.vigil --date 2025-02-21 --stretches 5 ;;
    report.md)
      check "$1" sh -c "'$vigil' report -w loc.vigil --date 2025-02-21 -o report/day.md &&
        sed -e 's/time of writing: [0-9a-f]*/time of writing: (log head)/' \
            -e 's/| [0-9a-f]\{12\} |\$/| (log hash) |/' report/day.md && ls report" ;;
    export_gis.txt)
      # Incidents and observations as files GIS tools open, read back with GDAL's ogrinfo:
      # each file's feature count beside the listing's, and every field (each attribute its
      # own column, typed).
      check "$1" sh -c "'$vigil' incidents -w loc.vigil --format jsonl | wc -l | sed 's/^/listed incidents: /'
        '$vigil' observations -w loc.vigil --format jsonl | wc -l | sed 's/^/listed observations: /'
        for f in incidents.gpkg incidents.kml incidents.kmz incidents.csv; do
          '$vigil' incidents -w loc.vigil -o \$f && ogrinfo -ro -so -al \$f |
            grep -E '^(Layer name|Feature Count|Geometry):|^[A-Za-z_]+: (String|Real|Integer|Integer64|DateTime)' ; done
        '$vigil' observations -w loc.vigil -o observations.gpkg && ogrinfo -ro -so -al observations.gpkg |
          grep -E '^(Layer name|Feature Count|Geometry):|^[A-Za-z_]+: (String|Real|Integer|Integer64|DateTime)'
        '$vigil' incidents -w loc.vigil --rule ceasefire.crossing -o crossings.gpkg &&
          ogrinfo -ro -so -al crossings.gpkg | grep 'Feature Count'
        '$vigil' incidents -w loc.vigil -o incidents.shp; echo exit \$?" ;;
    report_pdf.txt)
      # The PDF read back as a reader's viewer would (poppler): A4, its title, its pages, and
      # its first page's words: the summary and the map's legend, drawn in.
      check "$1" sh -c "'$vigil' report -w loc.vigil --date 2025-02-21 --format pdf -o day.pdf &&
        pdfinfo day.pdf | grep -E '^(Title|Author|Creator|Pages|Page size):' &&
        pdftotext -raw -l 1 day.pdf - | sed -e 's/time of writing: [0-9a-f]*/time of writing: (log head)/'" ;;
    report_html.txt)
      check "$1" sh -c "'$vigil' report -w loc.vigil --date 2025-02-21 --format html |
        grep -o '<h[12]>[^<]*</h[12]>\|<svg [^>]*>\|<circle' | uniq -c" ;;
    # Commitments: loading both tables, a file that is neither (nothing loaded, exit 3), and the
    # report in its formats (load times masked).
    commitments_load.txt)
      cp "$data/commitments/nato_defence_expenditure_pct_gdp_2014_2024e.csv" nato.csv
      cp "$data/commitments/kiel_ust_country_summary_usd_bn.csv" kiel.csv
      "$vigil" init -w pay.vigil >/dev/null
      check "$1" sh -c "'$vigil' commitments load -w pay.vigil --by golden nato.csv kiel.csv 2>&1;
        '$vigil' commitments -w pay.vigil --format csv | cut -d, -f1-5" ;;
    commitments_load_bad.txt)
      printf 'Country,GDP\nNorway,482\n' >gdp.csv
      check "$1" sh -c "'$vigil' commitments load -w pay.vigil nato.csv gdp.csv; echo exit \$?;
        '$vigil' commitments -w pay.vigil --format csv | cut -d, -f1-5" ;;
    commitments_report.table)
      check "$1" "$vigil" commitments report -w pay.vigil ;;
    commitments_report.md)
      check "$1" sh -c "'$vigil' commitments report -w pay.vigil --format md |
        sed 's/loaded [0-9T:.-]*Z by/loaded (time) by/'" ;;
    commitments_2014.csv)
      check "$1" "$vigil" commitments report -w pay.vigil --year 2014 --format csv ;;
    commitments_report.jsonl)
      check "$1" sh -c "'$vigil' commitments report -w pay.vigil --format jsonl | head -3;
        '$vigil' commitments report -w pay.vigil --year 2030; echo exit \$?" ;;
    commitments_report_html.txt)
      check "$1" sh -c "'$vigil' commitments report -w pay.vigil --format html |
        grep -o '<h[12]>[^<]*</h[12]>\|<svg [^>]*>\|<g><title>[^<]*' | uniq -c" ;;
    *)
      echo "cli_golden.sh: no case named '$1'" >&2
      exit 2 ;;
  esac
}

case $action in
  list)
    for entry in "${fixtures[@]}"; do echo "fixture $entry"; done
    for entry in "${cases[@]}"; do echo "case $entry"; done ;;
  fixture)
    work=$(start_from "$(parent_of fixture "$name")")
    (cd "$work"; build_fixture "$name")
    rm -rf "$workroot/fixtures/$name"
    mkdir -p "$workroot/fixtures"
    touch "$work/.built"
    mv "$work" "$workroot/fixtures/$name" ;;
  case)
    work=$(start_from "$(parent_of case "$name")")
    trap 'rm -rf "$work"' EXIT
    cd "$work"
    run_case "$name"
    exit $failed ;;
  all)
    for entry in "${fixtures[@]}"; do "$0" "$vigil" "$golden" "$workroot" fixture "${entry%% *}"; done
    status=0
    for entry in "${cases[@]}"; do
      "$0" "$vigil" "$golden" "$workroot" case "${entry%% *}" || { echo "FAILED ${entry%% *}"; status=1; }
    done
    exit $status ;;
  *)
    echo "usage: cli_golden.sh VIGIL GOLDEN_DIR WORK list|fixture NAME|case NAME|all" >&2
    exit 2 ;;
esac
