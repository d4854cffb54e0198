package dev.opsuite.gateway.token;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Revoked session token ids (logout, refresh). A row is only needed until the token would have
 * expired on its own, so expired rows are swept.
 */
@ApplicationScoped
public class RevokedTokens {
    private static final Logger LOG = Logger.getLogger(RevokedTokens.class);

    private final Pool pool;
    private final RevocationEvents events;

    public RevokedTokens(Pool pool, RevocationEvents events) {
        this.pool = pool;
        this.events = events;
    }

    /** Revokes the token here and, through the outbox in the same transaction, in every service. */
    public Uni<Void> revoke(String jti, Instant expiresAt) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(jti, expiresAt.atOffset(ZoneOffset.UTC)))
                        .chain(() -> events.tokenRevoked(tx, jti, expiresAt)))
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.query("DELETE FROM revoked_tokens WHERE expires_at < now()")
                .execute()
                .invoke(rows -> LOG.debugf("swept %d expired token revocations", rows.rowCount()))
                .replaceWithVoid();
    }
}
