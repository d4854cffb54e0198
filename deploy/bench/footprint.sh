#!/usr/bin/env bash
# Start time and idle memory of each packaged service, alone and all five together as `make run` starts
# them (the devstack launcher, here with `run --ephemeral`: free ports, throwaway data). Writes
# deploy/bench/RESULTS.md (section "footprint").
#
#   deploy/bench/footprint.sh [idle seconds=30] [rounds=1] [label='JVM options']...
#
# Each label='options' pair is one JVM configuration (given to the launcher as OPSUITE_SERVICE_JAVA_OPTS);
# without any, the launcher's default options before the footprint work and its current ones. The
# configurations are measured alternately, round after round, so a busy neighbour weighs on all alike.
#   alone     devstack PostgreSQL + Kafka, then each service by itself: spawn to the first 200 of
#             /q/health/ready, then RSS (VmRSS) after `idle seconds` without requests
#   together  `java -jar devstack-launcher.jar run --ephemeral`: the launcher's ready time of each
#             service, then each one's RSS after `idle seconds`
# Listens on 127.0.0.1 only; everything it starts stops at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
IDLE=${1:-30}
ROUNDS=${2:-1}
shift $(( $# >= 2 ? 2 : $# ))
WORK=$(mktemp -d /tmp/opsuite-footprint.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
need_packages curl:curl
use_jdk
SERVICES=(pve-gateway telemetry-service deployment-service l10n-sync-service automation-service)
ensure_packaged deploy/devstack "${SERVICES[@]}"

LABELS=() OPTIONS=()
if [ $# -eq 0 ]; then
  # keep in step with LaunchConfig.serviceJvmOptions()
  LABELS=("before" "after")
  OPTIONS=("-Xmx512m -XX:+ExitOnOutOfMemoryError"
           "-Xms16m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError")
else
  for config in "$@"; do LABELS+=("${config%%=*}"); OPTIONS+=("${config#*=}"); done
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A SCHEMA=([pve-gateway]=gateway [telemetry-service]=telemetry [deployment-service]=deployment
  [l10n-sync-service]=l10n [automation-service]=automation)
declare -A PORT=([pve-gateway]=18380 [telemetry-service]=18381 [deployment-service]=18382
  [l10n-sync-service]=18383 [automation-service]=18384)

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

declare -A ALONE_READY ALONE_RSS TOGETHER_READY TOGETHER_RSS

measure_alone() { # measure_alone <config index>
  local i=$1 service opts pid started
  opts=${OPTIONS[$i]}
  for service in "${SERVICES[@]}"; do
    started=$(now_ms)
    # shellcheck disable=SC2086 # the options are words
    env HOME="$WORK" QUARKUS_HTTP_PORT="${PORT[$service]}" \
      QUARKUS_DATASOURCE_USERNAME="${SCHEMA[$service]}" QUARKUS_DATASOURCE_PASSWORD="${SCHEMA[$service]}" \
      QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_REACTIVE_URL="${JDBC_URL#jdbc:}" \
      KAFKA_BOOTSTRAP_SERVERS="$KAFKA" OPSUITE_JWKS_URL="http://127.0.0.1:${PORT[pve-gateway]}/.well-known/jwks.json" \
      OPSUITE_DEPLOYMENT_STATE_DIR="$WORK/deployment-state" OPSUITE_ADMIN_PASSWORD=bench-admin-password \
      OPSUITE_PVE_HTTPS_PORT=0 OPSUITE_PVE_HTTPS_SELF_SIGNED_DIR="$WORK/pve-tls" \
      java $opts -jar "$service/target/quarkus-app/quarkus-run.jar" > "$WORK/$service-alone.log" 2>&1 &
    pid=$!
    PIDS+=($pid)
    wait_ready "${PORT[$service]}"
    ALONE_READY[$i,$service]+="$(secs $(( $(now_ms) - started ))) "
    sleep "$IDLE"
    ALONE_RSS[$i,$service]+="$(rss_mb $pid) "
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
}

measure_together() { # measure_together <config index>
  local i=$1 log=$WORK/launcher-$1.log pid port service
  OPSUITE_SERVICE_JAVA_OPTS=${OPTIONS[$i]} OPSUITE_ADMIN_PASSWORD=bench-admin-password \
    java -jar deploy/devstack/target/devstack-launcher.jar run --ephemeral > "$log" 2>&1 &
  local launcher=$!
  PIDS+=($launcher)
  for _ in $(seq 600); do grep -q 'devstack: READY' "$log" && break; sleep 1; done
  grep -q 'devstack: READY' "$log" || { echo "the launcher did not get the stack ready; see $log"; exit 1; }
  sleep "$IDLE"
  for service in "${SERVICES[@]}"; do
    pid=$(sed -n "s/.*starting $service on port [0-9]* (pid \([0-9]*\).*/\1/p" "$log" | tail -n1)
    port=$(sed -n "s/.*starting $service on port \([0-9]*\).*/\1/p" "$log" | tail -n1)
    TOGETHER_RSS[$i,$service]+="$(rss_mb "$pid") "
    TOGETHER_READY[$i,$service]+="$(sed -n "s|.*ready on http://localhost:$port (\([0-9.]*\)s).*|\1|p" "$log" | tail -n1) "
  done
  kill "$launcher"; wait "$launcher" 2>/dev/null || true
}

start_infra
for round in $(seq "$ROUNDS"); do
  for i in "${!LABELS[@]}"; do
    echo "round $round, ${LABELS[$i]}: alone…"
    measure_alone "$i"
  done
done
# the infrastructure of the alone runs stops before the launcher starts its own
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
for round in $(seq "$ROUNDS"); do
  for i in "${!LABELS[@]}"; do
    echo "round $round, ${LABELS[$i]}: together…"
    measure_together "$i"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
TABLE=""
for i in "${!LABELS[@]}"; do
  for service in "${SERVICES[@]}"; do
    TABLE+="| ${LABELS[$i]} | $service | ${ALONE_READY[$i,$service]}| **$(echo "${ALONE_RSS[$i,$service]}" | median)** (${ALONE_RSS[$i,$service]% }) | ${TOGETHER_READY[$i,$service]}| **$(echo "${TOGETHER_RSS[$i,$service]}" | median)** (${TOGETHER_RSS[$i,$service]% }) |"$'\n'
  done
done
CONFIGS=""
for i in "${!LABELS[@]}"; do CONFIGS+="- ${LABELS[$i]}: \`${OPTIONS[$i]}\`"$'\n'; done

SECTION=$(cat <<MD
## footprint

Command: \`deploy/bench/footprint.sh $IDLE $ROUNDS$(for i in "${!LABELS[@]}"; do printf " '%s=%s'" "${LABELS[$i]}" "${OPTIONS[$i]}"; done)\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(free -g | awk '/^Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -n1). Load before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg).
JVM options per configuration:
${CONFIGS}
**alone**: one service at a time against devstack's PostgreSQL and Kafka, spawn to the first 200 of \`/q/health/ready\`;
**together**: all five started by \`devstack-launcher.jar run --ephemeral\` (what \`make run\` runs, on free ports), the
launcher's ready time of each. RSS (\`VmRSS\`) after $IDLE s idle, MB; the median in bold, each round in brackets.
Goal: ≤ 200 MB idle RSS per service.

| configuration | service | alone: ready s | alone: idle RSS MB | together: ready s | together: idle RSS MB |
|---|---|---|---:|---|---:|
${TABLE}
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
