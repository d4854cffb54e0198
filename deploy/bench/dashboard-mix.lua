-- wrk script for deploy/bench/telemetry-dashboard.sh: each request one of the paths in MIX_PATHS
-- (space separated), picked at random; prints p50/p95/p99 like percentiles.lua.
local paths = {}
for p in string.gmatch(os.getenv("MIX_PATHS") or "/", "%S+") do table.insert(paths, p) end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%.1f p95=%.1f p99=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
