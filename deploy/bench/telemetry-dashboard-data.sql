-- Generates :n executions over the last 365 days for deploy/bench/telemetry-dashboard.sh, shaped like
-- the community scripts' traffic: ~400 apps with skewed popularity, mostly LXC on Debian, a failure
-- share with categories and normalised error patterns, a few still installing. Rollups are not
-- written here: the service rebuilds them from these rows (its admin endpoint).
SET search_path = telemetry;
INSERT INTO executions (execution_id, random_id, type, nsapp, status, os_type, os_version, pve_version, method,
                        exit_code, error, error_category, error_pattern, install_duration, started_at, finished_at,
                        updated_at, repo_source, gpu_vendor, gpu_passthrough, cpu_vendor, protocol, ct_type,
                        core_count, ram_size, disk_size)
SELECT 'gen-' || g, 'gen-' || g,
       CASE WHEN r.t < 0.85 THEN 'lxc' WHEN r.t < 0.97 THEN 'vm' ELSE 'addon' END,
       'app-' || lpad(floor(400 * power(r.a, 3))::int::text, 3, '0'),
       s.status,
       (ARRAY['debian', 'debian', 'debian', 'ubuntu', 'ubuntu', 'alpine'])[1 + floor(r.o * 6)::int],
       (ARRAY['12', '13', '24.04', '3.22'])[1 + floor(r.o * 4)::int],
       (ARRAY['8.2.4', '8.3.0', '8.4.1', '9.0.3', '9.1.1'])[1 + floor(r.p * 5)::int],
       CASE WHEN r.m < 0.8 THEN 'default' ELSE 'advanced' END,
       CASE s.status WHEN 'success' THEN 0 WHEN 'failed' THEN (ARRAY[1, 100, 127, 255])[1 + floor(r.e * 4)::int] END,
       CASE WHEN s.status = 'failed' THEN 'E: step ' || floor(r.e * 50)::int || ' failed' END,
       CASE WHEN s.status = 'failed' THEN (ARRAY['network', 'apt', 'storage', 'dependency', 'timeout', 'command_not_found'])[1 + floor(r.e * 6)::int] END,
       CASE WHEN s.status = 'failed' THEN 'e: step N failed in pattern ' || floor(r.e * 60)::int END,
       CASE WHEN s.status <> 'installing' THEN 30 + floor(r.d * 900)::int END,
       r.started, CASE WHEN s.status <> 'installing' THEN r.started + interval '5 minutes' END, r.started,
       CASE WHEN r.q < 0.9 THEN 'ProxmoxVE' ELSE 'ProxmoxVED' END,
       (ARRAY['intel', 'intel', 'amd', 'nvidia', 'unknown'])[1 + floor(r.gv * 5)::int],
       (ARRAY['none', 'none', 'none', 'igpu', 'dgpu'])[1 + floor(r.gv * 5)::int],
       CASE WHEN r.c < 0.6 THEN 'intel' WHEN r.c < 0.97 THEN 'amd' ELSE 'arm' END,
       'telemetry', 1, 2, 2048, 8
FROM generate_series(1, :n) AS g
CROSS JOIN LATERAL (SELECT random() AS a, random() AS t, random() AS o, random() AS p, random() AS m, random() AS e,
                           random() AS d, random() AS q, random() AS gv, random() AS c, random() AS st,
                           now() - random() * interval '365 days' AS started, g AS k) AS r
CROSS JOIN LATERAL (SELECT CASE WHEN r.st < 0.80 THEN 'success' WHEN r.st < 0.92 THEN 'failed'
                                WHEN r.st < 0.95 THEN 'aborted' WHEN r.st < 0.97 THEN 'unknown'
                                ELSE 'installing' END AS status, r.k) AS s;
ANALYZE executions;
