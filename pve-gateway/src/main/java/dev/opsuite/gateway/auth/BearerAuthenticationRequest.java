package dev.opsuite.gateway.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer credential (JWT or API token) handed from the HTTP mechanism to the identity provider. */
public class BearerAuthenticationRequest extends BaseAuthenticationRequest {

    private final String credential;

    public BearerAuthenticationRequest(String credential) {
        this.credential = credential;
    }

    public String credential() {
        return credential;
    }
}
