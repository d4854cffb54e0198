#!/usr/bin/env bash
# l10n-sync-service benchmarks, one run: a 1M-entry commit through the sync protocol (handshake,
# zstd chunks, commit queued as import_delta_block tasks), export rows/s against PostgreSQL's own
# COPY of the same rows, the service's RSS while exporting 100k and 1M rows, a handshake with
# 500k CIDs in scope, the bytes a sync moves after 1 % of the entries changed, and the zstd
# dictionary against plain zstd on 1 KiB chunks. Writes deploy/bench/RESULTS.md, section "l10n-sync".
#
#   deploy/bench/l10n-sync.sh [entries=1000000]
#
# Environment:
#   L10N_BENCH_BASELINE=<git revision>  also measures that revision's service (commit and handshakes),
#                                       first, in the same run, on its own fresh PostgreSQL and Kafka
#   L10N_BENCH_JFR=1                    records a JFR profile of the (new) service into the work directory
#   MAVEN_ARGS                          passed to the builds (e.g. -Dmaven.repo.local=…)
#
# Needs the packaged l10n-sync-service and devstack launcher (built here) and the minecraft-data
# language file the module's tests fetch (target/minecraft-data; fetched here when missing).
# Listens on 127.0.0.1 only; everything it starts stops at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENTRIES=${1:-1000000}
BASELINE=${L10N_BENCH_BASELINE:-}
SERVICE_PORT=18383
WORK=$(mktemp -d /tmp/opsuite-bench-l10n.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
use_jdk
./mvnw -B -q --no-transfer-progress -DskipTests -pl deploy/devstack,common-lib,l10n-sync-service -am package
bash l10n-sync-service/src/test/fetch-minecraft-data.sh l10n-sync-service/target/minecraft-data
VANILLA=l10n-sync-service/target/minecraft-data/data/pc/1.21.8/language.json
LIB="l10n-sync-service/target/quarkus-app/lib/main/*"
java -cp "$LIB" deploy/bench/l10n/L10nBench.java keys "$WORK/keys"

if [ -n "$BASELINE" ]; then
  BASELINE_SHA=$(git rev-parse --short "$BASELINE")
  echo "l10n-bench: building the baseline $BASELINE_SHA in $WORK/baseline"
  mkdir -p "$WORK/baseline"
  git archive "$BASELINE" | tar -x -C "$WORK/baseline"
  (cd "$WORK/baseline" && ./mvnw -B -q --no-transfer-progress -DskipTests \
      -pl deploy/devstack,common-lib,l10n-sync-service -am package)
fi

# measure <label> <quarkus-app dir> <phases> <jfr 0|1>: fresh PostgreSQL + Kafka, the service, the driver
# (result in $WORK/<label>.json, load averages in $WORK/<label>.load); everything stopped afterwards
measure() {
  local label=$1 app=$2 phases=$3 jfr=$4 before=${#PIDS[@]}
  mkdir -p "$WORK/$label"
  WORK="$WORK/$label" start_infra
  local flags=()
  [ "$jfr" = 1 ] && flags+=("-XX:StartFlightRecording=filename=$WORK/$label/service.jfr,settings=profile,dumponexit=true" \
    "-XX:FlightRecorderOptions:stackdepth=256")
  QUARKUS_HTTP_PORT=$SERVICE_PORT \
  QUARKUS_DATASOURCE_USERNAME=l10n QUARKUS_DATASOURCE_PASSWORD=l10n \
  QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/keys/public.pem" \
  OPSUITE_SECRETS_KEYS_V1=$(openssl rand -base64 32) \
  java -Xmx512m "${flags[@]}" --add-opens java.base/java.lang=ALL-UNNAMED \
    -jar "$app/quarkus-run.jar" > "$WORK/$label/service.log" 2>&1 &
  local service=$!
  PIDS+=($service)
  wait_ready $SERVICE_PORT
  uptime | sed 's/.*load average: //' > "$WORK/$label.load"
  L10N_BENCH_PHASES=$phases java -Xmx2g -cp "$LIB" deploy/bench/l10n/L10nBench.java "http://127.0.0.1:$SERVICE_PORT" \
    "$WORK/keys" "$ENTRIES" "$JDBC_URL" "$service" "$VANILLA" | tee "$WORK/$label.json"
  uptime | sed 's/.*load average: //' >> "$WORK/$label.load"
  # stop this service and its infrastructure before the next one starts
  for pid in "${PIDS[@]:$before}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:$before}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=("${PIDS[@]:0:$before}")
}

STARTED=$(date -u +%FT%H:%MZ)
if [ -n "$BASELINE" ]; then
  measure baseline "$WORK/baseline/l10n-sync-service/target/quarkus-app" handshake 0
fi
measure current l10n-sync-service/target/quarkus-app export,rss,handshake,delta,dictionary "${L10N_BENCH_JFR:-0}"
[ "${L10N_BENCH_JFR:-0}" = 1 ] && echo "l10n-bench: profile in $WORK/current/service.jfr"

SECTION=$(/usr/bin/python3 deploy/bench/l10n/section.py "$WORK" "$ENTRIES" "$STARTED" "$(java -version 2>&1 | head -1)" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- l10n-sync-service || echo '+changes')" "${BASELINE_SHA:-}")
/usr/bin/python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo "$SECTION"
