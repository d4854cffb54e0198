package dev.opsuite.common.inbox;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.InvalidCloudEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The frame around a service's {@code @Incoming} method: parses the CloudEvents headers, runs the
 * handler, and isolates a record it cannot apply. A transient failure (database away, deadlock) is
 * retried until it passes — dead-lettering then would throw good events away; a failure on the
 * record's data is retried up to {@code opsuite.inbox.max-attempts} times, then the record alone goes
 * to {@code <consumer>.dlq.v1} (as does one that cannot even be parsed) and the consumer moves on.
 * {@link ConsumerHealth} shows a consumer that is stuck or dead-lettering. Combine with
 * {@link Inbox#applyOnce} inside the handler for exactly-once application:
 *
 * <pre>
 * &#64;Incoming("deployment-events")
 * public Uni&lt;Void&gt; consume(Message&lt;byte[]&gt; message) {
 *     return consumer.handle("telemetry-deployments", message, event -&gt; sessionFactory.withTransaction(s -&gt;
 *             inbox.applyOnce(s, "telemetry-deployments", event.event().id(), () -&gt; apply(s, event))).replaceWithVoid());
 * }
 * </pre>
 *
 * The returned Uni never fails: the message is acked after success or after the DLQ acknowledged it.
 * Only when even the DLQ cannot be written is the message nacked (the channel's failure strategy decides).
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final ConsumerHealth health;

    public EventConsumer(DeadLetters deadLetters, InboxConfig config, ConsumerHealth health) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.health = health;
    }

    /** For {@code @Incoming} methods taking {@code Message<byte[]>}: acks (or nacks) the message itself. */
    public Uni<Void> handle(String consumer, Message<byte[]> message, Function<ReceivedEvent, Uni<?>> handler) {
        IncomingKafkaRecordMetadata<?, ?> meta =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (meta == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a Kafka record: " + message));
        }
        Object key = meta.getKey();
        Map<String, String> headers = CloudEvent.toMap(meta.getHeaders());
        return process(
                        consumer,
                        meta.getTopic(),
                        meta.getPartition(),
                        meta.getOffset(),
                        key == null ? null : key.toString(),
                        message.getPayload(),
                        headers,
                        handler)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure()
                .call(e -> Uni.createFrom().completionStage(message.nack(e)))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** For {@code @Incoming} methods taking {@code ConsumerRecord<String, byte[]>} (acked when the Uni completes). */
    public Uni<Void> handle(
            String consumer, ConsumerRecord<String, byte[]> record, Function<ReceivedEvent, Uni<?>> handler) {
        return process(
                consumer,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                CloudEvent.toMap(record.headers()),
                handler);
    }

    Uni<Void> process(
            String consumer,
            String topic,
            int partition,
            long offset,
            String key,
            byte[] payload,
            Map<String, String> headers,
            Function<ReceivedEvent, Uni<?>> handler) {
        ReceivedEvent event;
        try {
            event = new ReceivedEvent(
                    CloudEvent.fromHeaders(headers),
                    topic,
                    partition,
                    offset,
                    key,
                    payload == null ? new byte[0] : payload,
                    headers);
        } catch (InvalidCloudEventException e) {
            return deadLetter(
                    consumer, topic, partition, offset, key, payload, headers, "unparseable: " + e.getMessage());
        }
        return attempt(consumer, event, handler, 1, config.retryBackoff())
                .onFailure()
                .recoverWithUni(
                        e -> deadLetter(consumer, topic, partition, offset, key, payload, headers, e.getMessage()));
    }

    /**
     * Runs the handler; a transient failure is retried until it passes (the partition waits, readiness
     * shows it), a failure on the record's data up to {@code max-attempts} times, and then the returned
     * Uni fails with the dead-letter reason.
     */
    private Uni<Void> attempt(
            String consumer,
            ReceivedEvent event,
            Function<ReceivedEvent, Uni<?>> handler,
            int attempt,
            Duration backoff) {
        return Uni.createFrom()
                .deferred(() -> {
                    try {
                        return handler.apply(event);
                    } catch (RuntimeException e) {
                        return Uni.createFrom().failure(e);
                    }
                })
                .invoke(() -> health.succeeded(consumer))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    if (e instanceof PoisonMessageException) {
                        return Uni.createFrom().failure(new DeadLetterReason("rejected: " + e.getMessage()));
                    }
                    boolean isTransient = Failures.isTransient(e);
                    String description = Failures.describe(e);
                    if (!isTransient && attempt >= Math.max(1, config.maxAttempts())) {
                        return Uni.createFrom()
                                .failure(new DeadLetterReason("failed after " + attempt + " attempts: " + description));
                    }
                    health.failed(consumer, isTransient, description);
                    LOG.warnf(
                            "consumer %s: %s-%d@%d attempt %d failed (%s), retrying in %d ms: %s",
                            consumer,
                            event.topic(),
                            event.partition(),
                            event.offset(),
                            attempt,
                            isTransient ? "transient" : "on its data",
                            backoff.toMillis(),
                            description);
                    Duration next = backoff.multipliedBy(2).compareTo(config.maxRetryBackoff()) > 0
                            ? config.maxRetryBackoff()
                            : backoff.multipliedBy(2);
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(backoff)
                            .chain(() -> attempt(consumer, event, handler, attempt + 1, next));
                });
    }

    /** Carries the reason a record goes to the DLQ. */
    private static final class DeadLetterReason extends RuntimeException {
        DeadLetterReason(String reason) {
            super(reason, null, false, false);
        }
    }

    private Uni<Void> deadLetter(
            String consumer,
            String topic,
            int partition,
            long offset,
            String key,
            byte[] payload,
            Map<String, String> headers,
            String reason) {
        LOG.warnf(
                "consumer %s: %s-%d@%d goes to %s: %s",
                consumer, topic, partition, offset, DeadLetters.topicFor(consumer), reason);
        return Uni.createFrom()
                .deferred(() -> Uni.createFrom()
                        .completionStage(deadLetters.send(
                                consumer,
                                topic,
                                partition,
                                offset,
                                key,
                                payload == null ? new byte[0] : payload,
                                headers,
                                reason)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(() -> health.deadLettered(consumer, reason))
                .replaceWithVoid();
    }
}
