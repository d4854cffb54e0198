"""proxmoxer (Debian python3-proxmoxer) as a real client of opsuite's PVE facade.

Driven by ProxmoxerClientTest: reads its settings from the environment, runs every scenario, and
prints one JSON object with what it saw on stdout. Exceptions propagate (non-zero exit).
"""
import json
import os
import time
import concurrent.futures

import requests
import urllib3
from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException
from proxmoxer.backends.https import AuthenticationError

urllib3.disable_warnings()

HOST = "127.0.0.1"
HTTPS = int(os.environ["FACADE_HTTPS_PORT"])
HTTP = int(os.environ["FACADE_HTTP_PORT"])
USER = os.environ["OPSUITE_USER"] + "@opsuite"
TOKEN_NAME = os.environ["OPSUITE_TOKEN_NAME"]
TOKEN_SECRET = os.environ["OPSUITE_TOKEN_SECRET"]
ADMIN_PASSWORD = os.environ["OPSUITE_ADMIN_PASSWORD"]
CONTROL = os.environ["PVE_CONTROL_URL"]
CLUSTER = os.environ["PVE_CLUSTER"]
NODE = "pve1"

out = {}


def token_api():
    return ProxmoxAPI(HOST, port=HTTPS, user=USER, token_name=TOKEN_NAME, token_value=TOKEN_SECRET,
                      verify_ssl=False, timeout=30)


p = token_api()

# reads of every seed endpoint
out["version"] = p.version.get()
out["nodes"] = p.nodes.get()
out["cluster_status"] = p.cluster.status.get()
out["resources_vm"] = p.cluster.resources.get(type="vm")
out["node_status"] = p.nodes(NODE).status.get()
out["tasks"] = p.nodes("pve2").tasks.get(source="all", limit=10, errors=1)
out["network"] = p.nodes(NODE).network.get(type="bridge")
out["nextid"] = p.cluster.nextid.get()

# a parameter error, as proxmoxer reports it
try:
    p.nodes(NODE).tasks.get(source="bogus")
    out["bad_request"] = None
except ResourceException as e:
    out["bad_request"] = {"status": e.status_code, "reason": e.content}
    out["bad_request_text"] = str(e)

# a write that starts a task, then the suite's task wait
vmid = int(p.cluster.nextid.get())
upid = p.nodes(NODE).qemu.post(vmid=vmid, name="px-create", memory=512, cores=1)
out["create_upid"] = upid
waited = requests.get(
    "http://%s:%d/api/v1/pve/clusters/%s/tasks/%s/wait" % (HOST, HTTP, CLUSTER, upid),
    params={"timeout": "30"}, headers={"Authorization": "Bearer " + TOKEN_SECRET}, timeout=60)
out["wait_status"] = waited.status_code
out["wait"] = waited.json()
out["task_status"] = p.nodes(NODE).tasks(upid).status.get()

# ticket login, renewal with the current ticket, and a CSRF-protected write
t = ProxmoxAPI(HOST, port=HTTPS, user="admin@opsuite", password=ADMIN_PASSWORD, verify_ssl=False, timeout=30)
first_ticket = t.get_tokens()[0]
out["ticket_version"] = t.version.get()["version"]
t._backend.auth.renew_age = 0
out["ticket_nodes"] = len(t.nodes.get())
second_ticket = t.get_tokens()[0]
out["ticket_renewed"] = first_ticket != second_ticket and second_ticket.startswith("PVE:admin@opsuite:")
t._backend.auth.renew_age = 3600
out["ticket_write"] = t.nodes(NODE).qemu(100).config.put(description="set-with-a-ticket")
try:
    ProxmoxAPI(HOST, port=HTTPS, user="admin@opsuite", password="wrong-password", verify_ssl=False)
    out["bad_login"] = "accepted"
except AuthenticationError as e:
    out["bad_login"] = "AuthenticationError"


# ten parallel nextid + create
def create(i):
    api = token_api()
    new_id = int(api.cluster.nextid.get())
    api.nodes(NODE).qemu.post(vmid=new_id, name="par-%d" % i, memory=256)
    return new_id


with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
    out["parallel_ids"] = sorted(pool.map(create, range(10)))

# failover: pve1's API goes down, the facade still answers through pve2
requests.post(CONTROL + "/_pvetest/stop-node", params={"node": NODE}, verify=False, timeout=30)
try:
    # _dc (ExtJS's cache buster) makes this a fresh read past the facade's 5 s cache
    out["failover_nodes"] = {n["node"]: n["status"] for n in p.nodes.get(_dc=int(time.time() * 1000))}
    out["failover_status"] = p.nodes("pve2").status.get()["pveversion"]
finally:
    requests.post(CONTROL + "/_pvetest/start-node", params={"node": NODE}, verify=False, timeout=30)

print(json.dumps(out))
