package dev.opsuite.common.testapp;

import dev.opsuite.common.inbox.EventConsumer;
import dev.opsuite.common.inbox.Inbox;
import dev.opsuite.common.inbox.PoisonMessageException;
import dev.opsuite.common.inbox.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Test consumer: applies each event at most once (inbox) and dead-letters poison records. */
@ApplicationScoped
public class ProbeConsumer {
    public static final String CONSUMER = "commontest-probe";
    /** Failed attempts per event id of the "transient…" probes. */
    public static final Map<String, Integer> TRANSIENT_FAILURES = new ConcurrentHashMap<>();

    private final EventConsumer consumer;
    private final Inbox inbox;
    private final Pool pool;

    public ProbeConsumer(EventConsumer consumer, Inbox inbox, Pool pool) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.pool = pool;
    }

    @Incoming("probe-in")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.handle(CONSUMER, message, this::apply);
    }

    private Uni<?> apply(ReceivedEvent event) {
        String text = new String(event.payload(), StandardCharsets.UTF_8);
        if (text.startsWith("poison")) {
            throw new PoisonMessageException("payload is not a probe");
        }
        if (text.startsWith("explode")) {
            return Uni.createFrom().failure(new IllegalStateException("apply failed"));
        }
        if (text.startsWith("transient")
                && TRANSIENT_FAILURES.merge(event.event().id(), 1, Integer::sum) <= 4) {
            // more failures than max-attempts: a transient failure must be waited out, not dead-lettered
            return Uni.createFrom().failure(new SQLTransientConnectionException("connection refused", "08001"));
        }
        return pool.withTransaction(conn -> inbox.applyOnce(
                conn,
                CONSUMER,
                event.event().id(),
                () -> conn.preparedQuery("INSERT INTO probe_applied (ce_id, payload) VALUES ($1, $2)")
                        .execute(Tuple.of(event.event().id(), text))));
    }
}
