package dev.opsuite.gateway.auth;

import java.time.Instant;

/**
 * Who is calling, after the bearer credential checked out.
 *
 * @param jti        the session token's id; null for API tokens
 * @param apiTokenId the API token's id; null for session tokens
 * @param expiresAt  when the credential stops working; null for API tokens without expiry
 */
public record Caller(
        Kind kind,
        long userId,
        String username,
        String role,
        int tokenVersion,
        String jti,
        Instant expiresAt,
        Long apiTokenId,
        String apiTokenName) {

    public enum Kind {
        SESSION,
        API_TOKEN
    }

    public static final String ATTRIBUTE = "opsuite.caller";

    /** What logs and upstreams see as the actor: the username, or {@code user!token} for machines. */
    public String principalName() {
        return kind == Kind.API_TOKEN ? username + "!" + apiTokenName : username;
    }

    public boolean isSession() {
        return kind == Kind.SESSION;
    }
}
