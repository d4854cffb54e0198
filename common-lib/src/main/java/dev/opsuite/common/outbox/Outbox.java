package dev.opsuite.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes outbox rows inside the caller's transaction, so an event exists if and only if the state
 * change committed. Works with Hibernate Reactive ({@code Mutiny.Session}, e.g. Panache.getSession()
 * inside {@code @WithTransaction}) and with the reactive PG client (a {@code SqlConnection} inside
 * {@code pool.withTransaction}). After enqueueing, the relay is poked so the event leaves promptly.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT_NATIVE = "INSERT INTO outbox (topic, record_key, headers, payload) "
            + "VALUES (:topic, :key, cast(cast(:headers as text) as jsonb), :payload)";
    private static final String INSERT_PG =
            "INSERT INTO outbox (topic, record_key, headers, payload) " + "VALUES ($1, $2, $3::text::jsonb, $4)";

    private final ObjectMapper mapper = new ObjectMapper();
    private final OutboxRelay relay;

    public Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    public Uni<Void> enqueue(Mutiny.Session session, OutboxMessage message) {
        return session.createNativeQuery(INSERT_NATIVE)
                .setParameter("topic", message.topic())
                .setParameter("key", message.key())
                .setParameter("headers", headersJson(message))
                .setParameter("payload", message.payload())
                .executeUpdate()
                .invoke(relay::pokeSoon)
                .replaceWithVoid();
    }

    /** @param connection a connection (or pool) taking part in the caller's transaction */
    public Uni<Void> enqueue(SqlClient connection, OutboxMessage message) {
        return connection
                .preparedQuery(INSERT_PG)
                .execute(Tuple.of(
                        message.topic(), message.key(), headersJson(message), Buffer.buffer(message.payload())))
                .invoke(relay::pokeSoon)
                .replaceWithVoid();
    }

    private String headersJson(OutboxMessage message) {
        try {
            return mapper.writeValueAsString(message.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
