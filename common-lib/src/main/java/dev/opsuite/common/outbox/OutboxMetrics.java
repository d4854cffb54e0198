package dev.opsuite.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus view of the outbox: {@code opsuite_outbox_backlog} (unpublished rows),
 * {@code opsuite_outbox_oldest_age_seconds}, {@code opsuite_outbox_published_total},
 * {@code opsuite_outbox_failed_total}. Registered only when the relay runs.
 */
@ApplicationScoped
public class OutboxMetrics {
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile Counter published;
    private volatile Counter failed;

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register() {
        Gauge.builder("opsuite.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder("opsuite.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        published = Counter.builder("opsuite.outbox.published")
                .description("Outbox rows published")
                .register(registry);
        failed = Counter.builder("opsuite.outbox.failed")
                .description("Outbox publish attempts that failed")
                .register(registry);
    }

    void backlog(long rows, double oldestAgeSeconds) {
        backlog.set(rows);
        oldestAgeMillis.set((long) (oldestAgeSeconds * 1000));
    }

    void published(int n) {
        if (published != null && n > 0) {
            published.increment(n);
        }
    }

    void failed(int n) {
        if (failed != null && n > 0) {
            failed.increment(n);
        }
    }

    public long backlog() {
        return backlog.get();
    }
}
