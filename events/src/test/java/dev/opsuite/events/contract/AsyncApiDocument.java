package dev.opsuite.events.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of the AsyncAPI document the contract checks read; local {@code $ref}s followed. */
final class AsyncApiDocument {
    static final String RESOURCE = "META-INF/asyncapi/opsuite.asyncapi.yaml";

    /** A topic; {@code dlqConsumer}/{@code dlqSourceTopic} are set on dead-letter topics only. */
    record Channel(String id, String address, List<String> messageIds, String dlqConsumer, String dlqSourceTopic) {
        boolean isDeadLetter() {
            return dlqConsumer != null;
        }
    }

    /** {@code service} is the module folder ({@code x-opsuite-service}). */
    record Operation(String id, String action, String channelId, String service, String consumer) {}

    /**
     * A message of components.messages: {@code payloadSchema} is the inlined .proto text;
     * {@code protobufMessage}, the schema and the headers are absent on the dead letter.
     */
    record Message(String id, String protobufMessage, String payloadSchema, String ceSource, List<String> ceTypes) {}

    private final JsonNode root;

    AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    static AsyncApiDocument fromClasspath() {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (events/pom.xml resources)");
            }
            return new AsyncApiDocument(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy to change, for the tests that show the checks catch a wrong document. */
    ObjectNode copyOfTree() {
        return root.deepCopy();
    }

    String asyncapiVersion() {
        return root.path("asyncapi").asText();
    }

    List<Channel> channels() {
        List<Channel> channels = new ArrayList<>();
        root.path("channels").properties().forEach(e -> {
            JsonNode c = e.getValue();
            List<String> messageIds = new ArrayList<>();
            c.path("messages")
                    .forEach(m -> messageIds.add(lastSegment(m.path("$ref").asText())));
            JsonNode dlq = c.path("x-opsuite-dlq");
            channels.add(new Channel(
                    e.getKey(),
                    c.path("address").asText(null),
                    messageIds,
                    dlq.isMissingNode() ? null : dlq.path("consumer").asText(null),
                    dlq.isMissingNode() ? null : dlq.path("source-topic").asText(null)));
        });
        return channels;
    }

    Map<String, Channel> channelsById() {
        Map<String, Channel> byId = new LinkedHashMap<>();
        channels().forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("operations").properties().forEach(e -> {
            JsonNode o = e.getValue();
            operations.add(new Operation(
                    e.getKey(),
                    o.path("action").asText(null),
                    lastSegment(o.path("channel").path("$ref").asText()),
                    o.path("x-opsuite-service").asText(null),
                    o.path("x-opsuite-consumer").asText(null)));
        });
        return operations;
    }

    Map<String, Message> messages() {
        Map<String, Message> messages = new LinkedHashMap<>();
        root.path("components").path("messages").properties().forEach(e -> {
            JsonNode m = e.getValue();
            String ceSource = null;
            List<String> ceTypes = new ArrayList<>();
            for (JsonNode part : m.path("headers").path("allOf")) {
                JsonNode properties = resolve(part).path("properties");
                if (properties.path("ce_source").has("const")) {
                    ceSource = properties.path("ce_source").path("const").asText();
                }
                properties.path("ce_type").path("enum").forEach(t -> ceTypes.add(t.asText()));
            }
            messages.put(
                    e.getKey(),
                    new Message(
                            e.getKey(),
                            m.path("x-protobuf-message").asText(null),
                            m.path("payload").path("schema").isTextual()
                                    ? m.path("payload").path("schema").asText()
                                    : null,
                            ceSource,
                            ceTypes));
        });
        return messages;
    }

    /** Follows a local {@code $ref} ({@code #/a/b}); anything else is returned as it is. */
    JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("dangling $ref " + ref);
        }
        return target;
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
