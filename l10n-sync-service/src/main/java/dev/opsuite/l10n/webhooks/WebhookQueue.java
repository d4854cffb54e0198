package dev.opsuite.l10n.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Queues one message per subscribed webhook in the transaction of the change it reports (Hibernate
 * session or JDBC connection), so a rolled-back change sends nothing; the dispatcher delivers later.
 */
@ApplicationScoped
public class WebhookQueue {
    public static final String TRANSLATIONS_CHANGED = "translations.changed";
    public static final String SYNC_COMMITTED = "sync.committed";

    // one row per webhook subscribed to the type (and the locale, if it names one); the message id is
    // the stable webhook-id of every retry
    private static final String INSERT_NATIVE =
            "INSERT INTO webhook_messages (id, webhook_uid, event_type, body, state) "
                    + "SELECT 'msg_' || md5(random()::text || clock_timestamp()::text || uid), uid, CAST(:type AS text), "
                    + "CAST(:body AS text), 'pending' FROM webhooks WHERE CAST(:type AS text) = ANY (events) "
                    + "AND (locale IS NULL OR locale = CAST(:locale AS text))";
    private static final String INSERT_JDBC = INSERT_NATIVE
            .replace("CAST(:type AS text)", "?::text")
            .replace("CAST(:body AS text)", "?::text")
            .replace("CAST(:locale AS text)", "?::text");

    private final ObjectMapper mapper = new ObjectMapper();
    private final WebhookDispatcher dispatcher;

    public WebhookQueue(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public Uni<Void> enqueue(Mutiny.Session session, String type, String locale, Map<String, Object> data) {
        return session.createNativeQuery(INSERT_NATIVE)
                .setParameter("type", type)
                .setParameter("body", body(type, data))
                .setParameter("locale", locale)
                .executeUpdate()
                .invoke(n -> {
                    if (n > 0) {
                        dispatcher.pokeSoon();
                    }
                })
                .replaceWithVoid();
    }

    public void enqueue(Connection c, String type, String locale, Map<String, Object> data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_JDBC)) {
            ps.setString(1, type);
            ps.setString(2, body(type, data));
            ps.setString(3, type);
            ps.setString(4, locale);
            if (ps.executeUpdate() > 0) {
                dispatcher.pokeSoon();
            }
        }
    }

    private String body(String type, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", Instant.now().toString());
        body.put("data", data);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
