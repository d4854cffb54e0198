package dev.opsuite.gateway.auth;

import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.apitoken.ApiTokenOwner;
import dev.opsuite.gateway.apitoken.ApiTokenRepository;
import dev.opsuite.gateway.apitoken.ApiTokenSecret;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Accepting an API token: known hash, not expired, owner enabled. The effective role is the weaker
 * of the token's and the owner's current role, so demoting a user also demotes their tokens.
 */
@ApplicationScoped
public class ApiTokenCheck {

    private final ApiTokenRepository tokens;

    public ApiTokenCheck(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    public Uni<Caller> accept(String secret) {
        return tokens.findBySecretHash(ApiTokenSecret.hash(secret)).map(found -> {
            ApiTokenOwner t = found.orElseThrow(() -> new AuthenticationFailedException("unknown API token"));
            if (t.expiresAt() != null && !t.expiresAt().isAfter(OffsetDateTime.now())) {
                throw new AuthenticationFailedException("API token expired");
            }
            if (!t.userEnabled()) {
                throw new AuthenticationFailedException("API token owner disabled");
            }
            String role = Roles.rank(t.tokenRole()) <= Roles.rank(t.userRole()) ? t.tokenRole() : t.userRole();
            return new Caller(
                    Caller.Kind.API_TOKEN,
                    t.userId(),
                    t.username(),
                    role,
                    t.tokenVersion(),
                    null,
                    t.expiresAt() == null ? null : t.expiresAt().toInstant(),
                    t.tokenId(),
                    t.tokenName());
        });
    }
}
