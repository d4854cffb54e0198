package dev.opsuite.gateway.auth;

import dev.opsuite.gateway.identity.IdentityConfig;
import dev.opsuite.gateway.token.IssuedToken;
import dev.opsuite.gateway.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services verify only JWTs, so a request authenticated with an opaque API token travels upstream
 * with a short-lived JWT minted for that token instead. The JWT is reused while more than half of
 * its life is left, so busy machine clients do not cost an RSA signature per request.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String API_TOKEN_CLAIM = "api_token_id";

    private record Key(long tokenId, String role, int tokenVersion) {}

    private final TokenIssuer issuer;
    private final Duration ttl;
    private final Map<Key, IssuedToken> cache = new ConcurrentHashMap<>();

    public InternalTokens(TokenIssuer issuer, IdentityConfig config) {
        this.issuer = issuer;
        this.ttl = config.internalTokenTtl();
    }

    /** The JWT to send upstream for an API-token caller. */
    public String forApiToken(Caller caller) {
        Key key = new Key(caller.apiTokenId(), caller.role(), caller.tokenVersion());
        Instant now = Instant.now();
        IssuedToken cached = cache.get(key);
        if (cached != null && Duration.between(now, cached.expiresAt()).compareTo(ttl.dividedBy(2)) > 0) {
            return cached.token();
        }
        Duration life = ttl;
        if (caller.expiresAt() != null && caller.expiresAt().isBefore(now.plus(ttl))) {
            // never let the internal token outlive the API token it stands for
            life = Duration.between(now, caller.expiresAt()).plusSeconds(1);
        }
        IssuedToken fresh = issuer.issue(
                caller.username(),
                caller.principalName(),
                caller.role(),
                caller.tokenVersion(),
                life,
                Map.of(API_TOKEN_CLAIM, caller.apiTokenId()));
        cache.entrySet()
                .removeIf(e -> e.getKey().tokenId() == caller.apiTokenId()
                        || e.getValue().expiresAt().isBefore(now));
        cache.put(key, fresh);
        return fresh.token();
    }

    /** Forgets the JWT of a revoked token so it is not handed out again. */
    public void forget(long apiTokenId) {
        cache.keySet().removeIf(k -> k.tokenId() == apiTokenId);
    }
}
