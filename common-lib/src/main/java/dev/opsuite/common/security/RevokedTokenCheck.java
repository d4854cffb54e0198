package dev.opsuite.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token the gateway revoked (logout, or its user disabled, demoted, deleted or given a new
 * password), although its signature and expiry are fine: the gateway is never the only lock.
 */
@ApplicationScoped
public class RevokedTokenCheck implements SecurityIdentityAugmentor {
    static final String TOKEN_VERSION_CLAIM = "tv";

    private final RevocationList revocations;

    public RevokedTokenCheck(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt
                && revocations.isRevoked(jwt.getTokenID(), jwt.getName(), tokenVersion(jwt))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token revoked"));
        }
        return Uni.createFrom().item(identity);
    }

    private static Integer tokenVersion(JsonWebToken jwt) {
        Object tv = jwt.getClaim(TOKEN_VERSION_CLAIM);
        if (tv instanceof JsonNumber n) {
            return n.intValue();
        }
        return tv instanceof Number n ? n.intValue() : null;
    }
}
