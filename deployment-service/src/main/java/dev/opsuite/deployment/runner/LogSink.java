package dev.opsuite.deployment.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.db.Db;

/**
 * A deployment's log: every line is masked (secret values and their base64 forms) before it is
 * stored, gets the next offset, and is written in small batches so chatty installs stay cheap.
 */
public final class LogSink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogSink.class);
    private static final int MAX_LINE = 8192;

    private final Db db;
    private final String deploymentId;
    private final SecretMasker masker;
    private final AtomicLong nextOffset;
    private final List<Object[]> pending = new ArrayList<>();
    private final Thread flusher;
    private volatile boolean closed;

    public LogSink(Db db, String deploymentId, SecretMasker masker, long firstOffset) {
        this.db = db;
        this.deploymentId = deploymentId;
        this.masker = masker;
        this.nextOffset = new AtomicLong(firstOffset);
        this.flusher = Thread.ofVirtual().name("log-flush-" + deploymentId).start(this::flushLoop);
    }

    public String mask(String text) {
        return masker.apply(text);
    }

    public void system(String text) {
        line("system", text);
    }

    public void line(String stream, String text) {
        String masked = masker.apply(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text);
        synchronized (pending) {
            pending.add(new Object[] { nextOffset.getAndIncrement(), stream, masked,
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC) });
        }
    }

    /** Batches commit in offset order (one flush at a time), so a reader following offsets never skips a line. */
    public synchronized void flush() {
        List<Object[]> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        Long[] offsets = new Long[batch.size()];
        String[] streams = new String[batch.size()];
        String[] lines = new String[batch.size()];
        java.time.OffsetDateTime[] times = new java.time.OffsetDateTime[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            times[i] = (java.time.OffsetDateTime) batch.get(i)[3];
            offsets[i] = (Long) batch.get(i)[0];
            streams[i] = (String) batch.get(i)[1];
            lines[i] = (String) batch.get(i)[2];
        }
        try {
            // each line keeps the time it was read, not the time its batch was written
            db.update("INSERT INTO deployment_logs (deployment_id, line_no, stream, line, logged_at) "
                    + "SELECT $1, o, s, l, t FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) AS x(o, s, l, t) "
                    + "ON CONFLICT DO NOTHING", deploymentId, offsets, streams, lines, times);
        } catch (RuntimeException e) {
            LOG.warnf("could not store %d log lines of %s: %s", batch.size(), deploymentId, e.getMessage());
        }
    }

    private void flushLoop() {
        while (!closed) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flush();
    }
}
