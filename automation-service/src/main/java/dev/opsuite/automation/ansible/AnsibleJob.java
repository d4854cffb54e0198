package dev.opsuite.automation.ansible;

import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Outcome;
import dev.opsuite.automation.remote.Fingerprints;
import dev.opsuite.automation.remote.NodeTarget;
import dev.opsuite.automation.remote.SshFailure;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.task.Job;
import dev.opsuite.automation.task.JobResult;
import dev.opsuite.automation.task.Limiter;
import dev.opsuite.automation.task.TaskContext;
import dev.opsuite.common.crypto.SecretMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One {@code ansible-playbook} run: puts every node's host key into the run's known_hosts (the stored
 * key line when it is the pinned one, else the key verified over SSH just before the run; nodes that
 * fail that check are reported and left out), writes the private run directory, starts the process with the jsonl stdout
 * callback, turns its events into live output and progress, and takes the per-host results from the
 * final stats. Cancel and timeout kill the whole process tree. The run's SSH control masters are
 * stopped after the result is recorded (see {@link RunDirectory#close}).
 */
public final class AnsibleJob implements Job {
    private static final Logger LOG = Logger.getLogger(AnsibleJob.class);

    public record Spec(
            String playbook,
            List<NodeTarget> nodes,
            Login login,
            Map<String, Object> extraVars,
            List<String> extraArgs,
            String binary,
            Path tempBase,
            Duration timeout,
            Duration killGrace,
            int outputCap,
            SecretMasker masker) {}

    private final SshPool pool;
    private final Limiter admission;
    private final Spec spec;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Process process;

    public AnsibleJob(SshPool pool, Limiter admission, Spec spec) {
        this.pool = pool;
        this.admission = admission;
        this.spec = spec;
    }

    @Override
    public Limiter admission() {
        return admission;
    }

    @Override
    public JobResult run(TaskContext context) throws Exception {
        OffsetDateTime start = OffsetDateTime.now();
        long t0 = System.nanoTime();
        Map<String, String> keys = new ConcurrentHashMap<>();
        List<NodeTarget> reachable = preflight(context, keys, start);
        long preflightDone = System.nanoTime();
        if (reachable.isEmpty()) {
            return cancelled.get() ? JobResult.of(Outcome.CANCELLED) : JobResult.of(Outcome.FAILURE);
        }
        reachable.forEach(n -> context.nodeStarted(n.name()));
        try (RunDirectory run =
                RunDirectory.create(spec.tempBase(), context.task().taskId())) {
            Path keyFile = spec.login().usesKey() ? run.privateKey(spec.login().privateKey()) : null;
            Path inventory = run.inventory(reachable, spec.login(), keyFile);
            Path knownHosts = run.knownHosts(reachable, keys);
            Path vars = run.vars("vars.json", spec.extraVars());
            Path secrets = run.secrets(spec.login());
            Path playbook = run.playbook(spec.playbook());
            List<String> command = new ArrayList<>(
                    List.of(spec.binary(), "-i", inventory.toString(), "-e", "@" + vars, "-e", "@" + secrets));
            command.addAll(spec.extraArgs());
            command.add(playbook.toString());
            ProcessBuilder pb = new ProcessBuilder(command).directory(run.dir.toFile());
            Map<String, String> env = pb.environment();
            env.put("ANSIBLE_CONFIG", run.config().toString());
            env.put("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.jsonl");
            env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
            env.put(
                    "ANSIBLE_SSH_ARGS",
                    "-o UserKnownHostsFile=" + knownHosts + " -o GlobalKnownHostsFile=/dev/null "
                            + "-o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=30s -o BatchMode="
                            + (spec.login().usesKey() ? "yes" : "no"));
            env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", run.controlDir.toString());
            env.put("ANSIBLE_LOCAL_TEMP", run.dir.resolve("tmp").toString());
            env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
            env.put("ANSIBLE_NOCOLOR", "1");
            env.put("ANSIBLE_PYTHON_INTERPRETER", "auto_silent");
            env.put("ANSIBLE_DEPRECATION_WARNINGS", "False");
            env.put("PYTHONUNBUFFERED", "1");
            env.put("HOME", run.dir.toString());
            if (cancelled.get()) {
                return JobResult.of(Outcome.CANCELLED);
            }
            Process p = pb.start();
            process = p;
            p.getOutputStream().close();
            int total = Math.max(1, TaskCounter.count(spec.playbook()));
            JsonlEvents events = new JsonlEvents();
            StringBuilder stderr = new StringBuilder();
            Thread err = Thread.ofVirtual().start(() -> readStderr(p, stderr));
            Thread out = Thread.ofVirtual().start(() -> readEvents(p, events, context, total));
            boolean finished = p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            boolean timedOut = !finished && !cancelled.get();
            if (!finished) {
                ProcessTree.kill(p, spec.killGrace());
            }
            out.join(Duration.ofSeconds(10));
            err.join(Duration.ofSeconds(5));
            long playbookDone = System.nanoTime();
            if (cancelled.get()) {
                return JobResult.of(Outcome.CANCELLED);
            }
            JobResult result = results(context, reachable, events, p, timedOut, stderr, start);
            LOG.infof(
                    "ansible run %s on %d node(s): host keys %d ms, playbook %d ms, results %d ms",
                    context.task().taskId(),
                    reachable.size(),
                    millis(t0, preflightDone),
                    millis(preflightDone, playbookDone),
                    millis(playbookDone, System.nanoTime()));
            return result;
        }
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }

    private List<NodeTarget> preflight(TaskContext context, Map<String, String> keys, OffsetDateTime start)
            throws InterruptedException {
        List<NodeTarget> reachable = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        for (NodeTarget n : spec.nodes()) {
            String pinnedKey = pinnedKeyLine(n);
            if (pinnedKey != null) {
                keys.put(n.name(), pinnedKey);
                continue;
            }
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    String key = pool.verifiedHostKey(n, spec.login());
                    if (key != null) {
                        keys.put(n.name(), key);
                    } else {
                        failures.put(n.name(), "no host key was verified for node " + n.name());
                    }
                } catch (SshFailure e) {
                    failures.put(n.name(), e.getMessage());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (NodeTarget n : spec.nodes()) {
            String failure = failures.get(n.name());
            if (failure == null) {
                reachable.add(n);
            } else {
                context.nodeFinished(new NodeResult(
                        n.name(),
                        "failed",
                        null,
                        null,
                        null,
                        spec.masker().apply(failure),
                        start,
                        OffsetDateTime.now()));
            }
        }
        return reachable;
    }

    /**
     * The node's stored key line when it is the pinned key: known_hosts then holds exactly the pinned
     * key and OpenSSH ({@code StrictHostKeyChecking=yes}) refuses any other, so no connection of our own
     * is needed before the run. Null when the node is not pinned or no matching key line is stored yet.
     */
    static String pinnedKeyLine(NodeTarget n) {
        if (n.fingerprint() == null || n.hostKey() == null) {
            return null;
        }
        try {
            return n.fingerprint().equals(Fingerprints.ofPublicKeyLine(n.hostKey())) ? n.hostKey() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void readEvents(Process p, JsonlEvents events, TaskContext context, int total) {
        StringBuilder pending = new StringBuilder();
        long lastFlush = System.nanoTime();
        int lastTasks = 0;
        int kept = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String text = events.accept(line);
                if (!text.isEmpty() && kept < spec.outputCap()) {
                    String masked = spec.masker().apply(text);
                    pending.append(masked);
                    kept += masked.length();
                }
                if (events.tasksStarted() != lastTasks) {
                    lastTasks = events.tasksStarted();
                    int percent = Math.min(95, (int) Math.round(100.0 * (lastTasks - 1) / total));
                    flush(context, pending);
                    context.progress(
                            Math.max(0, percent),
                            "TASK [" + events.currentTask() + "] (" + lastTasks + "/" + total + ")",
                            null);
                    lastFlush = System.nanoTime();
                } else if (System.nanoTime() - lastFlush > TimeUnit.MILLISECONDS.toNanos(500)) {
                    flush(context, pending);
                    lastFlush = System.nanoTime();
                }
            }
        } catch (IOException e) {
            // the process was killed: what was read is kept
        }
        if (kept >= spec.outputCap()) {
            pending.append("\n…[output truncated]\n");
        }
        flush(context, pending);
    }

    private static void flush(TaskContext context, StringBuilder pending) {
        if (!pending.isEmpty()) {
            context.appendOutput(pending.toString());
            pending.setLength(0);
        }
    }

    private static void readStderr(Process p, StringBuilder sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (sink) {
                    if (sink.length() < 16_384) {
                        sink.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // killed
        }
    }

    private JobResult results(
            TaskContext context,
            List<NodeTarget> nodes,
            JsonlEvents events,
            Process p,
            boolean timedOut,
            StringBuilder stderr,
            OffsetDateTime start) {
        Map<String, JsonlEvents.HostStats> stats = events.stats();
        String errText;
        synchronized (stderr) {
            errText = spec.masker().apply(stderr.toString().strip());
        }
        int ok = 0;
        int failed = 0;
        List<NodeResult> finished = new ArrayList<>();
        for (NodeTarget n : nodes) {
            JsonlEvents.HostStats s = stats == null ? null : stats.get(n.name());
            String status;
            String message;
            if (timedOut) {
                status = "timed_out";
                message = "ansible-playbook timed out after " + spec.timeout().toSeconds() + "s and was killed";
            } else if (s == null) {
                status = "failed";
                message = stats == null
                        ? "ansible-playbook ended without a result (exit " + p.exitValue() + ")"
                        : "not in the play recap";
            } else if (s.failed()) {
                status = "failed";
                String last = events.lastFailure(n.name());
                message = s.summary() + (last == null ? "" : " — " + last);
            } else {
                status = "success";
                message = s.summary();
            }
            if (status.equals("success")) {
                ok++;
            } else {
                failed++;
            }
            finished.add(new NodeResult(
                    n.name(), status, null, null, null, spec.masker().apply(message), start, OffsetDateTime.now()));
        }
        context.nodesFinished(finished);
        int preflightFailed = spec.nodes().size() - nodes.size();
        failed += preflightFailed;
        if (timedOut) {
            return new JobResult(
                    Outcome.TIMED_OUT,
                    "ansible-playbook timed out after " + spec.timeout().toSeconds() + "s");
        }
        if (stats == null) {
            String why = "ansible-playbook exited " + p.exitValue() + (errText.isEmpty() ? "" : ": " + tail(errText));
            return new JobResult(Outcome.FAILURE, why);
        }
        return JobResult.of(Outcome.of(ok, failed, false, false));
    }

    private static String tail(String s) {
        return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        Process p = process;
        if (p != null) {
            Thread.ofVirtual().start(() -> ProcessTree.kill(p, spec.killGrace()));
        }
    }
}
