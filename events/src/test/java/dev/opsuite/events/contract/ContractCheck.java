package dev.opsuite.events.contract;

import dev.opsuite.events.contract.AsyncApiDocument.Channel;
import dev.opsuite.events.contract.AsyncApiDocument.Message;
import dev.opsuite.events.contract.AsyncApiDocument.Operation;
import dev.opsuite.events.contract.SourceTree.DeadLetterUse;
import dev.opsuite.events.contract.SourceTree.TopicUse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the AsyncAPI document with the services' sources and the shipped schemas. Returns every
 * disagreement as a sentence saying what to fix, so one run shows them all.
 */
final class ContractCheck {
    private static final Pattern CE_TYPE =
            Pattern.compile("dev\\.opsuite\\.([a-z0-9]+)\\.([a-z][a-z0-9_]*)\\.(v[0-9]+)");

    private final AsyncApiDocument doc;
    private final SourceTree tree;
    private final EventDescriptors descriptors;
    private final List<String> problems = new ArrayList<>();

    ContractCheck(AsyncApiDocument doc, SourceTree tree, EventDescriptors descriptors) {
        this.doc = doc;
        this.tree = tree;
        this.descriptors = descriptors;
    }

    List<String> problems() {
        problems.clear();
        Map<String, Channel> channels = doc.channelsById();
        Map<String, Message> messages = doc.messages();
        if (!doc.asyncapiVersion().startsWith("3.")) {
            problems.add("the document must be AsyncAPI 3.x, is " + doc.asyncapiVersion());
        }
        checkReferences(channels, messages);
        checkTopics(channels);
        checkDeadLetters(channels);
        checkPayloads(channels, messages);
        checkEventTypes(channels, messages);
        return List.copyOf(problems);
    }

    private void checkReferences(Map<String, Channel> channels, Map<String, Message> messages) {
        for (Operation op : doc.operations()) {
            if (!channels.containsKey(op.channelId())) {
                problems.add("operation " + op.id() + " refers to a channel that does not exist: " + op.channelId());
            }
            if (!Set.of("send", "receive").contains(String.valueOf(op.action()))) {
                problems.add("operation " + op.id() + " has action " + op.action() + " (send or receive)");
            }
            if (!tree.modules().contains(op.service())) {
                problems.add("operation " + op.id() + " names x-opsuite-service " + op.service()
                        + ", not a module of the root pom: " + tree.modules());
            }
        }
        for (Channel c : channels.values()) {
            if (c.address() == null) {
                problems.add("channel " + c.id() + " has no address (its Kafka topic)");
            }
            for (String m : c.messageIds()) {
                if (!messages.containsKey(m)) {
                    problems.add("channel " + c.id() + " refers to a message that does not exist: " + m);
                }
            }
            if (doc.operations().stream().noneMatch(op -> op.channelId().equals(c.id()))) {
                problems.add("channel " + c.address() + " has no operation: who produces it?");
            }
        }
    }

    /** Every (service, topic, send|receive) of the code is in the document, and nothing else is. */
    private void checkTopics(Map<String, Channel> channels) {
        Set<TopicUse> documented = new HashSet<>();
        for (Operation op : doc.operations()) {
            Channel c = channels.get(op.channelId());
            if (c != null && !c.isDeadLetter()) {
                documented.add(new TopicUse(op.service(), c.address(), op.action()));
            }
        }
        for (TopicUse use : tree.topicUses()) {
            if (!documented.contains(use)) {
                problems.add(use.module() + " " + verb(use.action()) + " " + use.topic()
                        + " but the document has no such operation: add the channel/operation");
            }
        }
        for (TopicUse use : documented) {
            if (!tree.topicUses().contains(use)) {
                problems.add("the document says " + use.module() + " " + verb(use.action()) + " " + use.topic()
                        + " but its sources do not: remove the operation or fix the service");
            }
        }
    }

    /** Every consumer that dead-letters has its {@code <consumer>.dlq.v1} channel, with the right source topic. */
    private void checkDeadLetters(Map<String, Channel> channels) {
        Set<DeadLetterUse> documented = new HashSet<>();
        for (Channel c : channels.values()) {
            if (!c.isDeadLetter()) {
                continue;
            }
            List<Operation> writers = doc.operations().stream()
                    .filter(op -> op.channelId().equals(c.id()) && "send".equals(op.action()))
                    .toList();
            if (writers.isEmpty()) {
                problems.add("dead-letter channel " + c.address() + " has no send operation naming its service");
            }
            for (Operation w : writers) {
                documented.add(new DeadLetterUse(w.service(), c.dlqConsumer(), c.dlqSourceTopic(), c.address()));
                boolean reads = doc.operations().stream()
                        .anyMatch(op -> "receive".equals(op.action())
                                && w.service().equals(op.service())
                                && c.dlqConsumer().equals(op.consumer())
                                && channels.containsKey(op.channelId())
                                && Objects.equals(channels.get(op.channelId()).address(), c.dlqSourceTopic()));
                if (!reads) {
                    problems.add("dead-letter channel " + c.address() + ": no receive operation of " + w.service()
                            + " on " + c.dlqSourceTopic() + " with x-opsuite-consumer " + c.dlqConsumer());
                }
            }
        }
        for (DeadLetterUse use : tree.deadLetterUses()) {
            if (!documented.contains(use)) {
                problems.add(use.module() + "'s consumer " + use.consumer() + " (reading " + use.sourceTopic()
                        + ") dead-letters to " + use.topic() + " but the document has no such dead-letter channel");
            }
        }
        for (DeadLetterUse use : documented) {
            if (!tree.deadLetterUses().contains(use)) {
                problems.add("the document's dead-letter channel " + use.topic() + " (" + use.module() + ", consumer "
                        + use.consumer() + ", from " + use.sourceTopic() + ") matches no consumer in the sources");
            }
        }
    }

