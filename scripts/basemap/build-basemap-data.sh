#!/usr/bin/env bash
# Derives the dashboard's offline basemap layers into data/basemap/ (committed; the build never
# runs this). Needs Debian's gmt, gmt-gshhg-high, gdal-bin and python3-gdal:
#   apt-get install gmt gmt-gshhg-high gdal-bin python3-gdal
#
# - rivers.geojson: WDBII rivers from GSHHG 2.3.7 (Wessel & Smith, LGPL-3.0) at intermediate
#   resolution. Levels 1-2 (double-lined and major permanent rivers) over Europe and the Black
#   and Caspian Seas' shores; levels 3-4 (additional major and other permanent rivers) over
#   Ukraine and its neighbours.
# - lakes.geojson: GSHHG's level-2 shorelines (lakes and reservoirs): from 4 km² over the same
#   Ukrainian window, from 100 km² over Europe. GSHHG gives them only as per-bin line pieces,
#   so GMT rasterises them and GDAL polygonises the raster.
#   GSHHG (2017) still has the Kakhovka reservoir, which drained after its dam was destroyed on
#   6 June 2023. GSHHG joins the Dnipro's reservoirs and the river between them into one
#   polygon; what of it lies between the Kakhovka dam and the DniproHES dam (south of 47.86°N,
#   33.0-35.2°E) is written as kind "drained", the rest as a lake.
# - oblasts.geojson: the outlines of Ukraine's oblasts (data/boundaries, OSM) as lines, and
#   one label point each (name:en).
# Geometry is simplified in ETRS89-LAEA (EPSG:3035), in metres, and written at 4 decimals
# (11 m), below what the dashboard draws.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out="$here/data/basemap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"  # GMT leaves its gmt.history in the working directory

europe=-25/60/34/72
ukraine=20/42/43/54

# GMT's multisegment dump ("> River Bin # 508, Level 1" then lon<TAB>lat rows) to GeoJSON.
segments_to_geojson() {
  awk -v kind="$1" '
    function flush() {
      if (n >= 2) {
        printf "%s{\"type\":\"Feature\",\"properties\":{\"kind\":\"%s\",\"level\":%d},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[%s]}}", (count++ ? ",\n" : ""), kind, level, coords
      }
      n = 0; coords = ""
    }
    BEGIN { printf "{\"type\":\"FeatureCollection\",\"features\":[\n" }
    /^>/ { flush(); match($0, /Level [0-9]+/); level = substr($0, RSTART + 6, RLENGTH - 6); next }
    NF >= 2 {
      point = sprintf("[%.4f,%.4f]", $1, $2)
      if (point != last || n == 0) { coords = coords (n ? "," : "") point; ++n }
      last = point
    }
    END { flush(); printf "\n]}\n" }'
}

# One FeatureCollection (the first argument) of the others' features.
merge() {
  python3 - "$@" <<'PY'
import json, sys
features = []
for path in sys.argv[2:]:
    features += json.load(open(path))["features"]
with open(sys.argv[1], "w") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, separators=(",", ":"))
PY
}

# Every step in metres: to ETRS89-LAEA, select and simplify there, back to WGS84.
to_laea() { ogr2ogr -f GeoJSON -t_srs EPSG:3035 -nln "$(basename "$2" .geojson)" "$2" "$1"; }
to_wgs84() {
  ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco COORDINATE_PRECISION=4 -lco RFC7946=YES "$2" "$1"
}

gmt coast -R$europe -Di -I1 -I2 -M > "$work/major.txt"
gmt coast -R$ukraine -Di -I3 -I4 -M > "$work/minor.txt"
cat "$work/major.txt" "$work/minor.txt" | segments_to_geojson river > "$work/rivers_raw.geojson"
to_laea "$work/rivers_raw.geojson" "$work/rivers_laea.geojson"
ogr2ogr -f GeoJSON "$work/rivers_simple.geojson" "$work/rivers_laea.geojson" -simplify 150
to_wgs84 "$work/rivers_simple.geojson" "$out/rivers.geojson"

# Lakes in a window at a resolution, of at least an area (m²), but for those whose centre lies
# in an excluded window (west,south,east,north): GSHHG's level-2 polygons rasterised (ocean and
# land 0, lakes and ponds 1, islands in lakes 0) and polygonised.
lakes_in() {
  local name=$1 region=$2 step=$3 min_area=$4 excluded=${5:-0,0,0,0} kakhovka="ST_Transform(BuildMbr(33.0, 46.6, 35.2, 47.86, 4326), 3035)"
  gmt grdlandmask -R"$region" -I"$step" -Di -N0/0/1/0/1 -G"$work/$name.nc"
  gdal_translate -q -of GTiff -a_srs EPSG:4326 "$work/$name.nc" "$work/$name.tif"
  gdal_polygonize.py -q "$work/$name.tif" -f GeoJSON "$work/${name}_raw.geojson" lakes value
  to_laea "$work/${name}_raw.geojson" "$work/${name}_laea.geojson"
  ogr2ogr -f GeoJSON "$work/${name}_simple.geojson" "$work/${name}_laea.geojson" -dialect SQLite \
    -sql "WITH kept AS (SELECT geometry FROM ${name}_laea WHERE value = 1
                          AND ST_Area(geometry) >= $min_area
                          AND NOT ST_Within(ST_Centroid(geometry),
                                            ST_Transform(BuildMbr($excluded, 4326), 3035)))
          SELECT 'lake' AS kind, NULL AS name, ST_Difference(geometry, $kakhovka) AS geometry
            FROM kept
          UNION ALL
          SELECT 'drained', 'Former Kakhovka Reservoir (drained since June 2023)',
                 ST_Intersection(geometry, $kakhovka) FROM kept WHERE ST_Intersects(geometry, $kakhovka)" \
    -simplify 200
  to_wgs84 "$work/${name}_simple.geojson" "$work/${name}.geojson"
}
# Ukraine's lakes from 4 km² at 15" (about 460 m by 300 m); the rest of Europe's from 100 km²
# at 1'. At 1' the Dnipro's reservoirs and the river between them run together into one
# polygon, which is why Europe's pass leaves out what centres in Ukraine's window.
lakes_in lakes_ukraine $ukraine 15s 4e6
lakes_in lakes_europe $europe 1m 1e8 "20, 43, 42, 54"  # $ukraine as west, south, east, north
merge "$out/lakes.geojson" "$work/lakes_ukraine.geojson" "$work/lakes_europe.geojson"

to_laea "$here/data/boundaries/ua_oblasts_osm.geojson" "$work/oblasts_laea.geojson"
ogr2ogr -f GeoJSON "$work/oblast_lines.geojson" "$work/oblasts_laea.geojson" -dialect SQLite \
  -sql "SELECT 'boundary' AS kind, \"name:en\" AS name, ST_Boundary(geometry) AS geometry
        FROM oblasts_laea" -simplify 300
ogr2ogr -f GeoJSON "$work/oblast_labels.geojson" "$work/oblasts_laea.geojson" -dialect SQLite \
  -sql "SELECT 'label' AS kind, \"name:en\" AS name, ST_PointOnSurface(geometry) AS geometry
        FROM oblasts_laea"
to_wgs84 "$work/oblast_lines.geojson" "$work/lines.geojson"
to_wgs84 "$work/oblast_labels.geojson" "$work/labels.geojson"
merge "$out/oblasts.geojson" "$work/lines.geojson" "$work/labels.geojson"
ls -l "$out"
