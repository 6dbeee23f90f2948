-- wrk script for bench/serve.sh: incident queries by bounding box (1° x 1°) and time (7 days),
-- each request a different place and week, as a dashboard panning a map would send.
local key = os.getenv("VIGIL_KEY")
local counter = 0
math.randomseed(os.time())

request = function()
  counter = counter + 1
  local west = 30 + math.random() * 9
  local south = 44 + math.random() * 5
  local day = math.random(1, 358)
  local from = os.date("!%Y-%m-%d", 1735689600 + day * 86400)
  local to = os.date("!%Y-%m-%d", 1735689600 + (day + 7) * 86400)
  local path = string.format("/api/v1/incidents?bbox=%.3f,%.3f,%.3f,%.3f&from=%s&to=%s&limit=100",
    west, south, west + 1, south + 1, from, to)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors %d  non-2xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.status))
end
