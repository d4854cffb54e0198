-- wrk script: prints the latency percentiles wrk's --latency table lacks (p95) in one parseable line.
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%.1f p95=%.1f p99=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
