#!/usr/bin/env bash
# Gateway overhead: one backend endpoint measured with wrk directly, through pve-gateway and through
# nginx (configured here as a reverse proxy to the same backend), in the same run on the same machine.
# Writes the figures and the ratios to deploy/bench/RESULTS.md (section "gateway-overhead").
#
#   deploy/bench/gateway-overhead.sh [duration=20s] [connections=64] [threads=2] [warmup=30s]
#   GATEWAY_BENCH_BASELINE=<git revision>  also measures that revision's gateway, built from a copy of
#                                          it, in the same run (before/after side by side)
#
# Every target gets the same warm-up (same connections) before it is measured. The gateway is a JVM
# started moments before: its first seconds run interpreted code while the JIT compiles the hot
# path, and on a busy machine that takes tens of seconds. The warm-up is there so the figures
# compare the proxies, not the JIT's start; nginx and the backend need none but get the same.
#
# Needs: wrk and nginx (Debian packages; installed when missing), the packaged gateway and devstack
# launcher (built when missing). Everything listens on 127.0.0.1 only and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${1:-20s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
WARMUP=${4:-30s}
BACKEND_PORT=18091 NGINX_PORT=18092 GATEWAY_PORT=18090 BASELINE_PORT=18089
BASELINE=${GATEWAY_BENCH_BASELINE:-}
WORK=$(mktemp -d /tmp/opsuite-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
need_packages wrk:wrk nginx:nginx
use_jdk
ensure_packaged deploy/devstack pve-gateway # only the gateway and the devstack launcher are needed here

# --- backend and nginx proxy: one nginx master each, two workers (the machine has two cores)
mkdir -p "$WORK/www"
chmod 755 "$WORK" "$WORK/www"   # nginx workers run as an unprivileged user
printf '{"status":"ok","service":"bench-backend","items":[1,2,3,4,5,6,7,8]}' > "$WORK/www/ping.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  # the backend every measurement hits
  server { listen 127.0.0.1:$BACKEND_PORT; root $WORK/www; location /bench/ { alias $WORK/www/; } }
  # nginx as a reverse proxy in front of it, with pooled upstream connections (its fast setup)
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    # the gateway writes an access-log line per request too; keep the comparison fair
    access_log $WORK/nginx-access.log;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_buffering off;
    }
  }
}
CONF
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf" -p "$WORK"

if [ -n "$BASELINE" ]; then
  BASELINE_SHA=$(git rev-parse --short "$BASELINE")
  echo "gateway-bench: building the baseline gateway $BASELINE_SHA in $WORK/baseline"
  mkdir -p "$WORK/baseline"
  git archive "$BASELINE" | tar -x -C "$WORK/baseline"
  (cd "$WORK/baseline" && ./mvnw -B -q --no-transfer-progress -DskipTests -Dspotless.check.skip=true \
      -pl pve-gateway -am package)
fi

# --- PostgreSQL for the gateway's own tables (embedded, throwaway), then the gateway(s)
start_infra

# start_gateway <port> <quarkus-app dir> <log>: both gateways share the database, hence one secrets key
SECRETS_KEY=$(head -c 32 /dev/urandom | base64)
start_gateway() {
  QUARKUS_HTTP_PORT=$1 \
  QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL \
  QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
  java -Xmx512m --enable-native-access=ALL-UNNAMED \
    -Dopsuite.secrets.keys.bench="$SECRETS_KEY" \
    -Dopsuite.pve.https.port=0 \
    -Dopsuite.gateway.routes.bench.url=http://127.0.0.1:$BACKEND_PORT \
    -Dopsuite.gateway.routes.bench.prefixes=/bench \
    -Dopsuite.gateway.routes.bench.rate-limit.per-second=0 \
    -jar "$2/quarkus-run.jar" > "$3" 2>&1 &
  PIDS+=($!)
}
declare -A PROC
TARGETS=(direct gateway nginx)
declare -A URL=(
  [direct]="http://127.0.0.1:$BACKEND_PORT/bench/ping.json"
  [nginx]="http://127.0.0.1:$NGINX_PORT/bench/ping.json"
  [gateway]="http://127.0.0.1:$GATEWAY_PORT/bench/ping.json"
)
# the baseline first: Flyway in an older gateway refuses a schema a newer one has migrated further
if [ -n "$BASELINE" ]; then
  start_gateway $BASELINE_PORT "$WORK/baseline/pve-gateway/target/quarkus-app" "$WORK/baseline-gateway.log"
  PROC[baseline]=$!
  wait_ready $BASELINE_PORT
  URL[baseline]="http://127.0.0.1:$BASELINE_PORT/bench/ping.json"
  TARGETS=(direct baseline gateway nginx)
