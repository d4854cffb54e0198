package dev.opsuite.l10n.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.L10nConfig;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Read access: viewer or stronger, or anyone when {@code l10n.anonymous-read=true}. Read endpoints
 * are {@code @PermitAll} and call {@link #read()} first; writes use {@code @RolesAllowed}.
 */
@RequestScoped
public class Access {
    private final SecurityIdentity identity;
    private final L10nConfig config;

    public Access(SecurityIdentity identity, L10nConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public void read() {
        if (identity.isAnonymous()) {
            if (config.anonymousRead()) {
                return;
            }
            throw new UnauthorizedException();
        }
        if (!Roles.atLeast(identity, Roles.VIEWER)) {
            throw new ForbiddenException();
        }
    }

    /** The caller's subject, "anonymous" without a token. */
    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
