#!/usr/bin/env bash
# Dashboard latency with a million stored executions: generates 1,000,000 executions spread over the
# last 365 days (skewed app popularity, realistic status/OS/PVE/GPU/CPU/error mixes) straight into
# PostgreSQL, has the service rebuild its daily rollups from them (its admin endpoint, with a token
# from the gateway's login) and analyses every rollup table, then measures GET /api/v1/telemetry/dashboard for several ranges and filters with the
# answer cache OFF (every request computed from the rollups) and the HTML page /dashboard.
# Writes the figures to deploy/bench/RESULTS.md (section "telemetry-dashboard").
#
#   deploy/bench/telemetry-dashboard.sh [executions=1000000] [seconds per query=10] [connections=1]
#
# Needs: wrk, psql (installed when missing), the packaged telemetry-service, gateway and devstack
# launcher (built when missing). Listens on 127.0.0.1 only; everything it starts stops at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXECUTIONS=${1:-1000000}
SECONDS_PER_QUERY=${2:-10}
CONNECTIONS=${3:-1}
SERVICE_PORT=18281 GATEWAY_PORT=18280
WORK=$(mktemp -d /tmp/opsuite-bench-dashboard.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
need_packages wrk:wrk psql:postgresql-client
use_jdk
ensure_packaged deploy/devstack telemetry-service pve-gateway

start_infra

# One client address: the gateway's per-client rate limit on the route would measure itself; it is off.
ADMIN_PASSWORD="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
start_service() { # start_service <cache for today> <cache for longer ranges>
  QUARKUS_HTTP_PORT=$SERVICE_PORT \
  QUARKUS_DATASOURCE_USERNAME=telemetry QUARKUS_DATASOURCE_PASSWORD=telemetry \
  QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA OPSUITE_JWKS_URL=http://127.0.0.1:$GATEWAY_PORT/.well-known/jwks.json \
  OPSUITE_TELEMETRY_DASHBOARD_CACHE_SHORT=$1 OPSUITE_TELEMETRY_DASHBOARD_CACHE_LONG=$2 \
  java -Xmx512m --add-opens java.base/java.lang=ALL-UNNAMED \
    -jar telemetry-service/target/quarkus-app/quarkus-run.jar >> "$WORK/telemetry.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=($SERVICE_PID)
  wait_ready $SERVICE_PORT
}
start_service 0s 0s # first phase: every request computed from the rollups
# (its HTTPS listener for PVE clients on a free port: 8443 may be another gateway's on a shared machine)
OPSUITE_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$GATEWAY_PORT KAFKA_BOOTSTRAP_SERVERS=$KAFKA OPSUITE_PVE_HTTPS_PORT=0 \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
java -Xmx512m --enable-native-access=ALL-UNNAMED \
  -Dopsuite.gateway.upstream.telemetry=http://127.0.0.1:$SERVICE_PORT \
  -Dopsuite.gateway.routes.telemetry.rate-limit.per-second=0 \
  -jar pve-gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_ready $GATEWAY_PORT
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
PSQL_URL="postgresql://telemetry:telemetry@${JDBC_URL#jdbc:postgresql://}"

# --- a million executions, as the ingest path would have stored them
echo "generating $EXECUTIONS executions…"
GEN_START=$(date +%s)
psql "$PSQL_URL" -v ON_ERROR_STOP=1 -q -v n="$EXECUTIONS" -f deploy/bench/telemetry-dashboard-data.sql
echo "generated in $(( $(date +%s) - GEN_START )) s"

TOKEN=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$GATEWAY/api/v1/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["token"])')
SINCE=$(date -u -d '-366 days' +%F)
REBUILD_START=$(date +%s%N)
# directly on the service: a year of a million executions takes longer than the gateway's 30 s route timeout
REBUILT=$(curl -sf -m 1200 -X POST -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$SERVICE_PORT/api/v1/telemetry/admin/rollups/rebuild?since=$SINCE")
REBUILD_MS=$(( ($(date +%s%N) - REBUILD_START) / 1000000 ))
echo "rebuild: $REBUILT in $REBUILD_MS ms"
STORED=$(psql "$PSQL_URL" -tAc "SELECT count(*) FROM telemetry.executions")
[ "$STORED" -ge "$EXECUTIONS" ] || { echo "only $STORED executions stored"; exit 1; }
ROLLUP_TABLES=$(psql "$PSQL_URL" -tAc "SELECT tablename FROM pg_tables WHERE schemaname = 'telemetry'
  AND tablename LIKE 'rollup%' ORDER BY tablename")
ROLLUP_ROWS=""
for table in $ROLLUP_TABLES; do
  psql "$PSQL_URL" -q -c "VACUUM ANALYZE telemetry.$table"
  ROLLUP_ROWS+="${ROLLUP_ROWS:+, }\`$table\` $(psql "$PSQL_URL" -tAc "SELECT count(*) FROM telemetry.$table")"
done

# the figures must be the stored rows' (a wrong rebuild would make fast answers worthless)
TOTAL_API=$(curl -sf "$GATEWAY/api/v1/telemetry/dashboard?days=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$TOTAL_API" = "$STORED" ] || { echo "dashboard total $TOTAL_API != $STORED stored executions"; exit 1; }
TOP_APP=$(psql "$PSQL_URL" -tAc "SELECT nsapp FROM telemetry.executions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")

QUERIES=("days=1" "days=7" "days=30" "days=90" "days=365" "days=0" "days=30&app=$TOP_APP" "days=365&app=$TOP_APP"
         "page:days=30")
path_of() { if [[ $1 == page:* ]]; then echo "/dashboard?${1#page:}"; else echo "/api/v1/telemetry/dashboard?$1"; fi; }
measure() { # measure <connections> <seconds> <url> [lua script]: p50 p95 p99 req/s
  wrk -t1 -c"$1" -d"$2s" --timeout 10s -s "${4:-deploy/bench/percentiles.lua}" "$3" > "$WORK/wrk.txt"
  if grep -q 'Non-2xx' "$WORK/wrk.txt"; then echo "$3: non-2xx answers" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  echo "$(sed -n 's/^PERCENTILES p50=\([0-9.]*\) p95=\([0-9.]*\) p99=\([0-9.]*\)/\1 \2 \3/p' "$WORK/wrk.txt") $(awk '/^Requests\/sec/ { print $2 }' "$WORK/wrk.txt")"
}

# --- phase 1: computed, one client at a time (cache off)
ROWS=""
for query in "${QUERIES[@]}"; do
  path=$(path_of "$query")
  curl -sf -o /dev/null "$GATEWAY$path" || { echo "GET $path fails"; exit 1; }
  measure 1 3 "$GATEWAY$path" > /dev/null # warm-up (JIT, plan cache)
  read -r P50 P95 P99 RPS < <(measure "$CONNECTIONS" "$SECONDS_PER_QUERY" "$GATEWAY$path")
  echo "computed $path: p50 $P50 ms, p95 $P95 ms, p99 $P99 ms, $RPS req/s"
  ROWS+="| \`GET ${path}\` | $P50 | **$P95** | $P99 | $RPS |"$'\n'
done

# --- phase 2: as served (the service's default cache lifetimes), all queries mixed, 4 clients
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
start_service 10s 5m
MIX_PATHS=""
for query in "${QUERIES[@]}"; do MIX_PATHS+="$(path_of "$query") "; done
MIX_PATHS=$MIX_PATHS measure 4 "$SECONDS_PER_QUERY" "$GATEWAY" deploy/bench/dashboard-mix.lua > /dev/null # JIT, cache filled
read -r M50 M95 M99 MRPS < <(MIX_PATHS=$MIX_PATHS measure 4 $((SECONDS_PER_QUERY * 3)) "$GATEWAY" deploy/bench/dashboard-mix.lua)
echo "served mix: p50 $M50 ms, p95 $M95 ms, p99 $M99 ms, $MRPS req/s"

SECTION=$(cat <<MD
## telemetry-dashboard

Command: \`deploy/bench/telemetry-dashboard.sh $EXECUTIONS $SECONDS_PER_QUERY $CONNECTIONS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1). **$STORED executions** generated over the last 365 days
(\`deploy/bench/telemetry-dashboard-data.sql\`: 400 apps with skewed popularity, status/OS/PVE/GPU/CPU/error mixes),
rollups rebuilt from them by \`POST /api/v1/telemetry/admin/rollups/rebuild\` in $REBUILD_MS ms (rows: $ROLLUP_ROWS).
The API's \`total\` for all time was checked to equal the stored executions first. All requests through the gateway.
Target: p95 ≤ 100 ms.

**Computed** (answer cache off: every request reads the rollups), wrk -t1 -c$CONNECTIONS for ${SECONDS_PER_QUERY} s per request after a 3 s warm-up:

| request | p50 ms | p95 ms | p99 ms | req/s |
|---|---:|---:|---:|---:|
${ROWS}
**As served** (the service restarted with its default cache: 10 s for today, 5 min for longer ranges; an expired
answer is served once more while one background computation replaces it): the nine requests above mixed at random,
wrk -t1 -c4 for $((SECONDS_PER_QUERY * 3)) s after ${SECONDS_PER_QUERY} s of the same mix (JIT warm, cache filled; today's answers expire and are
refreshed during the run): p50 **$M50** ms, p95 **$M95** ms, p99 **$M99** ms, $MRPS req/s.
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
