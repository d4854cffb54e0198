package dev.opsuite.gateway.apitoken;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** What authenticating with an API token needs: the token and the current state of its owner. */
public record ApiTokenOwner(
        long tokenId,
        String tokenName,
        String tokenRole,
        OffsetDateTime expiresAt,
        long userId,
        String username,
        String userRole,
        boolean userEnabled,
        int tokenVersion) {

    static ApiTokenOwner from(Row row) {
        return new ApiTokenOwner(
                row.getLong("id"),
                row.getString("name"),
                row.getString("role"),
                row.getOffsetDateTime("expires_at"),
                row.getLong("user_id"),
                row.getString("username"),
                row.getString("user_role"),
                row.getBoolean("enabled"),
                row.getInteger("token_version"));
    }
}
