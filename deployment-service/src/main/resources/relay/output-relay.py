# Copies an app's output to its log file with the deployment's secrets masked. It runs beside the
# app (app | relay >> file), outside the service's JVM, so the app keeps running and logging while
# the service restarts. The texts to mask arrive hex-encoded in OPSUITE_MASK_NEEDLES, longest first.
import os
import signal
import sys

# the service stops an app by its process tree; the relay ends when the app's output ends
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)

needles = [bytes.fromhex(h) for h in os.environ.pop("OPSUITE_MASK_NEEDLES", "").split(",") if h]
longest = max((len(n) for n in needles), default=1)
out = sys.stdout.buffer


def masked(block):
    for needle in needles:
        block = block.replace(needle, b"***")
    return block


pending = b""
while True:
    chunk = os.read(0, 65536)
    if not chunk:
        break
    pending += chunk
    cut = pending.rfind(b"\n") + 1
    if cut == 0 and len(pending) > 65536:
        cut = len(pending) - longest  # a long line: keep a tail that may hold a needle cut in two
    if cut > 0:
        out.write(masked(pending[:cut]))
        out.flush()
        pending = pending[cut:]
out.write(masked(pending))
out.flush()
