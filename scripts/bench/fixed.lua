-- wrk script of scripts/bench-delivery for one fixed URL (cache hits, originals, nginx).
-- No request()/response() hooks, so wrk sends a pre-built request and parses nothing extra:
-- the client costs the same for Halftone and nginx. Prints one BENCHJSON line at the end.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"hits":-1,"misses":-1,"non200":%d,"codes":""}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.status))
end
