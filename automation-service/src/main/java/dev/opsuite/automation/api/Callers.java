package dev.opsuite.automation.api;

import dev.opsuite.automation.domain.Caller;
import dev.opsuite.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller as the task records it. */
final class Callers {
    private Callers() {}

    static Caller of(SecurityIdentity identity) {
        String name = identity.getPrincipal() == null
                ? "unknown"
                : identity.getPrincipal().getName();
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : name;
        return new Caller(subject, name, Roles.atLeast(identity, Roles.ADMIN));
    }
}
