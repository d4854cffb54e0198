package dev.opsuite.common.outbox;

import com.google.protobuf.MessageLite;
import dev.opsuite.common.events.CloudEvent;
import java.util.Map;

/**
 * One record to publish: topic, record key (the aggregate id), headers (the CloudEvents attributes)
 * and the serialised payload.
 */
public record OutboxMessage(String topic, String key, Map<String, String> headers, byte[] payload) {

    public OutboxMessage {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (payload == null) {
            throw new IllegalArgumentException("payload is required");
        }
    }

    /** Keyed by the event's subject, so one aggregate's events stay ordered on one partition. */
    public static OutboxMessage of(String topic, CloudEvent event, MessageLite payload) {
        return new OutboxMessage(topic, event.subject(), event.toHeaders(), payload.toByteArray());
    }

    public static OutboxMessage of(String topic, CloudEvent event, byte[] payload) {
        return new OutboxMessage(topic, event.subject(), event.toHeaders(), payload);
    }
}
