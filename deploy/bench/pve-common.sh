# Shared set-up of the PVE benchmarks (sourced after common.sh, from the repository root, with WORK
# and PIDS set): the PVE test cluster from devstack (two HTTPS nodes), PostgreSQL + Kafka, the
# gateway with its facade on HTTPS, the cluster registered, an admin JWT and an opsuite API token.
#
# start_pve_stack <gateway http port> <facade https port> [gateway -D options...]
# sets: PVE1 PVE2 (ports), PVE_SECRET, PVE_AUTH (direct header), JWT, TOKEN (opsk_…), FACADE_AUTH

PVE_PORT1=18201
PVE_PORT2=18202

start_pve_stack() {
  local http_port=$1 https_port=$2
  shift 2
  PVE_SECRET=$(cat /proc/sys/kernel/random/uuid)
  PVE_TEST_TOKEN_SECRET=$PVE_SECRET \
    java -Xmx256m -cp "deploy/devstack/target/devstack-launcher.jar:deploy/devstack/target/lib/*" \
    dev.opsuite.devstack.pve.PveTestServerMain $PVE_PORT1 $PVE_PORT2 > "$WORK/pve.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 60); do grep -q 'pve-test: READY' "$WORK/pve.log" 2>/dev/null && break; sleep 1; done
  grep -q 'pve-test: READY' "$WORK/pve.log" || { echo "PVE test server did not start; see $WORK/pve.log"; exit 1; }
  FP1=$(sed -n 's/.*pve1=[^,]*,fingerprint=\([^ ]*\).*/\1/p' "$WORK/pve.log")
  FP2=$(sed -n 's/.*pve2=[^,]*,fingerprint=\([^ ]*\).*/\1/p' "$WORK/pve.log")
  PVE_AUTH="PVEAPIToken=root@pam!opsuite=$PVE_SECRET"

  start_infra
  ADMIN_PASSWORD=bench-admin-$(cat /proc/sys/kernel/random/uuid | cut -c1-8)
  QUARKUS_HTTP_PORT=$http_port \
  QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL \
  QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
  OPSUITE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  java -Xmx512m --enable-native-access=ALL-UNNAMED \
    -Dopsuite.pve.https.port="$https_port" \
    -Dopsuite.pve.https.self-signed-dir="$WORK/facade-tls" \
    "$@" \
    -jar pve-gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
  PIDS+=($!)
  wait_ready "$http_port"

  local gw="http://127.0.0.1:$http_port"
  JWT=$(curl -sf "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["token"])')
  curl -sf "$gw/api/v1/pve/clusters" -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -d "{
    \"name\":\"bench\",\"default\":true,\"token_id\":\"root@pam!opsuite\",\"token_secret\":\"$PVE_SECRET\",
    \"nodes\":[{\"host\":\"127.0.0.1\",\"port\":$PVE_PORT1,\"fingerprint\":\"$FP1\"},
               {\"host\":\"127.0.0.1\",\"port\":$PVE_PORT2,\"fingerprint\":\"$FP2\"}]}" > /dev/null \
    || { echo "registering the PVE cluster failed"; exit 1; }
  TOKEN=$(curl -sf "$gw/api/v1/auth/tokens" -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' \
    -d '{"name":"bench","role":"admin"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["token"])')
  FACADE_AUTH="PVEAPIToken=admin@opsuite!bench=$TOKEN"
}
