#!/usr/bin/env bash
# PVE facade single-flight: N concurrent identical GET /cluster/resources through the facade (cache
# on, cold) and how many requests reached PVE, counted by the PVE test server itself.
# Writes deploy/bench/RESULTS.md (section "pve-single-flight").
#
#   deploy/bench/pve-single-flight.sh [concurrent=500] [rounds=3]
#
# Target: 500 concurrent identical requests -> 1 upstream request. Each round uses a query PVE
# accepts and the facade has not cached yet (type=vm, storage, node…), so every round starts cold.
# Needs curl ≥ 7.66 (--parallel). Everything listens on 127.0.0.1 and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENT=${1:-500}
ROUNDS=${2:-3}
GATEWAY_PORT=18190 FACADE_PORT=18443
WORK=$(mktemp -d /tmp/opsuite-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
source deploy/bench/pve-common.sh
need_packages curl:curl
use_jdk
ensure_packaged deploy/devstack pve-gateway
start_pve_stack $GATEWAY_PORT $FACADE_PORT -Dopsuite.pve.poller.enabled=false

CONTROL="https://127.0.0.1:$PVE_PORT2/_pvetest"
ROWS=""
ALL_ONE=yes
TYPES=(vm storage node sdn)
for round in $(seq "$ROUNDS"); do
  type=${TYPES[$(( (round - 1) % 4 ))]}
  path="/api2/json/cluster/resources?type=$type"
  curl -skf -X POST "$CONTROL/reset-requests" > /dev/null
  : > "$WORK/urls.txt"
  for _ in $(seq "$CONCURRENT"); do echo "url = \"https://127.0.0.1:$FACADE_PORT$path\"" >> "$WORK/urls.txt"; echo 'output = "/dev/null"' >> "$WORK/urls.txt"; done
  start=$(date +%s%N)
  curl -sk --no-progress-meter --parallel --parallel-immediate --parallel-max "$CONCURRENT" -H "Authorization: $FACADE_AUTH" \
    -w '%{http_code}\n' --config "$WORK/urls.txt" > "$WORK/codes.txt"
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  ok=$(grep -c '^200$' "$WORK/codes.txt" || true)
  upstream=$(curl -skf "$CONTROL/requests" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$path', 0))")
  [ "$upstream" = 1 ] || ALL_ONE=no
  ROWS+="| $round | \`$path\` | $CONCURRENT | $ok | $upstream | $elapsed |"$'\n'
  echo "round $round: $ok/$CONCURRENT answered 200, $upstream request(s) reached PVE, $elapsed ms"
done

SECTION=$(cat <<MD
## pve-single-flight

Command: \`deploy/bench/pve-single-flight.sh $CONCURRENT $ROUNDS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), $(curl --version | head -n1 | cut -d' ' -f1-2) with \`--parallel --parallel-max $CONCURRENT\` over HTTPS (each request its own TLS connection).
$CONCURRENT identical requests per round through the facade (cache on, 5 s; each round a path not cached yet); "reached PVE"
is what the PVE test server counted for that path and query.

| round | path | requests | answered 200 | reached PVE | wall ms |
|---:|---|---:|---:|---:|---:|
${ROWS}
Every round one upstream request: **$ALL_ONE** (target: $CONCURRENT concurrent identical → 1).
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
