package dev.opsuite.gateway.token;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.TokenRevocation;
import dev.opsuite.events.v1.TokenRevoked;
import dev.opsuite.events.v1.UserTokensRevoked;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells every service which tokens the gateway revoked, through the outbox in the transaction that
 * revoked them: services verify tokens themselves (they can be called directly), so a logout, a
 * demotion or a disabled user must reach them too, within seconds, without a call back per request.
 */
@ApplicationScoped
public class RevocationEvents {
    public static final String TOPIC = "gateway.revocations.v1";

    private final Outbox outbox;
    private final CloudEvents events;
    private final Duration longestTokenLife;
    private final Clock clock = Clock.systemUTC();

    public RevocationEvents(
            Outbox outbox,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "opsuite.identity.token-ttl") Duration sessionTtl,
            @ConfigProperty(name = "opsuite.identity.internal-token-ttl") Duration internalTtl) {
        this.outbox = outbox;
        this.events = new CloudEvents(service, "identity", Clock.systemUTC());
        this.longestTokenLife = sessionTtl.compareTo(internalTtl) > 0 ? sessionTtl : internalTtl;
    }

    /** One token (logout, refresh). */
    public Uni<Void> tokenRevoked(SqlClient tx, String jti, Instant expiresAt) {
        TokenRevocation event = TokenRevocation.newBuilder()
                .setOccurredAt(timestamp(clock.instant()))
                .setToken(TokenRevoked.newBuilder().setJti(jti).setExpiresAt(timestamp(expiresAt)))
                .build();
        return outbox.enqueue(tx, OutboxMessage.of(TOPIC, events.create("token_revoked", jti), event));
    }

    /** Every token of {@code username} with a token version below {@code minTokenVersion}. */
    public Uni<Void> userTokensRevoked(SqlClient tx, String username, int minTokenVersion, String reason) {
        Instant now = clock.instant();
        TokenRevocation event = TokenRevocation.newBuilder()
                .setOccurredAt(timestamp(now))
                .setUser(UserTokensRevoked.newBuilder()
                        .setUsername(username)
                        .setMinTokenVersion(minTokenVersion)
                        .setUntil(timestamp(now.plus(longestTokenLife)))
                        .setReason(reason))
                .build();
        return outbox.enqueue(tx, OutboxMessage.of(TOPIC, events.create("user_tokens_revoked", username), event));
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
