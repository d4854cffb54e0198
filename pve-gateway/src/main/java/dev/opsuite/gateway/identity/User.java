package dev.opsuite.gateway.identity;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A row of {@code users}; the password hash never leaves the identity package's services. */
public record User(
        long id,
        String username,
        String passwordHash,
        String role,
        boolean enabled,
        int tokenVersion,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, username, password_hash, role, enabled, token_version, created_at, updated_at";

    static User from(Row row) {
        return new User(
                row.getLong("id"),
                row.getString("username"),
                row.getString("password_hash"),
                row.getString("role"),
                row.getBoolean("enabled"),
                row.getInteger("token_version"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
