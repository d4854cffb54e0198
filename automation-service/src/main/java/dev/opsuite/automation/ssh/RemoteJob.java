package dev.opsuite.automation.ssh;

import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Outcome;
import dev.opsuite.automation.remote.NodeTarget;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.RemoteExecution;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.task.Job;
import dev.opsuite.automation.task.JobResult;
import dev.opsuite.automation.task.Limiter;
import dev.opsuite.automation.task.TaskContext;
import dev.opsuite.common.crypto.SecretMasker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One payload (a command or a script) on every target node at once, each node on its own virtual
 * thread, bounded by the SSH node limit (waiting nodes stay {@code pending}). Each node's result is
 * recorded as soon as it is known.
 */
public final class RemoteJob implements Job {
    /** Everything a node run needs besides the node. */
    public record Spec(
            List<NodeTarget> nodes,
            Login login,
            String payload,
            RemoteCommand.Interpreter interpreter,
            Map<String, String> env,
            Duration timeout,
            int outputCap,
            Duration killGrace,
            SecretMasker masker) {}

    private final SshPool pool;
    private final Limiter nodeSlots;
    private final Spec spec;
    private final Map<String, RemoteExecution> executions = new ConcurrentHashMap<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public RemoteJob(SshPool pool, Limiter nodeSlots, Spec spec) {
        this.pool = pool;
        this.nodeSlots = nodeSlots;
        this.spec = spec;
    }

    @Override
    public JobResult run(TaskContext context) throws InterruptedException {
        String taskId = context.task().taskId();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean timedOut = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < spec.nodes().size(); i++) {
            NodeTarget node = spec.nodes().get(i);
            String runId = taskId + "-" + i;
            threads.add(Thread.ofVirtual().name("node-" + runId).start(() -> {
                NodeResult r = runNode(context, node, runId);
                (r.success() ? succeeded : failed).incrementAndGet();
                if (r.timedOut()) {
                    timedOut.set(true);
                }
                context.nodeFinished(r);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return JobResult.of(Outcome.of(succeeded.get(), failed.get(), timedOut.get(), cancelled.get()));
    }

    private NodeResult runNode(TaskContext context, NodeTarget node, String runId) {
        OffsetDateTime queued = OffsetDateTime.now();
        if (!nodeSlots.acquire(cancelled::get)) {
            return new NodeResult(
                    node.name(),
                    "cancelled",
                    null,
                    "",
                    "",
                    "cancelled before it started",
                    queued,
                    OffsetDateTime.now());
        }
        try {
            context.nodeStarted(node.name());
            RemoteExecution exec = new RemoteExecution(
                    pool,
                    node,
                    spec.login(),
                    new RemoteCommand(
                            runId,
                            spec.payload(),
                            spec.interpreter(),
                            spec.env(),
                            RemoteCommand.becomeOf(spec.login())),
                    spec.timeout(),
                    spec.outputCap(),
                    spec.killGrace(),
                    spec.masker());
            executions.put(node.name(), exec);
            if (cancelled.get()) {
                exec.cancel();
            }
            return exec.run();
        } finally {
            executions.remove(node.name());
            nodeSlots.release();
        }
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        executions.values().forEach(RemoteExecution::cancel);
    }
}
