#!/usr/bin/env bash
# automation-service benchmarks against real OpenSSH sshd processes on loopback ports, the packaged
# service on devstack's PostgreSQL + Kafka, side by side with the tools people use directly:
#   1. SSH fan-out: `uptime` on HOSTS hosts through the API (POST execute, poll status until
#      completed) vs `parallel-ssh` at the same parallelism (-p HOSTS); interleaved runs, medians.
#      The service keeps its SSH connections pooled; the first (cold) API run is reported apart.
#   2. Cancel latency: API cancel call -> the remote `sleep` is gone (pgrep on this machine, where the
#      sshd nodes run); CANCELS runs, p50/p95/max.
#   3. Ansible: a 3-task playbook on ANSIBLE_HOSTS hosts through the API vs `ansible-playbook`
#      directly (same inventory, known_hosts, key, forks, jsonl callback); interleaved runs, medians.
# The service's SSH connect timeout is the parallel-ssh baseline's -t 60: on a loaded machine 50
# simultaneous handshakes can take longer than the service's 10 s default.
# Writes the figures to deploy/bench/RESULTS.md (section "automation", only that one).
#
#   deploy/bench/automation-bench.sh [hosts=50] [cancels=20] [ansible_hosts=10] [rounds=5]
#
# Needs: sshd (openssh-server), parallel-ssh (pssh), ansible-playbook (ansible), openssl, curl,
# python3; installs the Debian packages when missing. Listens on 127.0.0.1 only (19000+ for sshd,
# 18160 for the service, devstack's free ports); everything it starts stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HOSTS=${1:-50}
CANCELS=${2:-20}
ANSIBLE_HOSTS=${3:-10}
ROUNDS=${4:-5}
SERVICE_PORT=18160
BASE_PORT=19000
WORK=$(mktemp -d /tmp/opsuite-bench-automation.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
need_packages /usr/sbin/sshd:openssh-server parallel-ssh:pssh ansible-playbook:ansible openssl:openssl
use_jdk
ensure_packaged deploy/devstack automation-service

# --- HOSTS sshd nodes sharing one host key, each its own port; a client key for root
mkdir -p /run/sshd "$WORK/sshd"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_ed25519"
cp "$WORK/client_ed25519.pub" "$WORK/authorized_keys"
FINGERPRINT=$(ssh-keygen -l -E sha256 -f "$WORK/host_ed25519.pub" | awk '{print $2}')
HOSTKEY=$(cut -d' ' -f1,2 "$WORK/host_ed25519.pub")
: > "$WORK/pssh-hosts"
: > "$WORK/known_hosts"
for i in $(seq 1 "$HOSTS"); do
  port=$((BASE_PORT + i))
  cat > "$WORK/sshd/$i.conf" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/host_ed25519
PidFile $WORK/sshd/$i.pid
AuthorizedKeysFile $WORK/authorized_keys
UsePAM no
StrictModes no
PermitRootLogin yes
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxSessions 30
MaxStartups 200:30:400
LogLevel ERROR
CONF
  /usr/sbin/sshd -D -e -f "$WORK/sshd/$i.conf" 2>> "$WORK/sshd.log" &
  PIDS+=($!)
  echo "127.0.0.1:$port" >> "$WORK/pssh-hosts"
  echo "[127.0.0.1]:$port $HOSTKEY" >> "$WORK/known_hosts"
done
for i in $(seq 1 "$HOSTS"); do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$((BASE_PORT + i))) 2>/dev/null && break; sleep 0.1; done
done

# --- an RSA key pair: the service verifies with the public key, the bench signs its token
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-key.pem" 2>/dev/null
openssl pkey -in "$WORK/jwt-key.pem" -pubout -out "$WORK/jwt-pub.pem"

start_infra
QUARKUS_HTTP_PORT=$SERVICE_PORT \
QUARKUS_DATASOURCE_USERNAME=automation QUARKUS_DATASOURCE_PASSWORD=automation \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwt-pub.pem" MP_JWT_VERIFY_ISSUER=opsuite \
OPSUITE_SECRETS_KEYS_V1=$(openssl rand -base64 32) \
OPSUITE_AUTOMATION_INSTANCE_ID=bench OPSUITE_AUTOMATION_MAX_RUNNING_TASKS=50 \
OPSUITE_AUTOMATION_CONNECT_TIMEOUT=60s \
java -Xmx512m --enable-native-access=ALL-UNNAMED \
  -jar automation-service/target/quarkus-app/quarkus-run.jar > "$WORK/automation.log" 2>&1 &
