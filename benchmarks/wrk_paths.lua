-- wrk script for benchmarks/_server.py: cycles through the paths in WRK_PATHS (separated by
-- "|"), sends the header in WRK_HEADER, counts answers other than 200 and prints one line
-- with the latency percentiles in milliseconds.
local paths, counter, threads = {}, 0, {}
-- a global, so that done() can read each thread's count with thread:get
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for p in string.gmatch(os.getenv("WRK_PATHS"), "[^|]+") do
    table.insert(paths, p)
  end
  local header = os.getenv("WRK_HEADER")
  if header and header ~= "" then
    local name, value = header:match("([^:]+):%s*(.*)")
    wrk.headers[name] = value
  end
  -- each thread starts at another path, so the clients do not move in step
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("bad") or 0)
  end
  -- (wrk's own errors.status counts what bad already has: answers of 400 and over)
  failed = failed + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("WRK p50=%.3f p95=%.3f max=%.3f n=%d failed=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000,
    summary.requests, failed))
end
