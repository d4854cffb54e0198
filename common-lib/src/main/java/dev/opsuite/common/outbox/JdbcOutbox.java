package dev.opsuite.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@link Outbox} for JDBC transactions (bulk paths that use COPY or cursors on a virtual thread): the
 * row is inserted on the caller's connection, so it commits or rolls back with the state change.
 */
@ApplicationScoped
public class JdbcOutbox {
    private static final String INSERT =
            "INSERT INTO outbox (topic, record_key, headers, payload) VALUES (?, ?, ?::jsonb, ?)";

    private final ObjectMapper mapper = new ObjectMapper();
    private final OutboxRelay relay;

    public JdbcOutbox(OutboxRelay relay) {
        this.relay = relay;
    }

    /** @param connection a connection inside the caller's open transaction (auto-commit off) */
    public void enqueue(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setString(1, message.topic());
            ps.setString(2, message.key());
            ps.setString(3, mapper.writeValueAsString(message.headers()));
            ps.setBytes(4, message.payload());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        relay.pokeSoon();
    }
}
