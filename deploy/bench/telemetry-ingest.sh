#!/usr/bin/env bash
# Telemetry ingest: POST /telemetry (bash-client-shaped JSON, every request a new execution) against
# the packaged telemetry-service on devstack's real PostgreSQL + Kafka. Measures the accepted rate and
# latency (each 202 waited for Kafka's acks=all), then how long the consumer needs to drain the
# buffer into PostgreSQL, and checks that every execution answered 202 is stored (none lost).
# Writes the figures to deploy/bench/RESULTS.md (section "telemetry-ingest").
#
#   deploy/bench/telemetry-ingest.sh [duration=30s] [connections=32] [threads=2]
#
# Needs: wrk and psql (Debian packages wrk, postgresql-client; installed when missing), the packaged
# telemetry-service and devstack launcher (built when missing). Listens on 127.0.0.1 only; everything
# it starts stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
PORT=18181
WORK=$(mktemp -d /tmp/opsuite-bench-telemetry.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for pkg in wrk:wrk psql:postgresql-client; do
  if ! command -v "${pkg%%:*}" >/dev/null; then
    echo "installing ${pkg#*:} (Debian package)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg#*:}" >/dev/null
  fi
done
export JAVA_HOME=$(deploy/devstack/find-jdk.sh)
export PATH="$JAVA_HOME/bin:$PATH"
if [ ! -f telemetry-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f deploy/devstack/target/devstack-launcher.jar ]; then
  ./mvnw -B -q --no-transfer-progress -DskipTests -pl deploy/devstack,telemetry-service -am package
fi

# --- PostgreSQL + Kafka (throwaway, free ports) and the service
java -jar deploy/devstack/target/devstack-launcher.jar infra --ephemeral > "$WORK/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do grep -q 'devstack: READY' "$WORK/infra.log" 2>/dev/null && break; sleep 1; done
JDBC_URL=$(sed -n 's/.*devstack: READY.* postgres=\(jdbc:[^ ]*\).*/\1/p' "$WORK/infra.log")
KAFKA=$(sed -n 's/.*devstack: READY.* kafka=\([^ ]*\).*/\1/p' "$WORK/infra.log")
[ -n "$JDBC_URL" ] && [ -n "$KAFKA" ] || { echo "devstack infra did not start; see $WORK/infra.log"; exit 1; }

# The bench is one client address: the per-IP rate limit would measure itself, so it is off here.
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_USERNAME=telemetry QUARKUS_DATASOURCE_PASSWORD=telemetry \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA OPSUITE_TELEMETRY_RATE_LIMIT_ENABLED=false \
java -Xmx512m --add-opens java.base/java.lang=ALL-UNNAMED \
  -jar telemetry-service/target/quarkus-app/quarkus-run.jar > "$WORK/telemetry.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "telemetry-service not ready; see $WORK/telemetry.log"; exit 1; }

PSQL_URL="postgresql://telemetry:telemetry@${JDBC_URL#jdbc:postgresql://}"
stored() { psql "$PSQL_URL" -tAc "SELECT count(*) FROM telemetry.executions WHERE execution_id LIKE '$1-%'"; }
to_ms() { # wrk latency like 812.00us / 1.20ms / 2.01s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# --- warm-up (JIT, connections, topic metadata), then the measured run
BENCH_RUN="warm$$" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s deploy/bench/telemetry-ingest.lua "http://127.0.0.1:$PORT" > /dev/null
RUN="bench$$"
BENCH_RUN=$RUN wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s deploy/bench/telemetry-ingest.lua \
  "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
END_NS=$(date +%s%N)
RPS=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")")
P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")")
read -r ACCEPTED BUSY OTHER < <(sed -n 's/^ANSWERS accepted=\([0-9]*\) busy=\([0-9]*\) limited=[0-9]* other=\([0-9]*\)/\1 \2 \3/p' "$WORK/wrk.txt")

# --- drain: every execution answered 202 must reach PostgreSQL
COUNT=0
for _ in $(seq 600); do
  COUNT=$(stored "$RUN")
  [ "$COUNT" -ge "$ACCEPTED" ] && break
  sleep 0.2
done
DRAIN_MS=$(( ($(date +%s%N) - END_NS) / 1000000 ))
LOST=$(( ACCEPTED - COUNT ))
[ "$LOST" -le 0 ] && LOST=0

SECTION=$(cat <<MD
## telemetry-ingest

Command: \`deploy/bench/telemetry-ingest.sh $DURATION $CONNECTIONS $THREADS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a 5 s warm-up.
\`POST /telemetry\` directly on the packaged telemetry-service (rate limit off: one client address); every request a new
execution in bash-client JSON (\`8G\`, numbers as strings; every 4th a failure whose error needs the lenient repair).
A 202 is answered only after Kafka acknowledged the event (acks=all, idempotent producer). PostgreSQL, Kafka, the service
and wrk share the same cores. "stored" may exceed the 202s wrk counted: requests still in flight when wrk stops are
answered and stored too; "lost" = 202s counted by wrk whose execution is not in PostgreSQL.

| accepted req/s | p50 ms | p99 ms | 202 | 503 | other | stored in PostgreSQL | lost | drain after the run |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $RPS | $P50 | $P99 | $ACCEPTED | $BUSY | $OTHER | $COUNT | $LOST | ${DRAIN_MS} ms |
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
if [ "$LOST" -gt 0 ]; then echo "LOST $LOST accepted executions"; exit 1; fi