fi
start_gateway $GATEWAY_PORT pve-gateway/target/quarkus-app "$WORK/gateway.log"
PROC[gateway]=$!
wait_ready $GATEWAY_PORT
for target in "${TARGETS[@]}"; do
  body=$(curl -sf "${URL[$target]}") || { echo "$target: ${URL[$target]} does not answer"; exit 1; }
  [ "$body" = "$(cat "$WORK/www/ping.json")" ] || { echo "$target returns another body: $body"; exit 1; }
done

declare -A RPS P50 P99
# CPU seconds (user + system) the given processes used so far
cpu_seconds() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz }'; }
NGINX_WORKERS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
declare -A CPU_US
run() { # run <target>: warm up, then measure (req/s, latency, CPU per request of the proxy's processes)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${URL[$1]}" > /dev/null
  local procs=${PROC[$1]:-$NGINX_WORKERS} before
  before=$(cpu_seconds $procs)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${URL[$1]}" | tee "$WORK/wrk-$1.txt"
  CPU_US[$1]=$(awk -v a="$before" -v b="$(cpu_seconds $procs)" -v n="$(awk '/requests in/ { print $1 }' "$WORK/wrk-$1.txt")" \
    'BEGIN { printf "%.1f", (b - a) * 1e6 / n }')
  RPS[$1]=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/wrk-$1.txt")
  P50[$1]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$1.txt")")
  P99[$1]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$1.txt")")
  if grep -q 'Non-2xx' "$WORK/wrk-$1.txt"; then echo "$1: non-2xx answers, the figures are void"; exit 1; fi
}
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
# interleave the order so drift on a noisy machine does not favour one side
for target in "${TARGETS[@]}"; do echo "== $target"; run "$target"; done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
GW_VS_NGINX=$(ratio "${RPS[gateway]}" "${RPS[nginx]}")
NGINX_VS_DIRECT=$(ratio "${RPS[nginx]}" "${RPS[direct]}")
GW_VS_DIRECT=$(ratio "${RPS[gateway]}" "${RPS[direct]}")

SECTION=$(cat <<MD
## gateway-overhead

Command: \`${BASELINE:+GATEWAY_BENCH_BASELINE=$BASELINE }deploy/bench/gateway-overhead.sh $DURATION $CONNECTIONS $THREADS $WARMUP\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up per target (same load).
Machine load before/after the run (uptime): $LOAD_BEFORE / $(uptime | sed 's/.*load average: //').
Backend: nginx serving a 66-byte JSON file. Both proxies write an access-log line per request; the gateway route has no rate limit. wrk, proxies and backend share the same 2 cores.

| target | req/s | p50 ms | p99 ms | proxy CPU µs per request |
|---|---:|---:|---:|---:|
| backend directly | ${RPS[direct]} | ${P50[direct]} | ${P99[direct]} | (backend: ${CPU_US[direct]}) |
| through nginx | ${RPS[nginx]} | ${P50[nginx]} | ${P99[nginx]} | $(awk -v a="${CPU_US[nginx]}" -v b="${CPU_US[direct]}" 'BEGIN { printf "%.1f", a - b }') |
| through pve-gateway | ${RPS[gateway]} | ${P50[gateway]} | ${P99[gateway]} | ${CPU_US[gateway]} |
$([ -n "$BASELINE" ] && echo "| through pve-gateway at $BASELINE_SHA (baseline) | ${RPS[baseline]} | ${P50[baseline]} | ${P99[baseline]} | ${CPU_US[baseline]} |")

CPU per request from /proc (user + system) over the measured run: the gateway's JVM; for nginx, its workers in the
nginx run minus the same workers in the direct run (one nginx serves both the backend and the proxy).

Ratios: gateway / nginx = **$GW_VS_NGINX** (target ≥ 0.80), nginx / direct = $NGINX_VS_DIRECT, gateway / direct = $GW_VS_DIRECT$([ -n "$BASELINE" ] && echo ", baseline gateway / nginx = $(ratio "${RPS[baseline]}" "${RPS[nginx]}"), gateway / baseline gateway = $(ratio "${RPS[gateway]}" "${RPS[baseline]}")").
p99: gateway $(ratio "${P99[gateway]}" "${P99[nginx]}")× nginx's (target ≤ 2×).
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
