# Writes N synthetic observations as JSON Lines, in time order as a live feed delivers them:
# 400 sensors (patrols, UAVs, cameras, acoustic arrays) reporting over one day along a
# 300 km front. Usage: awk -v n=1000000 [-v start=EPOCH] -f make_observations.awk > observations.jsonl
BEGIN {
  srand(42);
  split("explosion shelling small_arms weapon movement drone", kinds, " ");
  split("patrol uav camera acoustic", sources, " ");
  if (start == "") start = 1740009600;  # 2025-02-20T00:00:00Z, unless -v start=EPOCH
  for (i = 0; i < n; i++) {
    t = start + int(i * 86400 / n);
    sensor = int(rand() * 400);
    ms = int(rand() * 1000);
    lat = 47.0 + rand() * 2.5;
    lon = 36.5 + rand() * 3.5;
    kind = kinds[1 + int(rand() * 6)];
    # A weapon sighting names its class (docs/ceasefire.md).
    extra = kind == "weapon" ? ",\"weapon_class\":\"tank\"" : "";
    printf("{\"time\":\"%s.%03dZ\",\"lat\":%.6f,\"lon\":%.6f,\"kind\":\"%s\",\"source\":\"%s\"," \
           "\"entity\":\"sensor:%s-%03d\",\"uncertainty_m\":%d,\"attributes\":{\"count\":%d," \
           "\"bearing_deg\":%d%s}}\n",
           strftime("%Y-%m-%dT%H:%M:%S", t, 1), ms, lat, lon, kind, sources[1 + sensor % 4],
           sources[1 + sensor % 4], sensor, 50 + int(rand() * 950), 1 + int(rand() * 8),
           int(rand() * 360), extra);
  }
}
