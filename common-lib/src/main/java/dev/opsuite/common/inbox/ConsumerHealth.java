package dev.opsuite.common.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every Kafka consumer of the service is doing, for readiness and metrics: whether it is stuck
 * (its current record keeps failing with a transient error, so its partition waits), and how many
 * records it dead-lettered. Consumers report through {@link EventConsumer} and {@link BatchApplier}.
 */
@ApplicationScoped
public class ConsumerHealth {

    /** A consumer's state as last reported. */
    public record State(
            Instant failingSince,
            String lastFailure,
            long deadLettered,
            Instant lastDeadLetterAt,
            String lastDeadLetterReason) {
        boolean stuckLongerThan(Duration limit, Instant now) {
            return failingSince != null && Duration.between(failingSince, now).compareTo(limit) > 0;
        }
    }

    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Tracked> consumers = new ConcurrentHashMap<>();

    public ConsumerHealth(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void succeeded(String consumer) {
        tracked(consumer).failingSince = null;
    }

    /** A failed attempt that will be retried (the consumer waits on this record). */
    public void failed(String consumer, boolean isTransient, String description) {
        Tracked t = tracked(consumer);
        if (t.failingSince == null) {
            t.failingSince = clock.instant();
        }
        t.lastFailure = description;
        (isTransient ? t.transientFailures : t.permanentFailures).increment();
    }

    public void deadLettered(String consumer, String reason) {
        Tracked t = tracked(consumer);
        t.failingSince = null;
        t.deadLettered.incrementAndGet();
        t.deadLetterCounter.increment();
        t.lastDeadLetterAt = clock.instant();
        t.lastDeadLetterReason = reason;
    }

    public Map<String, State> snapshot() {
        Map<String, State> out = new TreeMap<>();
        consumers.forEach((name, t) -> out.put(name, t.state()));
        return out;
    }

    Instant now() {
        return clock.instant();
    }

    private Tracked tracked(String consumer) {
        return consumers.computeIfAbsent(consumer, this::register);
    }

    private Tracked register(String consumer) {
        Tracked t = new Tracked(
                Counter.builder("opsuite.consumer.failures")
                        .tag("consumer", consumer)
                        .tag("kind", "transient")
                        .description("Failed attempts to apply a record that will be retried")
                        .register(metrics),
                Counter.builder("opsuite.consumer.failures")
                        .tag("consumer", consumer)
                        .tag("kind", "permanent")
                        .description("Failed attempts to apply a record that will be retried")
                        .register(metrics),
                Counter.builder("opsuite.consumer.dead.lettered")
                        .tag("consumer", consumer)
                        .description("Records sent to the consumer's dead-letter topic")
                        .register(metrics));
        Gauge.builder(
                        "opsuite.consumer.stuck.seconds",
                        t,
                        x -> x.failingSince == null
                                ? 0
                                : Duration.between(x.failingSince, clock.instant())
                                                .toMillis()
                                        / 1000.0)
                .tag("consumer", consumer)
                .description("How long the consumer's current record has been failing (0 when it is not)")
                .strongReference(true)
                .register(metrics);
        return t;
    }

    private static final class Tracked {
        final Counter transientFailures;
        final Counter permanentFailures;
        final Counter deadLetterCounter;
        final AtomicLong deadLettered = new AtomicLong();
        volatile Instant failingSince;
        volatile String lastFailure;
        volatile Instant lastDeadLetterAt;
        volatile String lastDeadLetterReason;

        Tracked(Counter transientFailures, Counter permanentFailures, Counter deadLetterCounter) {
            this.transientFailures = transientFailures;
            this.permanentFailures = permanentFailures;
            this.deadLetterCounter = deadLetterCounter;
        }

        State state() {
            return new State(failingSince, lastFailure, deadLettered.get(), lastDeadLetterAt, lastDeadLetterReason);
        }
    }
}
