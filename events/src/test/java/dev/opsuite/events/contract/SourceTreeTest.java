package dev.opsuite.events.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.events.contract.SourceTree.DeadLetterUse;
import dev.opsuite.events.contract.SourceTree.TopicUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan on a small made-up checkout, so that what it finds is known exactly. */
class SourceTreeTest {

    @TempDir
    Path root;

    @Test
    void findsProducedConsumedAndDeadLetteredTopicsButNotTopicsInCommentsOrTests() throws IOException {
        write("pom.xml", """
                <project><modules>
                  <module>deploy/devstack</module>
                  <module>events</module>
                  <module>common-lib</module>
                  <module>shop-service</module>
                </modules></project>
                """);
        write("common-lib/src/main/java/dev/opsuite/common/inbox/DeadLetters.java", """
                class DeadLetters {
                    // the suffix is the naming rule
                    static String topicFor(String consumer) {
                        return consumer + ".dead.v9";
                    }
                }
                """);
        write("common-lib/src/main/java/dev/opsuite/common/Feed.java", """
                class Feed { @WithDefault("shared.feed.v1") String topic(); }
                """);
        write("shop-service/src/main/resources/application.properties", """
                mp.messaging.incoming.orders-in.topic=orders.events.v1
                # mp.messaging.incoming.old.topic=old.events.v1
                mp.messaging.outgoing.audit-out.topic=audit.events.v2
                """);
        write("shop-service/src/main/java/shop/ShopEvents.java", """
                import dev.opsuite.events.v1.ShopEvent;
                /** Publishes on "not.a.topic.v1" — only in a comment. */
                class ShopEvents {
                    static final String TOPIC = "shop.events.v1";
                    String url = "http://example.org/x.v1"; // a URL with a // inside a string
                    void emit() { cloudEvents.create(
                            "order_placed", id); }
                }
                """);
        write("shop-service/src/main/java/shop/OrderConsumers.java", """
                class OrderConsumers {
                    static final String ORDERS = "shop-orders";
                    static final String LIMIT = "100";
                    @Incoming("orders-in")
                    Uni<Void> orders(Message<byte[]> m) { return consumer.handle(ORDERS, m, e -> null); }
                    void other() { applier.apply(LIMIT_UNKNOWN, List.of(), x -> {}); }
                }
                """);
        write("shop-service/src/test/java/shop/ShopTest.java", """
                class ShopTest { static final String T = "test.only.v1"; }
                """);

        SourceTree tree = SourceTree.of(root);

        assertEquals(List.of("common-lib", "shop-service"), tree.modules());
        assertEquals(".dead.v9", tree.deadLetterSuffix());
        assertEquals(
                Set.of(
                        new TopicUse("common-lib", "shared.feed.v1", "receive"),
                        new TopicUse("shop-service", "orders.events.v1", "receive"),
                        new TopicUse("shop-service", "audit.events.v2", "send"),
                        new TopicUse("shop-service", "shop.events.v1", "send")),
                Set.copyOf(tree.topicUses()));
        assertEquals(
                Set.of(new DeadLetterUse("shop-service", "shop-orders", "orders.events.v1", "shop-orders.dead.v9")),
                Set.copyOf(tree.deadLetterUses()));
        assertTrue(tree.imports("shop-service", "dev.opsuite.events.v1.ShopEvent"));
        assertFalse(tree.imports("common-lib", "dev.opsuite.events.v1.ShopEvent"));
        assertEquals(Set.of("order_placed"), tree.createdEventNames("shop-service"));
        assertTrue(tree.hasLiteral("shop-service", "http://example.org/x.v1"));
    }

    @Test
    void commentsGoStringsStay() {
        String code = JavaSource.withoutComments("""
                /* "in.block.v1" */ String a = "kept // not a comment"; // "in.line.v1"
                char q = '"'; String b = "after \\" quote";
                """);
        assertEquals(List.of("kept // not a comment", "after \\\" quote"), JavaSource.stringLiterals(code));
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
