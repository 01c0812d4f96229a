-- wrk's side of the history scenario (scripts/bench history, parley.loadgen.HistoryPaging): every request asks for
-- one full page of a random room's history before a random seq, as the bench user, who is in every room.
--   wrk -s scripts/bench-history.lua <url> -- <file of room ids, one a line> <token> <messages per room> <limit>
-- done() prints one line, "wrk-result <json>", that the load generator reads: latencies in microseconds.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local rooms, last, limit

function init(args)
  rooms = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      rooms[#rooms + 1] = line
    end
  end
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  last = tonumber(args[3])
  limit = tonumber(args[4])
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

-- before runs from limit + 1 (the oldest full page) to last + 1 (the newest page).
function request()
  local room = rooms[math.random(#rooms)]
  local before = math.random(limit + 1, last + 1)
  return wrk.format("GET", "/api/rooms/" .. room .. "/messages?before=" .. before .. "&limit=" .. limit)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('wrk-result {"requests":%d,"durationMicros":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latencyMicros":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    latency.mean))
end
