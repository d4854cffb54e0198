package dev.opsuite.automation.workflow;

import dev.opsuite.automation.ansible.AnsibleJob;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Outcome;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskStore;
import dev.opsuite.automation.domain.WorkflowDefinition.Step;
import dev.opsuite.automation.remote.NodeTarget;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.RemoteExecution;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.scripts.ParameterRules;
import dev.opsuite.automation.task.Job;
import dev.opsuite.automation.task.JobResult;
import dev.opsuite.automation.task.TaskContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a workflow DAG: every step whose dependencies are finished runs at once, on its own virtual
 * thread; {@code when} decides between running and skipping (on_success: all dependencies succeeded,
 * continue_on_error failures count as success; on_failure: one failed; always); retries with a delay;
 * a per-step timeout; cancel stops running steps and skips the rest.
 */
final class WorkflowJob implements Job {
    private static final Set<String> FAILED = Set.of("failed", "timed_out");

    private final WorkflowPlan plan;
    private final SshPool pool;
    private final TaskStore store;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> cancellers = new CopyOnWriteArrayList<>();
    private final Map<String, String> state = new ConcurrentHashMap<>();

    private record Finished(Step step, String status, String result) {}

    private final Set<String> carried;

    /** @param carried ids of steps completed by the run this one resumes: they do not run again */
    WorkflowJob(WorkflowPlan plan, SshPool pool, TaskStore store, Set<String> carried) {
        this.carried = carried;
        this.plan = plan;
        this.pool = pool;
        this.store = store;
    }

    @Override
    public JobResult run(TaskContext context) throws InterruptedException {
        String taskId = context.task().taskId();
        Map<String, Step> byId = new LinkedHashMap<>();
        plan.steps().forEach(s -> {
            byId.put(s.id(), s);
            state.put(s.id(), carried.contains(s.id()) ? "completed" : "pending");
        });
        LinkedBlockingQueue<Finished> done = new LinkedBlockingQueue<>();
        int running = 0;
        int finished = carried.size();
        int total = plan.steps().size();
        while (true) {
            boolean progressed = true;
            while (progressed && !cancelled.get()) {
                progressed = false;
                for (Step s : plan.steps()) {
                    if (!state.get(s.id()).equals("pending")
                            || !s.deps().stream().allMatch(d -> terminal(state.get(d)))) {
                        continue;
                    }
                    if (!shouldRun(s, byId)) {
                        state.put(s.id(), "skipped");
                        finished++;
                        record(context, s, "skipped", "skipped", whySkipped(s), finished, total);
                        progressed = true;
                        continue;
                    }
                    state.put(s.id(), "running");
                    running++;
                    Thread.ofVirtual().name("step-" + taskId + "-" + s.id()).start(() -> {
                        Finished f;
                        try {
                            f = runWithRetries(context, s);
                        } catch (RuntimeException | InterruptedException e) {
                            f = new Finished(
                                    s, cancelled.get() ? "cancelled" : "failed", "step error: " + e.getMessage());
                        }
                        done.add(f);
                    });
                    progressed = true;
                }
            }
            if (running == 0) {
                break;
            }
            Finished f = done.take();
            running--;
            finished++;
            state.put(f.step().id(), f.status());
            record(
                    context,
                    f.step(),
                    f.status(),
                    f.status().equals("completed") ? "success" : f.status(),
                    f.result(),
                    finished,
                    total);
        }
        for (Step s : plan.steps()) {
            if (state.get(s.id()).equals("pending")) {
                state.put(s.id(), "skipped");
                String why = cancelled.get() ? "cancelled before it ran" : "not reached";
                store.inTransaction(tx -> store.stepFinished(tx, taskId, s.id(), "skipped", "skipped", why))
                        .await()
                        .atMost(Duration.ofSeconds(30));
            }
        }
        boolean hardFailure = false;
        boolean timedOut = false;
        for (Step s : plan.steps()) {
            String st = state.get(s.id());
            if (FAILED.contains(st) && !s.continues()) {
                hardFailure = true;
                timedOut |= st.equals("timed_out");
            }
        }
        Outcome outcome = cancelled.get()
                ? Outcome.CANCELLED
                : !hardFailure ? Outcome.SUCCESS : timedOut ? Outcome.TIMED_OUT : Outcome.FAILURE;
        for (NodeTarget n : plan.targets().nodes()) {
            String status =
                    outcome == Outcome.SUCCESS ? "success" : outcome == Outcome.CANCELLED ? "cancelled" : "failed";
            context.nodeFinished(new NodeResult(
                    n.name(), status, null, null, null, "workflow " + outcome.wire(), null, OffsetDateTime.now()));
        }
        return JobResult.of(outcome);
    }

