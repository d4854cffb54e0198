#!/usr/bin/env bash
# Progress WebSocket fan-out: N sockets subscribed to one deployment on one gateway, deployment
# events produced onto Kafka as deployment-service produces them; time from the producer's send to
# each socket's receipt (deploy/bench/PveWsFanout.java, Vert.x's WebSocket client).
# Writes deploy/bench/RESULTS.md (section "pve-ws-fanout").
#
#   deploy/bench/pve-ws-fanout.sh [sockets=1000] [rounds=20]
#
# Target: 1,000 subscribed sockets, one progress event -> p99 delivery ≤ 100 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
SOCKETS=${1:-1000}
ROUNDS=${2:-20}
GATEWAY_PORT=18190
WORK=$(mktemp -d /tmp/opsuite-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
use_jdk
ensure_packaged deploy/devstack pve-gateway
ulimit -n 65536 2>/dev/null || true
start_infra
ADMIN_PASSWORD=bench-admin-$(cat /proc/sys/kernel/random/uuid | cut -c1-8)
QUARKUS_HTTP_PORT=$GATEWAY_PORT \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL \
QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
OPSUITE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
java -Xmx512m --enable-native-access=ALL-UNNAMED -Dopsuite.pve.https.enabled=false -Dopsuite.pve.poller.enabled=false \
  -jar pve-gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_ready $GATEWAY_PORT
JWT=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["token"])')

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
java -Xmx512m -cp "pve-gateway/target/quarkus-app/lib/main/*:pve-gateway/target/quarkus-app/lib/boot/*" \
  deploy/bench/PveWsFanout.java "ws://127.0.0.1:$GATEWAY_PORT/api/v1/progress/ws" "$JWT" "$KAFKA" "$SOCKETS" "$ROUNDS" \
  2> "$WORK/client.err" | tee "$WORK/client.out"
RESULT=$(grep '^fanout:' "$WORK/client.out") || { echo "client failed:"; cat "$WORK/client.err"; exit 1; }
P50=$(sed 's/.* p50=\([0-9.]*\)ms.*/\1/' <<< "$RESULT")
P99=$(sed 's/.* p99=\([0-9.]*\)ms.*/\1/' <<< "$RESULT")
MAX=$(sed 's/.* max=\([0-9.]*\)ms.*/\1/' <<< "$RESULT")
DELIVERED=$(sed 's/.* delivered=\([0-9]*\).*/\1/' <<< "$RESULT")
MISSING=$(sed 's/.* missing=\([0-9]*\).*/\1/' <<< "$RESULT")
PER_EVENT=$(grep '^per-event:' "$WORK/client.out" | sed 's/^per-event: //')

SECTION=$(cat <<MD
## pve-ws-fanout

Command: \`deploy/bench/pve-ws-fanout.sh $SOCKETS $ROUNDS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -n1).
Machine load before/after the run (uptime): $LOAD_BEFORE / $(uptime | sed 's/.*load average: //').
$SOCKETS WebSocket connections (Vert.x client on 2 event loops, \`?token=\` auth) to one gateway, all subscribed to one deployment; $ROUNDS progress
events (protobuf + CloudEvents headers, acks=all) produced onto \`deployment.events.v1\` one at a time, after one unmeasured
warm-up event that every socket received. Latency = producer send → message on the socket, so it includes the Kafka
round trip (produce, fetch by the gateway's consumer). Client, gateway, Kafka and PostgreSQL share the same cores.

| sockets × events | delivered | missing | p50 ms | p99 ms | max ms |
|---:|---:|---:|---:|---:|---:|
| $SOCKETS × $ROUNDS | $DELIVERED | $MISSING | $P50 | $P99 | $MAX |

Per event ($ROUNDS events): $PER_EVENT — "first socket" is producer → Kafka → the gateway's consumer → the first socket,
"first-to-last" is the gateway's fan-out to all $SOCKETS sockets (plus the client reading them).

Target: p99 ≤ 100 ms.
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
