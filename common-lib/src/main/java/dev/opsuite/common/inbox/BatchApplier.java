package dev.opsuite.common.inbox;

import dev.opsuite.common.events.CloudEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a batch of records in one transaction, and when that fails on the data, finds the record
 * that cannot be applied instead of retrying the batch forever: the batch is halved until the failing
 * record stands alone, which then gets {@code opsuite.inbox.max-attempts} tries before it goes to
 * {@code <consumer>.dlq.v1} by itself; every other record is applied, in order. A transient failure
 * (database away, deadlock) is retried as a whole until it passes — nothing is dead-lettered for
 * it. For blocking batch consumers ({@code @Incoming} taking {@code ConsumerRecords}).
 */
@ApplicationScoped
public class BatchApplier {
    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    /** The transactional work: applies all items or none. */
    @FunctionalInterface
    public interface Work<T> {
        void apply(List<T> items) throws Exception;
    }

    /** A record and what the consumer made of it. */
    public record Item<T>(ConsumerRecord<String, byte[]> record, T value) {}

    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final ConsumerHealth health;
    private volatile boolean stopping;

    public BatchApplier(DeadLetters deadLetters, InboxConfig config, ConsumerHealth health) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.health = health;
    }

    /**
     * Returns once every item is applied or dead-lettered; throws only when the service is shutting
     * down with work unapplied (the records are then redelivered, since their offsets stay uncommitted).
     */
    public <T> void apply(String consumer, List<Item<T>> items, Work<T> work) throws InterruptedException {
        if (!items.isEmpty()) {
            applyIsolating(consumer, items, work);
        }
    }

    /** Sends a record the consumer could not even read to the DLQ (waiting for the broker's ack). */
    public void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, String reason)
            throws InterruptedException {
        Duration backoff = config.retryBackoff();
        while (true) {
            try {
                deadLetters
                        .send(
                                consumer,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.key(),
                                record.value() == null ? new byte[0] : record.value(),
                                CloudEvent.toMap(record.headers()),
                                reason)
                        .get(30, TimeUnit.SECONDS);
                health.deadLettered(consumer, reason);
                LOG.warnf(
                        "consumer %s: %s-%d@%d went to %s: %s",
                        consumer,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        DeadLetters.topicFor(consumer),
                        reason);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                health.failed(consumer, true, "dead-letter topic unavailable: " + Failures.describe(e));
                backoff = pause(consumer, backoff, "the dead-letter topic is unavailable: " + Failures.describe(e));
            }
        }
    }

    private <T> void applyIsolating(String consumer, List<Item<T>> items, Work<T> work) throws InterruptedException {
        Duration backoff = config.retryBackoff();
        int attempts = 0;
        while (true) {
            try {
                work.apply(items.stream().map(Item::value).toList());
                health.succeeded(consumer);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String description = Failures.describe(e);
                if (Failures.isTransient(e)) {
                    health.failed(consumer, true, description);
                    backoff = pause(
                            consumer, backoff, "batch of " + items.size() + " failed (transient): " + description);
                    continue;
                }
                if (items.size() > 1) {
                    int half = items.size() / 2;
                    LOG.warnf(
                            "consumer %s: batch of %d failed on its data (%s); applying its halves apart",
                            consumer, items.size(), description);
                    applyIsolating(consumer, items.subList(0, half), work);
                    applyIsolating(consumer, items.subList(half, items.size()), work);
                    return;
                }
                attempts++;
                if (attempts >= Math.max(1, config.maxAttempts())) {
                    deadLetter(
                            consumer, items.get(0).record(), "failed after " + attempts + " attempts: " + description);
                    return;
                }
                health.failed(consumer, false, description);
                backoff = pause(
                        consumer, backoff, "record failed on its data (attempt " + attempts + "): " + description);
            }
        }
    }

    private Duration pause(String consumer, Duration backoff, String why) throws InterruptedException {
        if (stopping) {
            throw new IllegalStateException(
                    "consumer " + consumer + " stops with unapplied records (redelivered later): " + why);
        }
        LOG.warnf("consumer %s: %s; retrying in %d ms", consumer, why, backoff.toMillis());
        Thread.sleep(backoff.toMillis());
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : doubled;
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
