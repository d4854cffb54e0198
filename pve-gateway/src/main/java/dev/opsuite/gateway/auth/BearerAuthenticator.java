package dev.opsuite.gateway.auth;

import dev.opsuite.gateway.apitoken.ApiTokenSecret;
import dev.opsuite.gateway.token.TokenVerifier;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one place that decides what an {@code Authorization: Bearer …} header is worth, for the
 * gateway's own endpoints and for proxied requests alike: empty when there is no bearer credential,
 * the caller when it is valid, and a failure ({@link AuthenticationFailedException}) when it is present but
 * invalid. Other schemes are left to whoever handles the request.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private final TokenVerifier verifier;
    private final SessionCheck sessions;
    private final ApiTokenCheck apiTokens;

    public BearerAuthenticator(TokenVerifier verifier, SessionCheck sessions, ApiTokenCheck apiTokens) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
    }

    /** The credential of a Bearer header, empty for no header or another scheme. */
    public static Optional<String> bearerCredential(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Bearer", 0, 6)) {
            return Optional.empty();
        }
        if (value.length() > 6 && !Character.isWhitespace(value.charAt(6))) {
            return Optional.empty();
        }
        return Optional.of(value.substring(6).trim());
    }

    public Uni<Optional<Caller>> authenticate(String authorization) {
        Optional<String> credential = bearerCredential(authorization);
        if (credential.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return authenticateCredential(credential.get()).map(Optional::of);
    }

    public Uni<Caller> authenticateCredential(String credential) {
        if (credential.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("empty bearer credential"));
        }
        if (ApiTokenSecret.looksLikeApiToken(credential)) {
            return apiTokens.accept(credential);
        }
        try {
            return sessions.accept(verifier.verify(credential));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