PIDS+=($!)
wait_ready $SERVICE_PORT

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
BENCH_BASE="http://127.0.0.1:$SERVICE_PORT/api/v1" BENCH_KEY="$WORK/jwt-key.pem" BENCH_WORK="$WORK" \
BENCH_HOSTS=$HOSTS BENCH_CANCELS=$CANCELS BENCH_ANSIBLE_HOSTS=$ANSIBLE_HOSTS BENCH_ROUNDS=$ROUNDS \
BENCH_BASE_PORT=$BASE_PORT BENCH_FINGERPRINT=$FINGERPRINT \
python3 - > "$WORK/figures.md" <<'PY'
import base64, json, os, statistics, subprocess, time, urllib.request

base, key, work = os.environ["BENCH_BASE"], os.environ["BENCH_KEY"], os.environ["BENCH_WORK"]
hosts, cancels = int(os.environ["BENCH_HOSTS"]), int(os.environ["BENCH_CANCELS"])
ansible_hosts, rounds = int(os.environ["BENCH_ANSIBLE_HOSTS"]), int(os.environ["BENCH_ROUNDS"])
base_port, fingerprint = int(os.environ["BENCH_BASE_PORT"]), os.environ["BENCH_FINGERPRINT"]

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def token():
    now = int(time.time())
    header = b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"iss": "opsuite", "sub": "bench", "upn": "bench", "groups": ["admin"],
                             "iat": now, "exp": now + 7200, "jti": str(now)}).encode())
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=f"{header}.{claims}".encode(),
                         capture_output=True, check=True).stdout
    return f"{header}.{claims}.{b64(sig)}"
TOKEN = token()

def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}")

def wait(kind, task_id):
    while True:
        d = call("GET", f"/automation/{kind}/status/{task_id}")["data"]
        if d["status"] in ("completed", "failed", "cancelled"):
            return d
        time.sleep(0.02)

nodes = [{"name": f"n{i}", "host": "127.0.0.1", "port": base_port + i, "host_key_fingerprint": fingerprint} for i in range(1, hosts + 1)]
call("POST", "/automation/clusters", {"name": "bench", "nodes": nodes})
cred = call("POST", "/automation/credentials", {"name": "bench-key", "username": "root", "auth_type": "privatekey",
            "private_key": open(f"{work}/client_ed25519").read()})["data"]["id"]
call("PUT", "/features/automation/ssh", {"max_concurrent": hosts, "connection_pool_size": hosts, "timeout": 120})
names = [n["name"] for n in nodes]

def api_fanout():
    t0 = time.perf_counter()
    tid = call("POST", "/automation/ssh/execute", {"cluster_name": "bench", "target_nodes": names, "credential_id": cred,
               "command": "uptime"})["data"]["task_id"]
    d = wait("ssh", tid)
    assert d["status"] == "completed" and d["success_count"] == hosts, d
    return time.perf_counter() - t0

pssh = ["parallel-ssh", "-h", f"{work}/pssh-hosts", "-l", "root", "-p", str(hosts), "-t", "60",
        "-x", f"-i {work}/client_ed25519 -o UserKnownHostsFile={work}/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes",
        "uptime"]
def pssh_fanout():
    t0 = time.perf_counter()
    r = subprocess.run(pssh, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return time.perf_counter() - t0

cold = api_fanout()
api_runs, pssh_runs = [], []
for _ in range(rounds):
    pssh_runs.append(pssh_fanout())
    api_runs.append(api_fanout())
api_med, pssh_med = statistics.median(api_runs), statistics.median(pssh_runs)

def running(marker):
    return subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0
lat = []
for i in range(cancels):
    marker = f"sleep {7000 + i}"
    tid = call("POST", "/automation/ssh/execute", {"cluster_name": "bench", "target_nodes": names[:1], "credential_id": cred,
               "command": marker})["data"]["task_id"]
    deadline = time.time() + 30
    while not running(marker) and time.time() < deadline:
        time.sleep(0.01)
    assert running(marker), "remote command never started"
    t0 = time.perf_counter()
    call("POST", f"/automation/ssh/cancel/{tid}")
    while running(marker):
        time.sleep(0.005)
    lat.append(time.perf_counter() - t0)
    wait("ssh", tid)
lat.sort()
def pct(p): return lat[min(len(lat) - 1, int(round(p * (len(lat) - 1))))]

playbook = """- name: bench
  hosts: all
  gather_facts: false
  tasks:
    - name: one
      ansible.builtin.command: uptime
    - name: two
      ansible.builtin.copy:
        content: "bench {{ inventory_hostname }}\\n"
        dest: /tmp/opsuite-bench-{{ inventory_hostname }}
    - name: three
      ansible.builtin.debug:
        msg: done
"""
pb = call("POST", "/automation/ansible/playbooks", {"name": "bench-3", "content": playbook})["data"]["id"]
ans_names = names[:ansible_hosts]
with open(f"{work}/playbook.yml", "w") as f: f.write(playbook)
with open(f"{work}/inventory.ini", "w") as f:
    f.write("[targets]\n" + "".join(f"n{i} ansible_host=127.0.0.1 ansible_port={base_port + i} ansible_user=root "
                                      f"ansible_ssh_private_key_file={work}/client_ed25519\n" for i in range(1, ansible_hosts + 1)))
env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.jsonl", ANSIBLE_HOST_KEY_CHECKING="True",
           ANSIBLE_SSH_ARGS=f"-o UserKnownHostsFile={work}/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes "
                            "-o ControlMaster=auto -o ControlPersist=30s -o BatchMode=yes",
           ANSIBLE_PYTHON_INTERPRETER="auto_silent", ANSIBLE_RETRY_FILES_ENABLED="False")
