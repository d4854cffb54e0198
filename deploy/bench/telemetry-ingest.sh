#!/usr/bin/env bash
# Telemetry ingest through the gateway: POST /telemetry (bash-client-shaped JSON, every request a new
# execution) via pve-gateway to the packaged telemetry-service on devstack's real PostgreSQL + Kafka.
# Measures, in the same run and with the same bodies:
#   ceiling  - POST to a no-op endpoint through the gateway (nginx answering 202 itself), i.e. what
#              the gateway and this machine can carry when the service costs nothing;
#   ingest   - the real endpoint: each 202 waited for Kafka's acks=all.
# Then waits for the consumer to drain the buffer into PostgreSQL and checks that every execution
# answered 202 is stored (none lost), and reports where the CPU went during the ingest run.
# Writes the figures to deploy/bench/RESULTS.md (section "telemetry-ingest").
#
#   deploy/bench/telemetry-ingest.sh [duration=30s] [connections=64] [threads=2] [warmup=60s]
#
# Needs: wrk, nginx and psql (Debian packages wrk, nginx, postgresql-client; installed when missing),
# the packaged telemetry-service, gateway and devstack launcher (built when missing). Listens on
# 127.0.0.1 only; everything it starts stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
WARMUP=${4:-60s}
SERVICE_PORT=18181 GATEWAY_PORT=18180 NOOP_PORT=18182
WORK=$(mktemp -d /tmp/opsuite-bench-telemetry.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
need_packages wrk:wrk nginx:nginx psql:postgresql-client
use_jdk
ensure_packaged deploy/devstack telemetry-service pve-gateway

# --- the no-op endpoint: nginx answering 202 without doing anything
mkdir -p "$WORK/tmp"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NOOP_PORT; location / { default_type text/plain; return 202 "accepted"; } }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"

# --- PostgreSQL + Kafka (throwaway, free ports), the service and the gateway in front of it
start_infra

# The bench is one client address: the per-IP rate limits (service and gateway) would measure
# themselves, so they are off here.
QUARKUS_HTTP_PORT=$SERVICE_PORT \
QUARKUS_DATASOURCE_USERNAME=telemetry QUARKUS_DATASOURCE_PASSWORD=telemetry \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA OPSUITE_TELEMETRY_RATE_LIMIT_ENABLED=false \
OPSUITE_JWKS_URL=http://127.0.0.1:$GATEWAY_PORT/.well-known/jwks.json \
java -Xmx512m --add-opens java.base/java.lang=ALL-UNNAMED \
  -jar telemetry-service/target/quarkus-app/quarkus-run.jar > "$WORK/telemetry.log" 2>&1 &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
# the gateway consumes Kafka too (progress, revocations): it is not ready without it
QUARKUS_HTTP_PORT=$GATEWAY_PORT KAFKA_BOOTSTRAP_SERVERS=$KAFKA OPSUITE_PVE_HTTPS_PORT=0 \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
java -Xmx512m --enable-native-access=ALL-UNNAMED \
  -Dopsuite.gateway.upstream.telemetry=http://127.0.0.1:$SERVICE_PORT \
  -Dopsuite.gateway.routes.telemetry-ingest.rate-limit.per-second=0 \
  -Dopsuite.gateway.routes.bench-noop.url=http://127.0.0.1:$NOOP_PORT \
  -Dopsuite.gateway.routes.bench-noop.prefixes=/noop \
  -Dopsuite.gateway.routes.bench-noop.rate-limit.per-second=0 \
  -jar pve-gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=($GATEWAY_PID)
wait_ready $SERVICE_PORT $GATEWAY_PORT
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
for path in /telemetry /noop/telemetry; do
  answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data '{"random_id":"probe","type":"lxc","nsapp":"debian","status":"installing"}' "$GATEWAY$path")
  [ "$answer" = 202 ] || { echo "POST $GATEWAY$path answers $answer, not 202"; exit 1; }
done

PSQL_URL="postgresql://telemetry:telemetry@${JDBC_URL#jdbc:postgresql://}"
stored() { psql "$PSQL_URL" -tAc "SELECT count(*) FROM telemetry.executions WHERE execution_id LIKE '$1-%'"; }
# CPU time (clock ticks) of processes, and of the whole machine, to see where a run's CPU went
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat") )); done; echo $t; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
broker_pids() { pgrep -f 'BrokerMain|kafka\.Kafka' || true; }
cpu_snapshot() {
  echo "$(ticks $GATEWAY_PID) $(ticks $SERVICE_PID) $(ticks $(broker_pids)) $(ticks $(pgrep -x postgres)) $(machine_ticks)"
}

