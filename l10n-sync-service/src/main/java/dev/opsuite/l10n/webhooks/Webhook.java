package dev.opsuite.l10n.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** A row of {@code webhooks} (the encrypted secret stays in {@link WebhookRegistry}). */
public record Webhook(String uid, String url, List<String> events, String locale, OffsetDateTime createdAt) {
    static final String COLUMNS = "uid, url, events, locale, created_at";

    static Webhook from(ResultSet rs) throws SQLException {
        return new Webhook(
                rs.getString("uid"),
                rs.getString("url"),
                List.of((String[]) rs.getArray("events").getArray()),
                rs.getString("locale"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
