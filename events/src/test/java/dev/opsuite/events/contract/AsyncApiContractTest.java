package dev.opsuite.events.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsuite.events.contract.SourceTree.DeadLetterUse;
import dev.opsuite.events.contract.SourceTree.TopicUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document against what the suite really does. It reads the services' main sources
 * by path from the checkout ({@code ../<module>/src/main}): this module is built before them and
 * cannot depend on them, and their sources are what decides which topics exist. The schemas are
 * the descriptor set and generated classes this module ships.
 */
class AsyncApiContractTest {
    private static AsyncApiDocument doc;
    private static SourceTree tree;
    private static EventDescriptors descriptors;

    @BeforeAll
    static void load() {
        doc = AsyncApiDocument.fromClasspath();
        tree = SourceTree.ofCheckout();
        descriptors = EventDescriptors.fromClasspath();
    }

    @Test
    void documentDescribesExactlyTheTopicsDeadLettersAndTypesTheServicesUse() {
        List<String> problems = new ContractCheck(doc, tree, descriptors).problems();
        assertEquals(
                List.of(), problems, () -> "AsyncAPI document vs. the services:\n  " + String.join("\n  ", problems));
    }

    @Test
    void scanSeesTheSuitesKnownProducersConsumersAndDeadLetters() {
        // a scan that found nothing would let a document without channels pass: pin a few facts
        assertTrue(tree.modules()
                .containsAll(List.of(
                        "common-lib",
                        "telemetry-service",
                        "deployment-service",
                        "l10n-sync-service",
                        "automation-service",
                        "pve-gateway")));
        assertTrue(tree.topicUses().contains(new TopicUse("deployment-service", "deployment.events.v1", "send")));
        assertTrue(tree.topicUses().contains(new TopicUse("telemetry-service", "telemetry.ingest.v1", "send")));
        assertTrue(tree.topicUses().contains(new TopicUse("telemetry-service", "telemetry.ingest.v1", "receive")));
        assertTrue(tree.topicUses().contains(new TopicUse("common-lib", "gateway.revocations.v1", "receive")));
        assertTrue(tree.deadLetterUses()
                .contains(new DeadLetterUse(
                        "pve-gateway", "gateway-progress-pve", "pve.events.v1", "gateway-progress-pve.dlq.v1")));
        assertEquals(".dlq.v1", tree.deadLetterSuffix());
    }