declare -A RPS P50 P99 ANSWERS
measure() { # measure <name> <path> <run id>: wrk with the bash-client bodies, figures into the arrays
  BENCH_PATH=$2 BENCH_RUN=$3 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s deploy/bench/telemetry-ingest.lua \
    "$GATEWAY" | tee "$WORK/wrk-$1.txt"
  RPS[$1]=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/wrk-$1.txt")
  P50[$1]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$1.txt")")
  P99[$1]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$1.txt")")
  ANSWERS[$1]=$(sed -n 's/^ANSWERS //p' "$WORK/wrk-$1.txt")
}

# --- warm-up of both paths (JIT, connections, topic metadata), then the measured runs
for path in /noop/telemetry /telemetry; do
  BENCH_PATH=$path BENCH_RUN="warm$$" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s deploy/bench/telemetry-ingest.lua "$GATEWAY" > /dev/null
done
# let the consumer catch up with the warm-up so it does not eat into the measured runs
events() { psql "$PSQL_URL" -tAc "SELECT count(*) FROM telemetry.execution_events"; }
SEEN=$(events)
for _ in $(seq 300); do sleep 2; NOW=$(events); [ "$NOW" = "$SEEN" ] && break; SEEN=$NOW; done
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
echo "== ceiling: no-op endpoint through the gateway"
measure ceiling /noop/telemetry "noop$$"
echo "== ingest: POST /telemetry through the gateway"
RUN="bench$$"
read -r G0 S0 K0 P0 M0 < <(cpu_snapshot)
measure ingest /telemetry "$RUN"
read -r G1 S1 K1 P1 M1 < <(cpu_snapshot)
END_NS=$(date +%s%N)
read -r ACCEPTED BUSY LIMITED OTHER < <(echo "${ANSWERS[ingest]}" | sed 's/[a-z]*=//g')

# --- drain: every execution answered 202 must reach PostgreSQL
COUNT=0
for _ in $(seq 900); do
  COUNT=$(stored "$RUN")
  [ "$COUNT" -ge "$ACCEPTED" ] && break
  sleep 0.2
done
DRAIN_MS=$(( ($(date +%s%N) - END_NS) / 1000000 ))
LOST=$(( ACCEPTED - COUNT ))
[ "$LOST" -le 0 ] && LOST=0

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# CPU per accepted request, in microseconds, for each process group during the ingest run
per_req() { awk -v t="$1" -v n="$ACCEPTED" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t / hz * 1e6 / (n > 0 ? n : 1) }'; }
CPU_GW=$(per_req $((G1 - G0))) CPU_SVC=$(per_req $((S1 - S0))) CPU_KAFKA=$(per_req $((K1 - K0)))
CPU_PG=$(per_req $((P1 - P0))) CPU_ALL=$(per_req $((M1 - M0)))
CPU_REST=$(( CPU_ALL - CPU_GW - CPU_SVC - CPU_KAFKA - CPU_PG ))

SECTION=$(cat <<MD
## telemetry-ingest

Command: \`deploy/bench/telemetry-ingest.sh $DURATION $CONNECTIONS $THREADS $WARMUP\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION per run after a $WARMUP warm-up of each path.
Machine load before/after (uptime): $LOAD_BEFORE / $(uptime | sed 's/.*load average: //').
Both runs go through pve-gateway with the same bodies: every request a new execution in bash-client JSON (\`8G\`, numbers
as strings; every 4th a failure whose error needs the lenient repair). **ceiling**: a no-op endpoint behind the gateway
(nginx answering 202 itself). **ingest**: \`POST /telemetry\`, answered 202 only after Kafka acknowledged the event
(acks=all, idempotent producer). Per-IP rate limits are off (one client address). PostgreSQL, Kafka, the service, the
gateway and wrk share the same cores. "stored" counts the run's executions in PostgreSQL after the consumer drained;
it may exceed the 202s wrk counted (requests in flight when wrk stops are answered and stored too); "lost" = 202s
counted by wrk whose execution is not stored.

| run | req/s | p50 ms | p99 ms | answers |
|---|---:|---:|---:|---|
| ceiling (no-op via gateway) | ${RPS[ceiling]} | ${P50[ceiling]} | ${P99[ceiling]} | ${ANSWERS[ceiling]} |
| ingest (\`POST /telemetry\` via gateway) | ${RPS[ingest]} | ${P50[ingest]} | ${P99[ingest]} | ${ANSWERS[ingest]} |

ingest / ceiling = **$(ratio "${RPS[ingest]}" "${RPS[ceiling]}")** (target ≥ 0.5). Stored in PostgreSQL: **$COUNT** of $ACCEPTED answered
202, lost **$LOST**, drained ${DRAIN_MS} ms after the run. CPU per accepted event during the ingest run (µs, from
/proc): gateway $CPU_GW, telemetry-service $CPU_SVC (HTTP, parse, produce, consume, write), Kafka broker $CPU_KAFKA,
PostgreSQL $CPU_PG, wrk and the rest $CPU_REST; whole machine $CPU_ALL of the $(nproc)×10⁶ µs a second has.
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
if [ "$LOST" -gt 0 ]; then echo "LOST $LOST accepted executions"; exit 1; fi
