package dev.opsuite.devstack.pve;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Failures the test server produces on demand, each for the next {@code count} requests whose path
 * contains a fragment: an arbitrary status with its reason (PVE's 596/599 from its inter-node proxy),
 * or PVE's config lock timeout. Consumed in the order they were added.
 */
public final class PveFaults {

    private record Fault(String pathFragment, String method, int status, String reason, int[] remaining) {}

    private final Deque<Fault> faults = new ArrayDeque<>();

    /** The next {@code count} requests (any method) whose path contains {@code pathFragment} answer {@code status reason}. */
    public synchronized void failNext(int count, String pathFragment, int status, String reason) {
        faults.add(new Fault(pathFragment, null, status, reason, new int[] {count}));
    }

    /** The next {@code count} requests of {@code method} on paths containing the fragment answer PVE's lock timeout. */
    public synchronized void lockTimeoutNext(int count, String method, String pathFragment) {
        faults.add(new Fault(pathFragment, method, 500, null, new int[] {count}));
    }

    public synchronized void clear() {
        faults.clear();
    }

    /** Takes one fault matching the request; a null reason in the result means "lock timeout". */
    synchronized Optional<PveReply> take(String method, String path, String lockFile) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (!path.contains(f.pathFragment) || (f.method != null && !f.method.equalsIgnoreCase(method))) {
                continue;
            }
            if (--f.remaining[0] <= 0) {
                it.remove();
            }
            if (f.reason == null) {
                return Optional.of(PveReply.error(500, "can't lock file '" + lockFile + "' - got timeout"));
            }
            return Optional.of(PveReply.error(f.status, f.reason));
        }
        return Optional.empty();
    }
}