    @Test
    void eventSchemasLiveOnlyInTheEventsModule() throws IOException {
        // A .proto of package dev.opsuite.events elsewhere (e.g. a new one added to common-lib's old
        // folder) would compile there, outside this artifact, its descriptors and this check.
        List<String> strays = new ArrayList<>();
        for (String module : tree.modules()) {
            Path protoRoot = tree.root().resolve(module).resolve("src/main/proto");
            if (!Files.isDirectory(protoRoot)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(protoRoot)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".proto")).toList()) {
                    if (Files.readString(file).contains("package dev.opsuite.events")) {
                        strays.add(tree.root().relativize(file).toString());
                    }
                }
            }
        }
        assertEquals(
                List.of(),
                strays,
                "event schemas belong in events/src/main/proto/dev/opsuite/events/v1/ (git mv them there and"
                        + " describe their topic in the AsyncAPI document)");
    }

    @Test
    void aStaleCopyOfAProtoInTheDocumentIsReported() {
        List<String> problems = problemsAfter(root -> {
            ObjectNode payload = (ObjectNode) root.at("/components/messages/PveEvent/payload");
            payload.put("schema", payload.get("schema").asText().replace("  bool online = 3;\n", ""));
        });
        assertTrue(
                problems.contains("message PveEvent: its payload schema is not the text of"
                        + " dev/opsuite/events/v1/pve_events.proto, the file declaring dev.opsuite.events.v1.PveEvent:"
                        + " copy the file into payload.schema (a YAML | block)"),
                problems::toString);
    }

    @Test
    void aTopicMissingFromTheDocumentIsReported() {
        List<String> problems = problemsAfter(root -> {
            ((ObjectNode) root.get("operations")).remove("automationServiceConsumesPveEvents");
            ((ObjectNode) root.get("operations")).remove("automationServiceDeadLettersPveEvents");
            ((ObjectNode) root.get("channels")).remove("automationPveInventoryDlq");
        });
        assertTrue(
                problems.contains("automation-service consumes pve.events.v1 but the document has no such operation:"
                        + " add the channel/operation"),
                problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("automation-service's consumer automation-pve-inventory")),
                problems::toString);
    }

    @Test
    void aDocumentedTopicNoServiceUsesIsReported() {
        List<String> problems = problemsAfter(root -> {
            ObjectNode channel = ((ObjectNode) root.get("channels")).putObject("telemetryEvents");
            channel.put("address", "telemetry.events.v1");
            channel.putObject("messages").putObject("m").put("$ref", "#/components/messages/TelemetryIngestEvent");
            ObjectNode op = ((ObjectNode) root.get("operations")).putObject("telemetryPublishesEvents");
            op.put("action", "send");
            op.putObject("channel").put("$ref", "#/channels/telemetryEvents");
            op.put("x-opsuite-service", "telemetry-service");
        });
        assertTrue(
                problems.contains("the document says telemetry-service produces telemetry.events.v1 but its sources do"
                        + " not: remove the operation or fix the service"),
                problems::toString);
    }

    @Test
    void anEventTypeTheProducerNeverCreatesIsReported() {
        List<String> problems = problemsAfter(root -> ((ArrayNode)
                        root.at("/components/messages/DeploymentEvent/headers/allOf/1/properties/ce_type/enum"))
                .add("dev.opsuite.deployment.exploded.v1"));
        assertTrue(
                problems.contains("ce_type dev.opsuite.deployment.exploded.v1: deployment-service never names the event"
                        + " \"exploded\" in its code, so it cannot produce it"),
                problems::toString);
    }

    @Test
    void anEventTypeMissingFromTheDocumentIsReported() {
        List<String> problems = problemsAfter(
                root -> ((ArrayNode) root.at("/components/messages/PveEvent/headers/allOf/1/properties/ce_type/enum"))
                        .remove(0));
        assertTrue(
                problems.contains(
                        "pve-gateway creates the event \"node_status_changed\" but no ce_type of the topics it"
                                + " produces in the document has it"),
                problems::toString);
    }

    @Test
    void aPayloadTypeTheSchemasDoNotDeclareIsReported() {
        List<String> problems = problemsAfter(root -> ((ObjectNode) root.at("/components/messages/L10nEvent"))
                .put("x-protobuf-message", "dev.opsuite.events.v1.L10nEvents"));
        assertTrue(
                problems.contains("message L10nEvent of l10n.events.v1 names x-protobuf-message"
                        + " dev.opsuite.events.v1.L10nEvents, which no .proto of opsuite-events declares"),
                problems::toString);
        assertTrue(
                problems.contains("dev.opsuite.events.v1.L10nEvent is an event envelope (no other message uses it) but"
                        + " no topic of the document carries it: document its topic, or nest it in an envelope"),
                problems::toString);
    }

    @Test
    void aDeadLetterTopicWithTheWrongSourceIsReported() {
        List<String> problems =
                problemsAfter(root -> ((ObjectNode) root.at("/channels/telemetryIngestDlq/x-opsuite-dlq"))
                        .put("source-topic", "deployment.events.v1"));
        assertTrue(
                problems.contains("telemetry-service's consumer telemetry-ingest (reading telemetry.ingest.v1)"
                        + " dead-letters to telemetry-ingest.dlq.v1 but the document has no such dead-letter channel"),
                problems::toString);
    }

    private static List<String> problemsAfter(Consumer<ObjectNode> change) {
        ObjectNode root = doc.copyOfTree();
        change.accept(root);
        return new ContractCheck(new AsyncApiDocument(root), tree, descriptors).problems();
    }
}
