package dev.opsuite.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.kafka.ReliableProducer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows: in one JDBC transaction it locks a batch ({@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work), sends every row with the acks=all idempotent producer, waits for the
 * broker's acks and only then marks the acknowledged rows published; failed rows get attempts+1,
 * last_error and a back-off, and are retried later. Runs on its own thread (JDBC and producer calls
 * block), every poll interval and shortly after each enqueue. Off unless {@code opsuite.outbox.enabled}.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long POKE_DELAY_MILLIS = 20;
    private static final long CLEANUP_EVERY_MILLIS = 600_000;
    private static final String SELECT_BATCH = "SELECT id, topic, record_key, headers::text, payload FROM outbox "
            + "WHERE published_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";

    private final OutboxConfig config;
    private final Instance<DataSource> dataSource;
    private final ReliableProducer producer;
    private final OutboxMetrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicBoolean pokePending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile long lastCleanup;

    public OutboxRelay(
            OutboxConfig config, Instance<DataSource> dataSource, ReliableProducer producer, OutboxMetrics metrics) {
        this.config = config;
        this.dataSource = dataSource;
        this.producer = producer;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        metrics.register();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsuite-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("outbox relay started (batch %d, every %s)", config.batchSize(), config.pollInterval());
    }

    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }

    /** Asks for a relay run in a moment (after the enqueuing transaction has had time to commit). */
    public void pokeSoon() {
        ScheduledExecutorService ex = executor;
        if (ex != null && pokePending.compareAndSet(false, true)) {
            try {
                ex.schedule(
                        () -> {
                            pokePending.set(false);
                            drainQuietly();
                        },
                        POKE_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                pokePending.set(false);
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (Exception e) {
            LOG.warnf("outbox relay run failed (will retry): %s", e.toString());
        }
    }

    /** Publishes until the backlog is empty or a batch comes back short; returns the rows published. */
    public synchronized int drain() throws SQLException {
        int total = 0;
        while (true) {
            BatchResult result = relayBatch();
            total += result.published;
            if (result.selected < config.batchSize() || result.published == 0) {
                break;
            }
        }
        refreshBacklog();
        cleanupOccasionally();
        return total;
    }

    private record Row(long id, String topic, String key, String headersJson, byte[] payload) {}

    private record BatchResult(int selected, int published) {}

    private BatchResult relayBatch() throws SQLException {
        try (Connection c = dataSource.get().getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Row> rows = lockBatch(c);
                if (rows.isEmpty()) {
                    c.commit();
                    return new BatchResult(0, 0);
                }
                List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    try {
                        acks.add(producer.send(toRecord(row)));
                    } catch (RuntimeException e) {
                        // one bad row (e.g. unreadable headers) must not block the rows behind it
                        acks.add(CompletableFuture.failedFuture(e));
                    }
                }
                List<Long> published = new ArrayList<>();
                Map<Long, String> failed = new LinkedHashMap<>();
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    try {
                        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        published.add(row.id);
                    } catch (ExecutionException e) {
                        failed.put(row.id, String.valueOf(e.getCause()));
                    } catch (TimeoutException e) {
                        failed.put(row.id, "no broker acknowledgement within " + config.sendTimeout());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed.put(row.id, "interrupted");
                    }
                }
                markPublished(c, published);
                markFailed(c, failed);
                c.commit();
                metrics.published(published.size());
                metrics.failed(failed.size());
                if (!failed.isEmpty()) {
                    LOG.warnf(
                            "outbox: %d of %d events not acknowledged, will retry; first error: %s",
                            failed.size(),
                            rows.size(),
                            failed.values().iterator().next());
                }
                return new BatchResult(rows.size(), published.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Row> lockBatch(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BATCH)) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
                }
            }
        }
        return rows;
    }

    private ProducerRecord<String, byte[]> toRecord(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic, row.key, row.payload);
        parseHeaders(row.headersJson).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void markPublished(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private void markFailed(Connection c, Map<Long, String> failures) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                + "next_attempt_at = now() + LEAST(?::bigint, (1000 * power(2, LEAST(attempts, 20)))::bigint) "
                + "* interval '1 millisecond' WHERE id = ?")) {
            for (Map.Entry<Long, String> f : failures.entrySet()) {
                String error = f.getValue();
                ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                ps.setLong(2, config.maxBackoff().toMillis());
                ps.setLong(3, f.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void refreshBacklog() throws SQLException {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), "
                                + "COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outbox WHERE published_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            metrics.backlog(rs.getLong(1), rs.getDouble(2));
        }
    }

    private void cleanupOccasionally() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < CLEANUP_EVERY_MILLIS) {
            return;
        }
        lastCleanup = now;
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM outbox WHERE published_at < now() - ?::bigint * interval '1 millisecond'")) {
            ps.setLong(1, config.retention().toMillis());
            int deleted = ps.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("outbox: deleted %d published rows past retention", deleted);
            }
        }
    }

    private Map<String, String> parseHeaders(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row with unreadable headers", e);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledExecutorService ex = executor;
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
