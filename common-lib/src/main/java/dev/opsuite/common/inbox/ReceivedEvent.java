package dev.opsuite.common.inbox;

import java.util.Map;

import dev.opsuite.common.events.CloudEvent;

/** A consumed Kafka record with its parsed CloudEvents attributes. */
public record ReceivedEvent(CloudEvent event, String topic, int partition, long offset, String key, byte[] payload,
                            Map<String, String> headers) {
}
