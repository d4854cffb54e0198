package dev.opsuite.deployment.runner;

import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.domain.DeploymentLogs;
import dev.opsuite.deployment.domain.LogLine;
import dev.opsuite.deployment.steps.LogSink;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A deployment's log as the runner keeps it: every line is masked (secret values and their base64
 * forms) before it is stored, gets the next offset, and is written in small batches so chatty installs
 * stay cheap. While someone on this instance follows the log, a new line is written at once (lines
 * arriving during a write form the next batch) and, once committed, pushed to the followers.
 */
final class StoredLogSink implements LogSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoredLogSink.class);
    private static final int MAX_LINE = 8192;
    private static final long IDLE_FLUSH_MILLIS = 200;

    private final DeploymentLogs logs;
    private final String deploymentId;
    private final SecretMasker masker;
    private final LogBroadcast broadcast;
    private final AtomicLong nextOffset;
    private final List<LogLine> pending = new ArrayList<>();
    private final Semaphore poke = new Semaphore(0);
    private final Thread flusher;
    private volatile boolean closed;

    StoredLogSink(
            DeploymentLogs logs, String deploymentId, SecretMasker masker, LogBroadcast broadcast, long firstOffset) {
        this.logs = logs;
        this.deploymentId = deploymentId;
        this.masker = masker;
        this.broadcast = broadcast;
        this.nextOffset = new AtomicLong(firstOffset);
        this.flusher = Thread.ofVirtual().name("log-flush-" + deploymentId).start(this::flushLoop);
    }

    @Override
    public String mask(String text) {
        return masker.apply(text);
    }

    @Override
    public void system(String text) {
        line("system", text);
    }

    @Override
    public void line(String stream, String text) {
        String masked = masker.apply(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text);
        synchronized (pending) {
            // the offset is taken under the same lock as the append, so pending stays in offset order
            pending.add(new LogLine(nextOffset.getAndIncrement(), stream, masked, OffsetDateTime.now(ZoneOffset.UTC)));
        }
        if (broadcast.hasFollowers(deploymentId)) {
            poke.release();
        }
    }

    /**
     * Batches commit in offset order (one flush at a time), so a reader following offsets never skips a
     * line; followers get a batch only after it is committed, so the database always holds what they saw.
     */
    @Override
    public synchronized void flush() {
        List<LogLine> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            logs.append(deploymentId, batch);
        } catch (RuntimeException e) {
            LOG.warnf("could not store %d log lines of %s: %s", batch.size(), deploymentId, e.getMessage());
        }
        broadcast.publish(deploymentId, batch);
    }

    private void flushLoop() {
        while (!closed) {
            try {
                poke.tryAcquire(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            poke.drainPermits();
            flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flush();
        broadcast.closed(deploymentId);
    }
}
