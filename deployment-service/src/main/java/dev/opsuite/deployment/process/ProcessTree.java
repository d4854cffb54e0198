package dev.opsuite.deployment.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Terminates a whole process tree: descendants first (deepest first), then the root, with SIGTERM;
 * after the grace period SIGKILL for whatever is still alive. The tree is snapshotted before any
 * signal, so children re-parented to init when their parent dies are still reached.
 */
public final class ProcessTree {
    private static final Logger LOG = Logger.getLogger(ProcessTree.class);

    private ProcessTree() {}

    /** @return the PIDs that were signalled */
    public static List<Long> terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> victims = snapshot(root);
        for (ProcessHandle p : victims) {
            p.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && victims.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
        // late children spawned during the grace period are collected too
        List<ProcessHandle> stubborn =
                new ArrayList<>(victims.stream().filter(ProcessHandle::isAlive).toList());
        if (root.isAlive()) {
            root.descendants().filter(d -> !victims.contains(d)).forEach(stubborn::add);
        }
        for (ProcessHandle p : stubborn) {
            LOG.debugf("pid %d ignored SIGTERM; sending SIGKILL", p.pid());
            p.destroyForcibly();
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && stubborn.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(20);
        }
        return victims.stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    /** Descendants deepest first, then the root. */
    static List<ProcessHandle> snapshot(ProcessHandle root) {
        record Node(ProcessHandle handle, int depth) {}
        List<ProcessHandle> out = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(root, 0));
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            n.handle().children().forEach(c -> nodes.add(new Node(c, n.depth() + 1)));
        }
        nodes.sort(Comparator.comparingInt(Node::depth).reversed());
        nodes.forEach(n -> out.add(n.handle()));
        return out;
    }

    /** The live process with this PID, but only if it is the one that started at {@code startMillis}. */
    public static Optional<ProcessHandle> find(long pid, Long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            if (startMillis == null) {
                return true;
            }
            Optional<Instant> started = h.info().startInstant();
            // start instants from /proc have clock-tick precision; allow a small difference
            return started.map(s -> Math.abs(s.toEpochMilli() - startMillis) < 2000)
                    .orElse(true);
        });
    }

    public static Long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
