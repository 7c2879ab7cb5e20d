-- wrk script of scripts/bench-delivery for cache-miss runs.
-- wrk args after "--": TAG PATH1 [PATH2 ...]. The paths are requested in turn; "{N}" in a path
-- becomes TAG-THREAD-REQUEST, unique for the whole run, so every request misses the result cache.
-- Counts non-200 answers and X-Cache HIT/MISS, prints one BENCHJSON line at the end.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  tag = args[1]
  paths = {}
  for i = 2, #args do paths[#paths + 1] = args[i] end
  n = 0
  hits = 0
  misses = 0
  non200 = 0
  codes = ""
end

function request()
  n = n + 1
  local p = paths[(n - 1) % #paths + 1]
  p = p:gsub("{N}", tag .. "-" .. tid .. "-" .. n)
  return wrk.format("GET", p)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if #codes < 60 then codes = codes .. status .. " " end
  end
  local xc = headers["x-cache"] or headers["X-Cache"]
  if xc == "HIT" then hits = hits + 1 elseif xc == "MISS" then misses = misses + 1 end
end

function done(summary, latency, requests)
  local h, m, bad, c = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    h = h + t:get("hits")
    m = m + t:get("misses")
    bad = bad + t:get("non200")
    c = c .. t:get("codes")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"hits":%d,"misses":%d,"non200":%d,"codes":"%s"}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, h, m, bad, c))
end
