#!/usr/bin/env bash
# Deployment overhead: N sequential `fallback` deployments of a trivial stdlib Python web app through
# the packaged deployment-service (devstack's real PostgreSQL + Kafka). Measures
#   1. orchestration overhead per step: the step's wall time (started_at/ended_at from
#      GET /api/deployments/{id}/progress) minus the run time of the same work done directly by this
#      script (same executables, arguments, working directory and minimal environment), measured right
#      after each deployment so load drift hits both sides alike;
#   2. SSE log latency: the app prints `bench-tick <n> <epoch ms>` lines with its own clock while a
#      client follows GET /api/deployments/{id}/logs (Accept: text/event-stream); latency = arrival
#      time at the client - printed time (same machine, same clock).
# Writes the figures to deploy/bench/RESULTS.md (section "deployment-overhead", only that one).
#
#   deploy/bench/deployment-overhead.sh [deployments=20] [app-health-delay-seconds=2]
#
# The app answers /health with 503 for `delay` seconds after it starts and prints a tick every 50 ms
# meanwhile: that window is where log lines flow while the deployment is live (the service copies the
# app's output into the deployment log only until the deployment ends). One warm-up deployment (it
# creates the venv; the JVM warms up) runs first and is not counted.
#
# Needs: python3 with venv+ensurepip, openssl, curl; the packaged deployment-service and devstack
# launcher (built when missing). Listens on 127.0.0.1 (ports 18150-18152 + devstack's free ports);
# everything it starts stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${1:-20}
DELAY=${2:-2}
SERVICE_PORT=18150 APP_PORT=18151 DIRECT_PORT=18152
WORK=$(mktemp -d /tmp/opsuite-bench-deployment.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # app processes started by the service or by the direct measurement outlive the service by design
  if [ -f "$WORK/app-pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$WORK/app-pids"
  fi
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
use_jdk
ensure_packaged deploy/devstack deployment-service
python3 -c 'import venv, ensurepip' || { echo "python3 cannot create venvs (venv/ensurepip missing)"; exit 1; }

# --- the trivial app (service copy) and a mirror copy for the direct measurements
for dir in "$WORK/app" "$WORK/mirror"; do
  mkdir -p "$dir"
  : > "$dir/requirements.txt"
  cat > "$dir/app.py" <<'PY'
"""Trivial bench app: /health is 503 for `delay` s after start, then 200; ticks with its own clock meanwhile."""
import http.server
import sys
import threading
import time

port, delay = int(sys.argv[1]), float(sys.argv[2])
born = time.time()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/health" and time.time() - born >= delay
        body = b"ok\n" if ok else b"starting\n"
        self.send_response(200 if ok else 503)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def tick():
    n = 0
    while time.time() - born < delay + 0.5:
        print(f"bench-tick {n} {time.time() * 1000:.3f}", flush=True)
        n += 1
        time.sleep(0.05)


threading.Thread(target=tick, daemon=True).start()
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
done

# --- an RSA key pair: the service verifies with the public key, the bench signs its admin token
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-key.pem" 2>/dev/null
openssl pkey -in "$WORK/jwt-key.pem" -pubout -out "$WORK/jwt-pub.pem"

# --- PostgreSQL + Kafka (throwaway, free ports) and the service
start_infra

QUARKUS_HTTP_PORT=$SERVICE_PORT \
QUARKUS_DATASOURCE_USERNAME=deployment QUARKUS_DATASOURCE_PASSWORD=deployment \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwt-pub.pem" MP_JWT_VERIFY_ISSUER=opsuite \
OPSUITE_SECRETS_KEYS_V1=$(openssl rand -base64 32) \
OPSUITE_DEPLOYMENT_STATE_DIR="$WORK/state" OPSUITE_DEPLOYMENT_INSTANCE_ID=bench \
java -Xmx512m --enable-native-access=ALL-UNNAMED \
  -jar deployment-service/target/quarkus-app/quarkus-run.jar > "$WORK/deployment.log" 2>&1 &
PIDS+=($!)
wait_ready $SERVICE_PORT

# the environment the service (and so its child processes) inherits, for the direct measurements:
# under pyenv, the driver's own python3 runs with a different PATH/PYENV_VERSION than the service
env -0 > "$WORK/service.env"
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
python3 "$ROOT/deploy/bench/deployment-overhead.py" \
  --base "http://127.0.0.1:$SERVICE_PORT" --key "$WORK/jwt-key.pem" --work "$WORK" \
  --app-port "$APP_PORT" --direct-port "$DIRECT_PORT" --runs "$RUNS" --delay "$DELAY" \
  --out "$WORK/figures.md" | tee "$WORK/bench.txt"
LOAD_AFTER=$(uptime | sed 's/.*load average: //')

SECTION=$(cat <<MD
## deployment-overhead

Command: \`deploy/bench/deployment-overhead.sh $RUNS $DELAY\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), $(python3 --version 2>&1) (\`python3\` on PATH: $(command -v python3)).
Machine load before/after the run (uptime): $LOAD_BEFORE / $LOAD_AFTER.
$RUNS sequential \`fallback\` deployments (\`skip_health_check: false\`, no \`force_rebuild\`) of a stdlib \`http.server\` app with
an empty requirements.txt, after one uncounted warm-up deployment that created the venv. Packaged deployment-service on
devstack's PostgreSQL + Kafka; service, database, broker, app and bench share the same cores.

$(cat "$WORK/figures.md")
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo
echo "$SECTION"
