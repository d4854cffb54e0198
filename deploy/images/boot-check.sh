#!/usr/bin/env bash
# Proof that the images really start: unpacks each service's image tarball (target/image/<service>.tar,
# from `make images`) layer by layer into a root filesystem, and runs the image's own entrypoint, user,
# working directory and environment from that root (a mount namespace + chroot: the root read-only,
# tmpfs on /tmp and /var/lib/opsuite, /proc and the basic /dev nodes, as a container runtime and the
# Helm chart's security context give them) against devstack's PostgreSQL and Kafka, until every
# service's GET /q/health/ready answers UP.
#
#   deploy/images/boot-check.sh [service...]      (default: all five; run as root)
#
# Needs: the image tarballs, the devstack launcher (make build), util-linux (unshare, nsenter, mount),
# python3, curl. Everything listens on 127.0.0.1 and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT_DIR=$PWD
SERVICES=("$@")
[ ${#SERVICES[@]} -gt 0 ] || SERVICES=(pve-gateway telemetry-service deployment-service l10n-sync-service automation-service)
[ "$(id -u)" = 0 ] || { echo "boot-check: run as root (it makes a mount namespace and chroots)"; exit 1; }
WORK=$(mktemp -d /tmp/opsuite-boot-check.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # the roots were only mounted inside the namespaces, which are gone with their processes
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
use_jdk
for tool in unshare nsenter python3 curl; do
  command -v "$tool" >/dev/null || { echo "boot-check: $tool is missing (Debian: util-linux, python3, curl)"; exit 1; }
done
for service in "${SERVICES[@]}"; do
  [ -f "$service/target/image/$service.tar" ] || { echo "boot-check: no $service/target/image/$service.tar; run make images"; exit 1; }
done
[ -f deploy/devstack/target/devstack-launcher.jar ] || { echo "boot-check: no devstack launcher; run make build"; exit 1; }

declare -A SCHEMA=([pve-gateway]=gateway [telemetry-service]=telemetry [deployment-service]=deployment
  [l10n-sync-service]=l10n [automation-service]=automation)
declare -A PORT=([pve-gateway]=8080 [telemetry-service]=8081 [deployment-service]=8082
  [l10n-sync-service]=8083 [automation-service]=8084)

# unpack <image tarball> <dir>: rootfs/ from the layers in order, and the config's run settings as
# shell assignments in run.env (ENTRYPOINT/CMD as arrays, ENV entries, WORKDIR, USER)
unpack() {
  local image=$1 dir=$2
  mkdir -p "$dir/archive" "$dir/rootfs"
  tar -xf "$image" -C "$dir/archive" --warning=no-unknown-keyword
  python3 - "$dir" <<'PY'
import json, os, shlex, subprocess, sys
d = sys.argv[1]
archive = os.path.join(d, "archive")
manifest = json.load(open(os.path.join(archive, "manifest.json")))[0]
for layer in manifest["Layers"]:
    # whiteouts are how a layer deletes a file of a lower one; Jib writes none, refuse rather than ignore
    names = subprocess.run(["tar", "-tf", os.path.join(archive, layer)], check=True, capture_output=True, text=True).stdout
    if any(os.path.basename(n.rstrip("/")).startswith(".wh.") for n in names.splitlines()):
        sys.exit(f"layer {layer} has whiteout entries; this checker does not apply them")
    subprocess.run(["tar", "-xf", os.path.join(archive, layer), "-C", os.path.join(d, "rootfs"),
                    "--same-owner", "--same-permissions", "--numeric-owner", "--warning=no-unknown-keyword"], check=True)
config = json.load(open(os.path.join(archive, manifest["Config"])))["config"]
with open(os.path.join(d, "run.env"), "w") as out:
    out.write("ENTRYPOINT=(%s)\n" % " ".join(shlex.quote(a) for a in config.get("Entrypoint") or []))
    out.write("CMD=(%s)\n" % " ".join(shlex.quote(a) for a in config.get("Cmd") or []))
    out.write("IMAGE_ENV=(%s)\n" % " ".join(shlex.quote(a) for a in config.get("Env") or []))
    out.write("WORKDIR=%s\n" % shlex.quote(config.get("WorkingDir") or "/"))
    out.write("IMAGE_USER=%s\n" % shlex.quote(config.get("User") or "0"))
    out.write("PORTS=%s\n" % shlex.quote(" ".join(sorted((config.get("ExposedPorts") or {}).keys()))))
PY
}

# start_from_root <service> <dir>: the image's process in its own mount namespace, as the image's user
start_from_root() {
  local service=$1 dir=$2 rootfs
  rootfs=$(realpath "$dir/rootfs")
  # shellcheck disable=SC1091
  source "$dir/run.env"
  local uid=${IMAGE_USER%%:*} gid=${IMAGE_USER#*:}
  [ "$gid" != "$IMAGE_USER" ] || gid=$uid
  # what the Helm chart's ConfigMap and Secret give the pod, pointing at devstack
  local env=("${IMAGE_ENV[@]}"
    "HOME=/var/lib/opsuite"
    "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Xmx384m"
    "QUARKUS_DATASOURCE_USERNAME=${SCHEMA[$service]}" "QUARKUS_DATASOURCE_PASSWORD=${SCHEMA[$service]}"
    "QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL" "QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:}"
    "KAFKA_BOOTSTRAP_SERVERS=$KAFKA"
    "OPSUITE_JWKS_URL=http://127.0.0.1:8080/.well-known/jwks.json"
    "OPSUITE_ADMIN_PASSWORD=boot-check-admin-password"
    "OPSUITE_DEPLOYMENT_STATE_DIR=/var/lib/opsuite/deployment")
  printf '%s\0' "${env[@]}" >"$dir/env0"
  unshare --mount --propagation private --fork -- bash -c '
    set -euo pipefail
    root=$1 uid=$2 gid=$3 workdir=$4 envfile=$5
    shift 5
    mount --bind "$root" "$root"
    mount -o remount,bind,ro "$root"
    mount -t tmpfs -o mode=1777,size=256m tmpfs "$root/tmp"
    mount -t tmpfs -o "mode=0750,uid=$uid,gid=$gid,size=256m" tmpfs "$root/var/lib/opsuite"
    mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
    mount -t tmpfs -o mode=0755,size=64k tmpfs "$root/dev"
    for node in null zero random urandom; do touch "$root/dev/$node"; mount --bind "/dev/$node" "$root/dev/$node"; done
    mount --bind /etc/hosts "$root/etc/hosts"
    mapfile -d "" environment <"$envfile"
    exec env -i "${environment[@]}" nsenter --root="$root" --wd="$root$workdir" --setgid "$gid" --setuid "$uid" -- "$@"
  ' boot "$rootfs" "$uid" "$gid" "$WORKDIR" "$dir/env0" "${ENTRYPOINT[@]}" "${CMD[@]}" >"$dir/service.log" 2>&1 &
  PIDS+=($!)
}

for service in "${SERVICES[@]}"; do
  echo "== $service: unpacking $service/target/image/$service.tar"
  unpack "$service/target/image/$service.tar" "$WORK/$service"
done
echo "== devstack PostgreSQL + Kafka"
start_infra
for service in "${SERVICES[@]}"; do
  echo "== $service: starting from its image's root"
  start_from_root "$service" "$WORK/$service"
done

failed=0
for service in "${SERVICES[@]}"; do
  port=${PORT[$service]}
  ready=""
  for _ in $(seq 240); do
    if ready=$(curl -sf "http://127.0.0.1:$port/q/health/ready"); then break; fi
    ready=""
    sleep 1
  done
  status=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null || echo DOWN)
  pid=$(pgrep -f -n "quarkus-run.jar" -U 10001 -d' ' || true)
  if [ "$status" = UP ]; then
    checks=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(", ".join(c["name"]+"="+c["status"] for c in json.load(sys.stdin)["checks"]))')
    echo "$service: /q/health/ready UP ($checks)"
  else
    echo "$service: NOT ready; its log:"
    tail -40 "$WORK/$service/service.log"
    failed=1
  fi
done

# every service process runs as the image's user, from the image's root, whose / it cannot write
for pid in $(pgrep -f "quarkus-run.jar" -U 10001 || true); do
  root=$(readlink "/proc/$pid/root")
  echo "pid $pid: uid $(awk '/^Uid:/{print $2}' "/proc/$pid/status"), root $root, cwd $(readlink "/proc/$pid/cwd")"
done
if [ "$(pgrep -c -f quarkus-run.jar -U 10001 || true)" -lt "${#SERVICES[@]}" ]; then
  echo "boot-check: fewer service processes as uid 10001 than services"
  failed=1
fi
[ "$failed" = 0 ] && echo "boot-check: ${#SERVICES[@]} image(s) started from their own roots and are ready"
exit "$failed"
