package dev.opsuite.gateway.auth;

import dev.opsuite.gateway.token.VerifiedToken;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database half of accepting a session token, in one round trip: its jti is not revoked, its
 * user still exists and is enabled, and the user's token generation has not moved on since it was
 * issued (role, password or enabled changed).
 */
@ApplicationScoped
public class SessionCheck {

    private static final String SQL = "SELECT u.id, u.role, u.enabled, u.token_version, "
            + "EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked "
            + "FROM users u WHERE lower(u.username) = lower($1)";

    private final Pool pool;

    public SessionCheck(Pool pool) {
        this.pool = pool;
    }

    public Uni<Caller> accept(VerifiedToken token) {
        return pool.preparedQuery(SQL)
                .execute(Tuple.of(token.username(), token.jti()))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new AuthenticationFailedException("token user no longer exists");
                    }
                    Row row = it.next();
                    if (row.getBoolean("revoked")) {
                        throw new AuthenticationFailedException("token revoked");
                    }
                    if (!row.getBoolean("enabled")) {
                        throw new AuthenticationFailedException("user disabled");
                    }
                    if (row.getInteger("token_version") != token.tokenVersion()) {
                        throw new AuthenticationFailedException(
                                "token predates a change of the user's role, password or status");
                    }
                    return new Caller(
                            Caller.Kind.SESSION,
                            row.getLong("id"),
                            token.username(),
                            token.role(),
                            token.tokenVersion(),
                            token.jti(),
                            token.expiresAt(),
                            null,
                            null);
                });
    }
}
