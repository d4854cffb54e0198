package dev.opsuite.common.security;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.TokenRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the gateway revoked, as this service has learned them from {@code gateway.revocations.v1}:
 * single tokens by id until they would have expired, and per user a minimum token version ("tv"
 * claim) until every older token has expired. Entries expire on their own, so the list stays small.
 */
@ApplicationScoped
public class RevocationList {
    private record Floor(int minTokenVersion, Instant until) {}

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Floor> users = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public void apply(TokenRevocation revocation) {
        Instant now = clock.instant();
        switch (revocation.getKindCase()) {
            case TOKEN -> {
                Instant expires = instant(revocation.getToken().getExpiresAt());
                if (expires.isAfter(now)) {
                    tokens.merge(revocation.getToken().getJti(), expires, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            case USER -> {
                var user = revocation.getUser();
                Instant until = instant(user.getUntil());
                if (until.isAfter(now)) {
                    users.merge(
                            user.getUsername().toLowerCase(),
                            new Floor(user.getMinTokenVersion(), until),
                            (a, b) -> a.minTokenVersion() >= b.minTokenVersion() ? a : b);
                }
            }
            default -> {}
        }
        if ((tokens.size() + users.size()) % 256 == 0) {
            forgetExpired(now);
        }
    }

    /**
     * @param tokenVersion the token's "tv" claim; a token without one (an internal token minted for an
     *     API token) counts as version 0, so any revocation of its user's tokens covers it
     */
    public boolean isRevoked(String jti, String username, Integer tokenVersion) {
        Instant now = clock.instant();
        if (jti != null) {
            Instant until = tokens.get(jti);
            if (until != null && until.isAfter(now)) {
                return true;
            }
        }
        if (username != null) {
            Floor floor = users.get(username.toLowerCase());
            if (floor != null && floor.until().isAfter(now)) {
                return (tokenVersion == null ? 0 : tokenVersion) < floor.minTokenVersion();
            }
        }
        return false;
    }

    int size() {
        return tokens.size() + users.size();
    }

    private void forgetExpired(Instant now) {
        tokens.values().removeIf(until -> !until.isAfter(now));
        users.values().removeIf(floor -> !floor.until().isAfter(now));
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
