#!/usr/bin/env bash
# Start times of the packaged services, the figures the Helm chart's startupProbe budgets come from.
# Writes deploy/bench/RESULTS.md (section "start-times").
#
#   deploy/bench/start-times.sh [runs=3]
#
# Per service, against a throwaway devstack PostgreSQL + Kafka:
#   migrate  the chart's pre-install job step: the service started with QUARKUS_INIT_AND_EXIT=true on an
#            empty schema (Flyway migrates, the process exits 0): seconds from spawn to exit
#   ready    a pod's start: spawn to the first 200 of GET /q/health/ready, Flyway only validating (as the
#            chart configures the Deployments), `runs` times, one service at a time
# Services run with the chart's JVM options. The gateway stays up while the others are measured (they
# read its JWKS). Everything listens on 127.0.0.1 and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
WORK=$(mktemp -d /tmp/opsuite-start-times.XXXXXX)
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
start_infra
REACTIVE_URL=${JDBC_URL#jdbc:}
JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=$WORK/tmp -Xmx512m"
mkdir -p "$WORK/tmp"

declare -A SCHEMA=([pve-gateway]=gateway [telemetry-service]=telemetry [deployment-service]=deployment
  [l10n-sync-service]=l10n [automation-service]=automation)
declare -A PORT=([pve-gateway]=18180 [telemetry-service]=18181 [deployment-service]=18182
  [l10n-sync-service]=18183 [automation-service]=18184)

# run_service <service> <log> [extra env...]: the packaged service with the chart's environment, in the background
run_service() {
  local service=$1 log=$2
  shift 2
  env JAVA_TOOL_OPTIONS="$JAVA_OPTS" HOME="$WORK" \
    QUARKUS_DATASOURCE_USERNAME="${SCHEMA[$service]}" QUARKUS_DATASOURCE_PASSWORD="${SCHEMA[$service]}" \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_REACTIVE_URL="$REACTIVE_URL" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA" QUARKUS_HTTP_PORT="${PORT[$service]}" \
    OPSUITE_JWKS_URL="http://127.0.0.1:${PORT[pve-gateway]}/.well-known/jwks.json" \
    OPSUITE_DEPLOYMENT_STATE_DIR="$WORK/deployment-state" OPSUITE_ADMIN_PASSWORD=bench-admin-password \
    "$@" java -jar "$service/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
}

now_ms() { date +%s%3N; }

# seconds with one decimal from a millisecond count
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

declare -A MIGRATE READY_MIN READY_MAX READY_ALL
for service in "${SERVICES[@]}"; do
  echo "== $service: migrate (init and exit)"
  start=$(now_ms)
  run_service "$service" "$WORK/$service.migrate.log" QUARKUS_INIT_AND_EXIT=true
  pid=$!
  if ! wait "$pid"; then echo "$service: init-and-exit failed; see $WORK/$service.migrate.log"; exit 1; fi
  MIGRATE[$service]=$(secs $(($(now_ms) - start)))

  min=999999 max=0 all=""
  for run in $(seq "$RUNS"); do
    echo "== $service: start $run/$RUNS"
    start=$(now_ms)
    run_service "$service" "$WORK/$service.$run.log" QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_FLYWAY_VALIDATE_AT_START=true
    pid=$!
    until curl -sf "http://127.0.0.1:${PORT[$service]}/q/health/ready" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "$service exited; see $WORK/$service.$run.log"; exit 1; }
      [ $(($(now_ms) - start)) -lt 180000 ] || { echo "$service not ready in 180 s"; exit 1; }
      sleep 0.1
    done
    took=$(($(now_ms) - start))
    ((took < min)) && min=$took
    ((took > max)) && max=$took
    all="$all $(secs $took)"
    if [ "$service" = pve-gateway ] && [ "$run" = "$RUNS" ]; then
      PIDS+=("$pid") # stays up: the others fetch its JWKS
    else
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  READY_MIN[$service]=$(secs $min) READY_MAX[$service]=$(secs $max) READY_ALL[$service]=${all# }
done

TABLE="| service | migrate (init-and-exit, empty schema) s | ready s (runs) | slowest s |
|---|---:|---|---:|"
for service in "${SERVICES[@]}"; do
  TABLE="$TABLE
| $service | ${MIGRATE[$service]} | ${READY_ALL[$service]} | ${READY_MAX[$service]} |"
done

SECTION="## start-times

Command: \`deploy/bench/start-times.sh $RUNS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -1), JVM options \`${JAVA_OPTS//$WORK/<scratch>}\`.
Machine load before the run (uptime): $(uptime | sed 's/.*average: //').
Spawn of \`java -jar quarkus-run.jar\` to the first 200 of \`/q/health/ready\`, one service at a time, against
devstack's PostgreSQL and Kafka on the same machine; \"migrate\" is the chart's migration-job step for that service.

$TABLE

The chart's \`startupProbe\` budgets (period 2 s × failureThreshold: 45 = 90 s, automation-service 60 = 120 s)
are several times the slowest start measured here: a pod often gets less CPU than this machine's two cores while it
starts (requests of 250m, neighbours starting at the same time during a rollout or a node drain), and the JIT-less
first seconds of a JVM scale with the CPU it gets. Liveness and readiness probes only begin once the startup probe
passed."
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo "$SECTION"
