package dev.opsuite.common.inbox;

import dev.opsuite.common.events.CloudEvent;
import java.util.Map;

/** A consumed Kafka record with its parsed CloudEvents attributes. */
public record ReceivedEvent(
        CloudEvent event,
        String topic,
        int partition,
        long offset,
        String key,
        byte[] payload,
        Map<String, String> headers) {}
