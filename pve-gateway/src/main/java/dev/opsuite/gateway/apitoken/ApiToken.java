package dev.opsuite.gateway.apitoken;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** An API token as listed: never its secret. */
public record ApiToken(
        long id,
        String name,
        String role,
        long userId,
        String username,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {

    static final String COLUMNS = "t.id, t.name, t.role, t.user_id, u.username, t.created_at, t.expires_at";

    static ApiToken from(Row row) {
        return new ApiToken(
                row.getLong("id"),
                row.getString("name"),
                row.getString("role"),
                row.getLong("user_id"),
                row.getString("username"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("expires_at"));
    }
}
