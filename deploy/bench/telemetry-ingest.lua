-- wrk script for deploy/bench/telemetry-ingest.sh: every request is a new execution shaped like the
-- bash client's heredoc JSON (unit suffix on disk_size, numbers as strings, and on failures an error
-- text with unescaped quotes and a control character, which goes through the lenient parser).
-- BENCH_PATH sends the same bodies elsewhere (the no-op ceiling); BENCH_RUN prefixes the ids.
local run = os.getenv("BENCH_RUN") or "bench"
local path = os.getenv("BENCH_PATH") or "/telemetry"
local apps = {"jellyfin", "adguard", "homeassistant", "docker", "vaultwarden", "pihole", "gitea", "nextcloudpi"}
local threads = {}
local counter = 0
accepted, busy, limited, other = 0, 0, 0, 0 -- globals: done() reads them with thread:get

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local id = string.format("%s-%d-%d", run, tid, counter)
  local app = apps[(counter % #apps) + 1]
  local failed = counter % 4 == 0
  local status = failed and "failed" or "success"
  local err = failed and ('E: Unable to fetch "http://10.0.0.1/debian" \t(step ' .. counter .. ')') or ""
  local body = '{\n  "random_id": "' .. id .. '",\n  "execution_id": "' .. id .. '",\n  "type": "lxc",\n'
    .. '  "nsapp": "' .. app .. '",\n  "status": "' .. status .. '",\n  "ct_type": "1",\n  "disk_size": 8G,\n'
    .. '  "core_count": "2",\n  "ram_size": 2048,\n  "os_type": "debian",\n  "os_version": "13",\n'
    .. '  "pve_version": "9.0.3",\n  "method": "default",\n  "repo_source": "ProxmoxVE",\n'
    .. '  "install_duration": ' .. (60 + counter % 300) .. ',\n'
    .. '  "exit_code": ' .. (failed and 100 or 0) .. ',\n  "error": "' .. err .. '"\n}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status == 202 then accepted = accepted + 1
  elseif status == 503 then busy = busy + 1
  elseif status == 429 then limited = limited + 1
  else other = other + 1 end
end

done = function(summary, latency, requests)
  local a, b, l, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted"); b = b + t:get("busy"); l = l + t:get("limited"); o = o + t:get("other")
  end
  io.write(string.format("ANSWERS accepted=%d busy=%d limited=%d other=%d\n", a, b, l, o))
end
