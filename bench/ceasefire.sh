#!/usr/bin/env bash
# Line-of-contact classification benchmark. Imports the 2025-02-20 line (DeepStateMap,
# data/frontline) with the Minsk II zones (examples/settlements/minsk2.json), makes POINTS
# random points (default 1,000,000) over the line's region (45.5-51 N, 31-40.5 E), and in one
# run classifies them with:
#   vigil classify                  (side, geodesic distance, zones, sector; whole process)
#   vigil's kernel                  (Google Benchmark, one core: BM_ClassifyPoint)
#   GEOS C API                      (bench/peers/geos_classify.cpp: prepared geometries in an
#                                    azimuthal equidistant projection; side, distance, zones)
#   PostGIS                         (on the first PG_POINTS points (default 20,000), in a
#                                    PostgreSQL 15 cluster this script starts and removes),
#                                    twice: distance and side only (ST_Distance on geography,
#                                    ST_Covers of the control area), and the whole
#                                    classification vigil does (side within the oblasts, zones
#                                    by distance, disengagement areas, sector of the nearest
#                                    segment by a KNN search over an indexed segment table)
# and prints points per second and the ratios, and how far GEOS's projected distances stray
# from vigil's geodesic ones.
# Needs the release build (cmake --preset release) and scripts/install-deps.sh --bench.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/timing.sh
points=${POINTS:-1000000}
pg_points=${PG_POINTS:-20000}
runs=${RUNS:-3}
vigil=${VIGIL:-build/release/src/vigil}
benchmarks=${BENCHMARKS:-build/release/bench/vigil_benchmarks}
pgbin=/usr/lib/postgresql/15/bin
for tool in bc python3 g++; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh --bench" >&2; exit 1; }
done
[ -x "$vigil" ] && [ -x "$benchmarks" ] ||
  { echo "missing $vigil or $benchmarks: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
[ -x "$pgbin/initdb" ] || { echo "missing PostgreSQL 15: run scripts/install-deps.sh --bench" >&2; exit 1; }

work=$(mktemp -d)
pg_started=
cleanup() {
  if [ -n "$pg_started" ]; then as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ws=$work/bench.vigil
"$vigil" init -w "$ws" >/dev/null
"$vigil" line import -w "$ws" --name donbas --valid-from 2025-02-20 \
  --from-control data/frontline/deepstatemap_data_20250220.geojson \
  --within data/boundaries/ua_oblasts_osm.geojson 2>&1 | tail -1
"$vigil" zones build -w "$ws" --settlement examples/settlements/minsk2.json 2>&1 | head -1
"$vigil" line export -w "$ws" -o "$work/line.geojson"
"$vigil" zones export -w "$ws" -o "$work/zones.geojson"
python3 - "$points" "$work/points.csv" <<'PY'
import random, sys
random.seed(42)
with open(sys.argv[2], "w") as f:
    f.write("id,lat,lon\n")
    for i in range(int(sys.argv[1])):
        f.write("p%d,%.6f,%.6f\n" % (i, random.uniform(45.5, 51.0), random.uniform(31.0, 40.5)))
PY
g++ -O2 -std=c++20 bench/peers/geos_classify.cpp -o "$work/geos_classify" -lgeos_c -lGeographicLib

classify_vigil() { "$vigil" classify -w "$ws" -q --format csv "$work/points.csv"; }
classify_geos() { "$work/geos_classify" "$work/line.geojson" "$work/points.csv"; }
t_vigil=$(best_time "$runs" classify_vigil)
t_geos=$(best_time "$runs" classify_geos)
"$vigil" classify -w "$ws" -q --format csv "$work/points.csv" >"$work/vigil.csv"
geos_kernel=$("$work/geos_classify" "$work/line.geojson" "$work/points.csv" 2>&1 >"$work/geos.csv" |
  sed -n 's/.*(\([0-9]*\) a second).*/\1/p')
vigil_kernel=$("$benchmarks" --benchmark_filter=BM_ClassifyPoint --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null |
  python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["name"].endswith("_median"): print(round(float(r["items_per_second"])))')
vigil_kernel=${vigil_kernel:-0}

# PostGIS: the line and control polygon as geography/geometry, the first PG_POINTS points.
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$work"
as_postgres "$pgbin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -o "-k $work -p 54329 -c listen_addresses=''" \
  -l "$work/pg.log" -w start >/dev/null
pg_started=1
psql_run() { as_postgres psql -h "$work" -p 54329 -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
python3 - "$work/line.geojson" "$work/points.csv" "$pg_points" "$work/zones.geojson" \
  data/boundaries/ua_oblasts_osm.geojson >"$work/load.sql" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
line, control = doc["features"][0]["geometry"], doc["features"][1]["geometry"]
zones = json.load(open(sys.argv[4]))["features"]
regions = json.load(open(sys.argv[5]))["features"]
q = lambda g: json.dumps(g).replace("'", "''")
print("CREATE EXTENSION postgis;")
print("CREATE TABLE line AS SELECT ST_GeomFromGeoJSON('%s')::geography AS g;" % q(line))
print("CREATE TABLE control AS SELECT ST_MakeValid(ST_GeomFromGeoJSON('%s')) AS g;" % q(control))
print("CREATE TABLE regions (name text, g geometry);")
for r in regions:
    name = r["properties"].get("name:en") or r["properties"].get("name") or ""
    print("INSERT INTO regions VALUES ('%s', ST_MakeValid(ST_GeomFromGeoJSON('%s')));" % (name.replace("'", "''"), q(r["geometry"])))
# Oblasts of thousands of vertices, cut into pieces of at most 256 for point-in-polygon tests
# through the index, as PostGIS's documentation advises for large polygons.
print("CREATE TABLE region_parts AS SELECT name, ST_Subdivide(g, 256) AS g FROM regions;")
print("CREATE INDEX ON region_parts USING gist (g);")
print("CREATE TABLE areas (name text, g geometry);")
print("CREATE TABLE zone_widths (party text, name text, width_m float8);")
for z in zones:
    p = z["properties"]
    if p.get("kind") == "disengagement":
        print("INSERT INTO areas VALUES ('%s', ST_GeomFromGeoJSON('%s'));" % (p["name"], q(z["geometry"])))
    elif "width_km" in p:
        print("INSERT INTO zone_widths VALUES ('%s', '%s', %f);" % (p["party"], p["name"], p["width_km"] * 1000))
print("CREATE INDEX ON areas USING gist (g);")
# The line's segments, each with the region its midpoint lies in: the sector of a point is
# that of the nearest segment, found by a KNN search on a GiST index.
print("CREATE TABLE segs AS SELECT d.geom::geography AS g, (SELECT r.name FROM regions r "
      "WHERE ST_Covers(r.g, ST_LineInterpolatePoint(d.geom, 0.5)) LIMIT 1) AS sector "
      "FROM line, ST_DumpSegments(line.g::geometry) d;")
print("CREATE INDEX ON segs USING gist (g);")
print("CREATE TABLE pts (id text, lat float8, lon float8);")
print("COPY pts FROM STDIN WITH (FORMAT csv);")
with open(sys.argv[2]) as f:
    next(f)
    for i, row in zip(range(int(sys.argv[3])), f):
        print(row, end="")
print("\\.")
print("ALTER TABLE pts ADD COLUMN g geography; UPDATE pts SET g = ST_MakePoint(lon, lat)::geography;")
print("ALTER TABLE pts ADD COLUMN gm geometry; UPDATE pts SET gm = ST_SetSRID(ST_MakePoint(lon, lat), 4326);")
print("ANALYZE;")
PY
psql_run -f "$work/load.sql" >/dev/null
pg_query() {
  psql_run -c "SELECT count(*), sum(ST_Distance(p.g, l.g)), sum(ST_Covers(c.g, p.g::geometry)::int) FROM pts p, line l, control c"
}
t_pg=$(best_time 1 pg_query)
# The same outputs as vigil classify: side (the control area's party inside it, the other
# within the oblasts, none beyond), distance, the zones of the side the distance puts the
# point in, the disengagement areas that cover it, and the sector.
# MATERIALIZED: inlined into the correlated subqueries, the distance and the side would be
# computed again per zone, without PostGIS's caches.
pg_classify() {
  psql_run -F' ' -c "
    WITH c AS MATERIALIZED (
      SELECT p.g, p.gm, ST_Distance(p.g, l.g) AS d,
             CASE WHEN ST_Covers(k.g, p.gm) THEN 'russia'
                  WHEN EXISTS (SELECT 1 FROM region_parts r WHERE ST_Covers(r.g, p.gm)) THEN 'ukraine'
             END AS side
      FROM pts p, line l, control k)
    SELECT count(side), sum(zones), sum(areas), count(sector) FROM (
      SELECT c.side, n.sector,
             (SELECT count(*) FROM zone_widths z WHERE z.party = c.side AND c.d <= z.width_m) AS zones,
             (SELECT count(*) FROM areas a WHERE ST_Covers(a.g, c.gm)) AS areas
      FROM c CROSS JOIN LATERAL (SELECT s.sector FROM segs s ORDER BY s.g <-> c.g LIMIT 1) n) q"
}
t_pg_full=$(best_time 1 pg_classify)
pg_counts=$(pg_classify)

rate() { echo "$1 / $2" | bc -l; }
printf "%-52s %10.0f points/s\n" "vigil classify, whole process (best of $runs)" "$(rate "$points" "$t_vigil")"
printf "%-52s %10.0f points/s\n" "GEOS peer, whole process (best of $runs)" "$(rate "$points" "$t_geos")"
printf "%-52s %10.0f points/s\n" "vigil kernel, one core (Google Benchmark)" "$vigil_kernel"
printf "%-52s %10.0f points/s\n" "GEOS kernel, one core (its classification loop)" "$geos_kernel"
printf "%-52s %10.0f points/s\n" "PostGIS distance and side (ST_Distance + ST_Covers)" "$(rate "$pg_points" "$t_pg")"
printf "%-52s %10.0f points/s\n" "PostGIS whole classification (as vigil classify)" "$(rate "$pg_points" "$t_pg_full")"
printf "whole process: vigil is %.1fx GEOS; kernels: vigil is %.1fx GEOS, %.0fx PostGIS's distance and side, %.0fx PostGIS's whole classification\n" \
  "$(echo "$t_geos / $t_vigil" | bc -l)" "$(echo "$vigil_kernel / $geos_kernel" | bc -l)" \
  "$(echo "$vigil_kernel / ($pg_points / $t_pg)" | bc -l)" \
  "$(echo "$vigil_kernel / ($pg_points / $t_pg_full)" | bc -l)"
python3 - "$work/vigil.csv" "$work/geos.csv" <<'PY'
import csv, sys
geos = {r[0]: float(r[2]) for r in csv.reader(open(sys.argv[2]))}
worst = max(abs(float(r["distance_m"]) - geos[r["id"]]) for r in csv.DictReader(open(sys.argv[1])))
print(f"largest difference between GEOS's projected distance and vigil's geodesic one: {worst:.1f} m")
PY
# The two classifications of the first PG_POINTS points, counted alike.
python3 - "$work/vigil.csv" "$pg_points" "$pg_counts" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))[: int(sys.argv[2])]
sided = sum(1 for r in rows if r["side"])
zones = sum(len([z for z in r["zones"].split(";") if "withdrawal" in z or "security" in z]) for r in rows)
areas = sum(r["zones"].count("disengagement") for r in rows)
sectors = sum(1 for r in rows if r["sector"])
print(f"vigil   on the first {len(rows)} points: with a side {sided}, zone memberships {zones}, "
      f"in disengagement areas {areas}, with a sector {sectors}")
pg = sys.argv[3].split()
print(f"PostGIS on the same points:      with a side {pg[0]}, zone memberships {pg[1]}, "
      f"in disengagement areas {pg[2]}, with a sector {pg[3]}")
PY
