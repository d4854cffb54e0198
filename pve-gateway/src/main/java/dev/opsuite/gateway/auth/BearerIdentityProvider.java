package dev.opsuite.gateway.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a valid bearer credential into a Quarkus identity with the caller's one role. */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<BearerAuthenticationRequest> {

    private final BearerAuthenticator authenticator;

    public BearerIdentityProvider(BearerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Class<BearerAuthenticationRequest> getRequestType() {
        return BearerAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            BearerAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return authenticator.authenticateCredential(request.credential()).map(caller -> {
            if (rc != null) {
                rc.put(Caller.ATTRIBUTE, caller);
            }
            return identity(caller);
        });
    }

    public static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.principalName()))
                .addRole(caller.role())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