    private void record(
            TaskContext context, Step s, String status, String result, String message, int finished, int total) {
        String taskId = context.task().taskId();
        store.inTransaction(tx -> store.stepFinished(
                        tx, taskId, s.id(), status, result, plan.masker().apply(message)))
                .await()
                .atMost(Duration.ofSeconds(30));
        int percent = (int) Math.round(100.0 * finished / Math.max(1, total));
        context.progress(Math.min(percent, 99), "step " + s.id() + " " + status, null);
    }

    private boolean shouldRun(Step s, Map<String, Step> byId) {
        boolean allOk = true;
        boolean anyFailed = false;
        for (String d : s.deps()) {
            String st = state.get(d);
            boolean failed = FAILED.contains(st);
            anyFailed |= failed;
            boolean ok = st.equals("completed") || (failed && byId.get(d).continues());
            allOk &= ok;
        }
        return switch (s.whenOrDefault()) {
            case "always" -> true;
            case "on_failure" -> anyFailed;
            default -> allOk;
        };
    }

    private String whySkipped(Step s) {
        return switch (s.whenOrDefault()) {
            case "on_failure" -> "skipped: no dependency failed";
            default -> "skipped: a dependency did not succeed";
        };
    }

    private static boolean terminal(String status) {
        return !status.equals("pending") && !status.equals("running");
    }

