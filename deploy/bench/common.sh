# Shared set-up of the benchmark scripts (sourced; they run from the repository root, with WORK set
# to their scratch directory and PIDS to the array of processes their cleanup stops).

# need_packages <command:debian-package>... : installs the packages whose command is missing
need_packages() {
  local pkg
  for pkg in "$@"; do
    if ! command -v "${pkg%%:*}" >/dev/null; then
      echo "installing ${pkg#*:} (Debian package)…"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg#*:}" >/dev/null
    fi
  done
}

# use_jdk: a JDK >= 21 on PATH (the one make would use)
use_jdk() {
  JAVA_HOME=$(deploy/devstack/find-jdk.sh)
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

# ensure_packaged <module>... : builds the modules (and what they need) when a packaged jar is missing
ensure_packaged() {
  local module jar missing=""
  for module in "$@"; do
    jar=$module/target/quarkus-app/quarkus-run.jar
    [ "$module" = deploy/devstack ] && jar=deploy/devstack/target/devstack-launcher.jar
    [ -f "$jar" ] || missing=1
  done
  if [ -n "$missing" ]; then
    ./mvnw -B -q --no-transfer-progress -DskipTests -pl "$(IFS=,; echo "$*")" -am package
  fi
}

# start_infra: throwaway PostgreSQL + Kafka on free ports; sets JDBC_URL and KAFKA
start_infra() {
  java -jar deploy/devstack/target/devstack-launcher.jar infra --ephemeral > "$WORK/infra.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 180); do grep -q 'devstack: READY' "$WORK/infra.log" 2>/dev/null && break; sleep 1; done
  JDBC_URL=$(sed -n 's/.*devstack: READY.* postgres=\(jdbc:[^ ]*\).*/\1/p' "$WORK/infra.log")
  KAFKA=$(sed -n 's/.*devstack: READY.* kafka=\([^ ]*\).*/\1/p' "$WORK/infra.log")
  [ -n "$JDBC_URL" ] && [ -n "$KAFKA" ] || { echo "devstack infra did not start; see $WORK/infra.log"; exit 1; }
}

# wait_ready <port>... : waits (up to 180 s each) until the services on these ports say ready
wait_ready() {
  local port
  for port in "$@"; do
    for _ in $(seq 180); do curl -sf -m 5 "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
    curl -sf -m 5 "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "port $port not ready; see $WORK/*.log"; exit 1; }
  done
}

# to_ms <wrk latency like 812.00us / 1.20ms / 2.01s> : milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