def direct():
    t0 = time.perf_counter()
    r = subprocess.run(["ansible-playbook", "-i", f"{work}/inventory.ini", "-f", str(ansible_hosts), f"{work}/playbook.yml"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return time.perf_counter() - t0
def via_api():
    t0 = time.perf_counter()
    tid = call("POST", "/automation/ansible/run", {"playbook_id": pb, "cluster_name": "bench", "target_nodes": ans_names,
               "credential_id": cred, "extra_args": f"--forks {ansible_hosts}"})["data"]["task_id"]
    d = wait("ansible", tid)
    assert d["status"] == "completed", d
    return time.perf_counter() - t0
via_api(); direct()
api_ans, direct_ans = [], []
for _ in range(max(3, rounds // 2 + 1)):
    direct_ans.append(direct())
    api_ans.append(via_api())
a_med, d_med = statistics.median(api_ans), statistics.median(direct_ans)

print(f"| benchmark | API | baseline | ratio | target |")
print(f"|---|---:|---:|---:|---|")
print(f"| SSH fan-out `uptime` on {hosts} hosts, median of {rounds} (s) | {api_med:.3f} | parallel-ssh -p {hosts}: {pssh_med:.3f} | **{api_med / pssh_med:.3f}** | ≤ 1.0 |")
print(f"| Ansible 3-task playbook on {ansible_hosts} hosts, median of {len(api_ans)} (s) | {a_med:.3f} | ansible-playbook -f {ansible_hosts}: {d_med:.3f} | **{a_med / d_med:.3f}** | ≤ 1.1 |")
print()
print(f"Cancel latency (API call → remote `sleep` gone), {cancels} runs: p50 **{pct(0.5) * 1000:.0f} ms**, "
      f"p95 **{pct(0.95) * 1000:.0f} ms**, max {lat[-1] * 1000:.0f} ms (target p95 ≤ 1000 ms).")
print()
print(f"First (cold) API fan-out, connections not yet pooled: {cold:.3f} s. All runs (s): API "
      f"{', '.join(f'{x:.3f}' for x in api_runs)}; parallel-ssh {', '.join(f'{x:.3f}' for x in pssh_runs)}; "
      f"Ansible API {', '.join(f'{x:.3f}' for x in api_ans)}; ansible-playbook {', '.join(f'{x:.3f}' for x in direct_ans)}.")
PY
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
cat "$WORK/figures.md"

SECTION=$(cat <<MD
## automation

Command: \`deploy/bench/automation-bench.sh $HOSTS $CANCELS $ANSIBLE_HOSTS $ROUNDS\` — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,
$(java -version 2>&1 | head -n1), $(ansible-playbook --version | head -n1), $(parallel-ssh --version 2>&1 | head -n1).
Machine load before/after (uptime): $LOAD_BEFORE / $LOAD_AFTER.
$HOSTS OpenSSH sshd processes on 127.0.0.1 ports $((BASE_PORT + 1))–$((BASE_PORT + HOSTS)) (one host key, pinned), root login by
ed25519 key; the packaged automation-service on devstack's PostgreSQL + Kafka; sshd, service, database, broker and the
baselines share the same cores. API times are from the POST until the status endpoint (polled every 20 ms) says
\`completed\`, so they include recording every per-node result and its outbox event. Runs of the API and the baseline are
interleaved.

$(cat "$WORK/figures.md")
MD
)
python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