    private Finished runWithRetries(TaskContext context, Step s) throws InterruptedException {
        int attempts = s.retry() == null || s.retry().maxAttempts() == null
                ? 1
                : s.retry().maxAttempts();
        int delay =
                s.retry() == null || s.retry().delay() == null ? 0 : s.retry().delay();
        Finished last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int a = attempt;
            store.inTransaction(tx -> store.stepStarted(tx, context.task().taskId(), s.id(), a))
                    .await()
                    .atMost(Duration.ofSeconds(30));
            context.progress(
                    progressNow(), "step " + s.id() + " started" + (a > 1 ? " (attempt " + a + ")" : ""), s.id());
            last = attempt(context, s);
            if (last.status().equals("completed") || cancelled.get()) {
                return last;
            }
            if (attempt < attempts) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(delay);
                while (System.nanoTime() < until && !cancelled.get()) {
                    Thread.sleep(50);
                }
                if (cancelled.get()) {
                    return new Finished(s, "cancelled", "cancelled between retries");
                }
            }
        }
        return attempts > 1
                ? new Finished(s, last.status(), last.result() + " (after " + attempts + " attempts)")
                : last;
    }

    private int progressNow() {
        long done = state.values().stream().filter(WorkflowJob::terminal).count();
        return (int) Math.min(99, Math.round(100.0 * done / Math.max(1, state.size())));
    }

    private Finished attempt(TaskContext context, Step s) {
        Duration timeout = Duration.ofSeconds(s.timeout() == null ? plan.defaultTimeout() : s.timeout());
        try {
            String result = switch (s.type()) {
                case "ssh" -> remote(context, s, s.command(), RemoteCommand.Interpreter.SHELL, env(s, null), timeout);
                case "script" -> {
                    WorkflowPlan.ScriptSnapshot script = plan.scripts().get(s.scriptId());
                    Map<String, Object> given = new HashMap<>(env(s, null));
                    Map<String, String> resolved = ParameterRules.resolve(script.parameters(), given);
                    yield remote(
                            context,
                            s,
                            script.content(),
                            "python".equals(script.language())
                                    ? RemoteCommand.Interpreter.PYTHON3
                                    : RemoteCommand.Interpreter.BASH,
                            resolved,
                            timeout);
                }
                case "ansible" -> ansible(context, s, timeout);
                default -> k8s(s, timeout);
            };
            return new Finished(s, "completed", result);
        } catch (StepFailure e) {
            String status =
                    cancelled.get() ? "cancelled" : e.getMessage().startsWith("timed out") ? "timed_out" : "failed";
            return new Finished(s, status, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finished(s, "cancelled", "interrupted");
        } catch (RuntimeException e) {
            return new Finished(s, "failed", e.getMessage());
        }
    }

    private Map<String, String> env(Step s, Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(base == null ? plan.parameters() : base);
        if (s.parameters() != null) {
            env.putAll(s.parameters());
        }
        return env;
    }

    private String remote(
            TaskContext context,
            Step s,
            String payload,
            RemoteCommand.Interpreter interpreter,
            Map<String, String> env,
            Duration timeout)
            throws StepFailure, InterruptedException {
        List<NodeTarget> nodes = plan.targets().nodes();
        int stepIndex = plan.steps().indexOf(s);
        List<NodeResult> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeTarget n = nodes.get(i);
            String runId = context.task().taskId() + "-s" + stepIndex + "-" + i;
            RemoteExecution exec = new RemoteExecution(
                    pool,
                    n,
                    plan.login(),
                    new RemoteCommand(runId, payload, interpreter, env, RemoteCommand.becomeOf(plan.login())),
                    timeout,
                    plan.outputCap(),
                    plan.killGrace(),
                    plan.masker());
            cancellers.add(exec::cancel);
            if (cancelled.get()) {
                exec.cancel();
            }
            threads.add(Thread.ofVirtual().start(() -> results.add(exec.run())));
        }
        for (Thread t : threads) {
            t.join();
        }
        StringBuilder summary = new StringBuilder();
        boolean ok = true;
        boolean timedOut = false;
        for (NodeTarget n : nodes) {
            NodeResult r = results.stream()
                    .filter(x -> x.node().equals(n.name()))
                    .findFirst()
                    .orElseThrow();
            ok &= r.success();
            timedOut |= r.timedOut();
            summary.append(n.name()).append(": ").append(r.status());
            if (r.exitCode() != null) {
                summary.append(" (exit ").append(r.exitCode()).append(')');
            }
            if (!r.success() && r.message() != null) {
                summary.append(" - ").append(r.message());
            }
            String out = r.stdout() == null ? "" : r.stdout().strip();
            if (!out.isEmpty()) {
                summary.append("\n").append(out.length() > 2000 ? out.substring(0, 2000) + "…" : out);
            }
            summary.append('\n');
            context.appendOutput(
                    "[" + s.id() + "] " + n.name() + " " + r.status() + (out.isEmpty() ? "" : ":\n" + out) + "\n");
        }
        if (!ok) {
            throw new StepFailure(
                    (timedOut ? "timed out: " : "") + summary.toString().strip());
        }
        return summary.toString().strip();
    }

    private String ansible(TaskContext context, Step s, Duration timeout) throws StepFailure {
        String playbook = plan.playbooks().get(s.playbookId());
        Map<String, Object> vars = new LinkedHashMap<>(plan.parameters());
        if (s.extraVars() != null) {
            vars.putAll(s.extraVars());
        }
        AnsibleJob job = new AnsibleJob(
                pool,
                null,
                new AnsibleJob.Spec(
                        playbook,
                        plan.targets().nodes(),
                        plan.login(),
                        vars,
                        List.of(),
                        plan.ansibleBinary(),
                        plan.ansibleTempDir(),
                        timeout,
                        plan.killGrace(),
                        plan.outputCap(),
                        plan.masker()));
        cancellers.add(job::cancel);
        StepContext stepContext = new StepContext(context, s.id(), store);
        JobResult r;
        try {
            r = job.run(stepContext);
        } catch (Exception e) {
            throw new StepFailure("ansible-playbook: " + e.getMessage());
        }
        String summary = stepContext.summary();
        if (r.outcome() == Outcome.SUCCESS) {
            return summary;
        }
        throw new StepFailure((r.outcome() == Outcome.TIMED_OUT ? "timed out: " : "")
                + (r.error() == null ? summary : r.error() + "\n" + summary));
    }

    private String k8s(Step s, Duration timeout) throws StepFailure, InterruptedException {
        if (plan.targets().kubernetes() == null) {
            throw new StepFailure("cluster " + plan.targets().cluster() + " has no kubernetes api_url configured");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder out = new StringBuilder();
        try (KubernetesClient client = K8sActions.client(plan.targets().kubernetes())) {
            for (NodeTarget n : plan.targets().nodes()) {
                out.append(K8sActions.run(client, s.action(), n.name(), deadline, cancelled::get))
                        .append('\n');
            }
        } catch (StepFailure e) {
            if (System.nanoTime() > deadline && !cancelled.get()) {
                throw new StepFailure("timed out: " + e.getMessage());
            }
            throw e;
        }
        return out.toString().strip();
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        cancellers.forEach(Runnable::run);
    }

    /** Lets an Ansible step report into its workflow: output to the task, results kept for the step summary. */
    static final class StepContext implements TaskContext {
        private final TaskContext parent;
        private final String stepId;
        private final TaskStore store;
        private final Map<String, NodeResult> results = new ConcurrentHashMap<>();

        StepContext(TaskContext parent, String stepId, TaskStore store) {
            this.parent = parent;
            this.stepId = stepId;
            this.store = store;
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            results.values()
                    .forEach(r -> b.append(r.node())
                            .append(": ")
                            .append(r.status())
                            .append(" ")
                            .append(r.message())
                            .append('\n'));
            return b.toString().strip();
        }

        @Override
        public Task task() {
            return parent.task();
        }

        @Override
        public boolean cancelled() {
            return parent.cancelled();
        }

        @Override
        public void nodeStarted(String node) {}

        @Override
        public void nodeFinished(NodeResult result) {
            results.put(result.node(), result);
        }

        @Override
        public void nodesFinished(List<NodeResult> finished) {
            finished.forEach(this::nodeFinished);
        }

        @Override
        public void progress(int percent, String message, String currentStep) {
            store.stepProgress(parent.task().taskId(), stepId, percent).await().atMost(Duration.ofSeconds(30));
        }

        @Override
        public void appendOutput(String chunk) {
            parent.appendOutput(chunk);
        }
    }
}