    /** Payloads exist in the shipped schemas, every envelope is some topic's payload, users import it. */
    private void checkPayloads(Map<String, Channel> channels, Map<String, Message> messages) {
        Set<String> payloads = new TreeSet<>();
        for (Channel c : channels.values()) {
            if (c.isDeadLetter()) {
                continue;
            }
            if (c.messageIds().size() != 1) {
                problems.add(c.address() + " must carry exactly one protobuf envelope, has " + c.messageIds());
                continue;
            }
            Message m = messages.get(c.messageIds().get(0));
            if (m == null) {
                continue;
            }
            String type = m.protobufMessage();
            if (type == null || !descriptors.hasMessage(type)) {
                problems.add("message " + m.id() + " of " + c.address() + " names x-protobuf-message " + type
                        + ", which no .proto of opsuite-events declares");
                continue;
            }
            payloads.add(type);
            String file = descriptors.fileOf(type).orElseThrow();
            if (!shippedProto(file).equals(m.payloadSchema())) {
                problems.add("message " + m.id() + ": its payload schema is not the text of " + file
                        + ", the file declaring " + type + ": copy the file into payload.schema (a YAML | block)");
            }
            String javaClass = descriptors.javaClassOf(type).orElse(null);
            if (javaClass == null || !loads(javaClass)) {
                problems.add(type + " has no generated Java class in the artifact (" + javaClass + ")");
                continue;
            }
            for (TopicUse use : tree.topicUses()) {
                if (use.topic().equals(c.address()) && !tree.imports(use.module(), javaClass)) {
                    problems.add(use.module() + " " + verb(use.action()) + " " + c.address() + " but never imports "
                            + javaClass + ", the payload the document gives it");
                }
            }
        }
        Set<String> envelopes = descriptors.envelopes();
        for (String envelope : envelopes) {
            if (!payloads.contains(envelope)) {
                problems.add(envelope + " is an event envelope (no other message uses it) but no topic of the"
                        + " document carries it: document its topic, or nest it in an envelope");
            }
        }
    }

    /** ce_source and the ce_type values of each produced topic match what its producer creates. */
    private void checkEventTypes(Map<String, Channel> channels, Map<String, Message> messages) {
        for (TopicUse use : tree.topicUses()) {
            if (!use.action().equals("send")) {
                continue;
            }
            Channel c = channels.values().stream()
                    .filter(ch -> use.topic().equals(ch.address()) && !ch.isDeadLetter())
                    .findFirst()
                    .orElse(null);
            if (c == null
                    || c.messageIds().size() != 1
                    || !messages.containsKey(c.messageIds().get(0))) {
                continue; // reported above
            }
            Message m = messages.get(c.messageIds().get(0));
            if (!use.module().equals(m.ceSource())) {
                problems.add("message " + m.id() + " on " + use.topic() + " gives ce_source " + m.ceSource() + " but "
                        + use.module() + " produces it (ce_source = the service name)");
            }
            if (m.ceTypes().isEmpty()) {
                problems.add("message " + m.id() + " on " + use.topic() + " lists no ce_type values");
            }
            String topicVersion = use.topic().substring(use.topic().lastIndexOf('.') + 1);
            for (String type : m.ceTypes()) {
                Matcher t = CE_TYPE.matcher(type);
                if (!t.matches()) {
                    problems.add("ce_type " + type + " is not dev.opsuite.<domain>.<event>.<version>");
                    continue;
                }
                String domain = t.group(1);
                String event = t.group(2);
                if (!t.group(3).equals(topicVersion)) {
                    problems.add("ce_type " + type + " on " + use.topic() + ": its version is not the topic's");
                }
                if (!domain.equals(defaultDomain(use.module())) && !tree.hasLiteral(use.module(), domain)) {
                    problems.add("ce_type " + type + ": " + use.module() + " creates events of domain "
                            + defaultDomain(use.module()) + " and never names the domain " + domain);
                }
                if (!tree.hasLiteral(use.module(), event)) {
                    problems.add("ce_type " + type + ": " + use.module() + " never names the event \"" + event
                            + "\" in its code, so it cannot produce it");
                }
            }
        }
        for (String module : tree.modules()) {
            Set<String> documentedEvents = new HashSet<>();
            for (Operation op : doc.operations()) {
                Channel c = channels.get(op.channelId());
                if (module.equals(op.service()) && "send".equals(op.action()) && c != null && !c.isDeadLetter()) {
                    for (String id : c.messageIds()) {
                        Message m = messages.get(id);
                        if (m != null) {
                            m.ceTypes().forEach(type -> documentedEvents.add(eventOf(type)));
                        }
                    }
                }
            }
            for (String created : tree.createdEventNames(module)) {
                if (!documentedEvents.contains(created)) {
                    problems.add(module + " creates the event \"" + created
                            + "\" but no ce_type of the topics it produces in the document has it");
                }
            }
        }
    }

    /** As common-lib's CloudEvents: the service name's first segment (deployment-service -> deployment). */
    static String defaultDomain(String module) {
        int dash = module.indexOf('-');
        return (dash > 0 ? module.substring(0, dash) : module).toLowerCase(Locale.ROOT);
    }

    private static String eventOf(String ceType) {
        Matcher t = CE_TYPE.matcher(ceType);
        return t.matches() ? t.group(2) : ceType;
    }

    /** The .proto as the jar ships it (at the root, its import path). */
    private static String shippedProto(String file) {
        try (InputStream in = ContractCheck.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not in the jar (events/pom.xml resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean loads(String className) {
        try {
            Class.forName(className, false, ContractCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String verb(String action) {
        return action.equals("send") ? "produces" : "consumes";
    }
}
