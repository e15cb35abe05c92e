-- wrk script for benchmarks/tensions_intake.py: POST /api/v1/reports with a few
-- realistic bodies in turn, count the answers by status, and print one JSON line
-- (prefixed "RESULT ") with the counts and the latency percentiles in microseconds.

local bodies = {
  '{"council_code": "E08000009", "ward_code": "E05000001", "category": "hate_incident", '
    .. '"characteristics": ["religion"], "what_happened": "Abuse shouted in the street.", '
    .. '"occurred_on": "2026-11-19", "reported_to_police": "no", '
    .. '"contact": {"email": "someone@example.org"}}',
  '{"council_code": "E08000009", "ward_code": "E05000002", "category": "community_tension", '
    .. '"what_happened": "Groups arguing outside the school gates.", '
    .. '"occurred_on": "2026-11-18", "root_cause": "A rumour about housing."}',
  '{"council_code": "E08000009", "longitude": -2.35, "latitude": 53.45, "category": "rumour", '
    .. '"what_happened": "A post saying the mosque is closing.", "occurred_on": "2026-11-20", '
    .. '"reported_to_police": "unknown"}',
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  created = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  return wrk.format(nil, "/api/v1/reports", nil, bodies[(sent % #bodies) + 1])
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "created": %d, "other": %d, "duration_us": %d, '
      .. '"p50": %d, "p90": %d, "p99": %d, "p999": %d, "max": %d, "mean": %.1f, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"non_2xx": %d}\n',
    summary.requests, c, o, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean,
    e.connect, e.read, e.write, e.timeout, e.status))
end
