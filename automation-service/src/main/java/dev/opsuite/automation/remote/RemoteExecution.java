package dev.opsuite.automation.remote;

import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.common.crypto.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.jboss.logging.Logger;

/**
 * One command on one node: opens a session on a pooled connection, sends the payload on stdin, drains
 * stdout and stderr concurrently (capped), and waits for the exit status within the timeout. A
 * timeout or {@link #cancel()} kills the remote process group over a second session and closes the
 * channel, so nothing keeps running on the node.
 */
public final class RemoteExecution {
    private static final Logger LOG = Logger.getLogger(RemoteExecution.class);

    private final SshPool pool;
    private final NodeTarget node;
    private final Login login;
    private final RemoteCommand command;
    private final Duration timeout;
    private final int outputCap;
    private final Duration killGrace;
    private final SecretMasker masker;
    private volatile boolean cancelled;
    private volatile SshPool.Lease lease;
    private volatile Thread runner;

    public RemoteExecution(
            SshPool pool,
            NodeTarget node,
            Login login,
            RemoteCommand command,
            Duration timeout,
            int outputCap,
            Duration killGrace,
            SecretMasker masker) {
        this.pool = pool;
        this.node = node;
        this.login = login;
        this.command = command;
        this.timeout = timeout;
        this.outputCap = outputCap;
        this.killGrace = killGrace;
        this.masker = masker;
    }

    public NodeResult run() {
        runner = Thread.currentThread();
        OffsetDateTime start = OffsetDateTime.now();
        if (cancelled) {
            return result("cancelled", null, "", "", "cancelled before it started", start);
        }
        try (SshPool.Lease l = pool.open(node, login)) {
            lease = l;
            if (cancelled) {
                return result("cancelled", null, "", "", "cancelled before it started", start);
            }
            Session.Command cmd = l.session().exec(command.commandLine());
            CappedOutput out = new CappedOutput(outputCap);
            CappedOutput err = new CappedOutput(outputCap);
            Thread outDrain =
                    Thread.ofVirtual().name("ssh-out-" + node.name()).start(() -> out.drain(cmd.getInputStream()));
            Thread errDrain =
                    Thread.ofVirtual().name("ssh-err-" + node.name()).start(() -> err.drain(cmd.getErrorStream()));
            try (OutputStream stdin = cmd.getOutputStream()) {
                stdin.write(command.stdin());
                stdin.flush();
            }
            boolean finished = await(cmd, l);
            if (!finished) {
                killRemote(l);
                cmd.close();
                join(outDrain, errDrain);
                String why = cancelled
                        ? "cancelled: the remote process group was killed"
                        : "timed out after " + timeout.toSeconds() + "s: the remote process group was killed";
                return result(cancelled ? "cancelled" : "timed_out", null, out.text(), err.text(), why, start);
            }
            join(outDrain, errDrain);
            Integer exit = cmd.getExitStatus();
            if (exit == null) {
                if (cancelled) {
                    return result("cancelled", null, out.text(), err.text(), "cancelled", start);
                }
                String signal =
                        cmd.getExitSignal() == null ? null : cmd.getExitSignal().name();
                return result(
                        "failed",
                        null,
                        out.text(),
                        err.text(),
                        signal != null
                                ? "killed by signal " + signal
                                : "the connection to the node was lost mid-command",
                        start);
            }
            return result(
                    exit == 0 ? "success" : "failed",
                    exit,
                    out.text(),
                    err.text(),
                    exit == 0 ? null : "exited with status " + exit,
                    start);
        } catch (SshFailure e) {
            return result(cancelled ? "cancelled" : "failed", null, "", "", e.getMessage(), start);
        } catch (IOException | RuntimeException e) {
            if (cancelled) {
                return result("cancelled", null, "", "", "cancelled", start);
            }
            return result("failed", null, "", "", "SSH error on node " + node.name() + ": " + e.getMessage(), start);
        } finally {
            lease = null;
            runner = null;
        }
    }

    /** Kills what runs on the node (from any thread); run() then returns a cancelled result. */
    public void cancel() {
        cancelled = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** True when the command ended (or the connection died), false on timeout or cancel. */
    private boolean await(Session.Command cmd, SshPool.Lease l) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (cancelled) {
                Thread.interrupted();
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                cmd.join(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (ConnectionException e) {
                // a join that timed out or was interrupted by cancel(): look again
                Thread.interrupted();
            }
            if (!cmd.isOpen() || !l.client().isConnected()) {
                return true;
            }
        }
    }

    private void killRemote(SshPool.Lease l) {
        try (Session kill = l.extraSession()) {
            Session.Command k =
                    kill.exec(RemoteCommand.killCommandLine(command.runId(), Math.max(1, killGrace.toSeconds())));
            k.join(killGrace.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(
                    "could not kill run %s on node %s: %s (the channel is closed; the remote process may linger)",
                    command.runId(), node.name(), e.getMessage());
        }
    }

    private static void join(Thread... threads) {
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private NodeResult result(
            String status, Integer exit, String stdout, String stderr, String message, OffsetDateTime start) {
        return new NodeResult(
                node.name(),
                status,
                exit,
                masker.apply(stdout),
                masker.apply(stderr),
                masker.apply(message),
                start,
                OffsetDateTime.now());
    }
}
