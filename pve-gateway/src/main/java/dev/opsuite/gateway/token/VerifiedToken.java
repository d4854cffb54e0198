package dev.opsuite.gateway.token;

import java.time.Instant;

/** The claims of a token whose signature, issuer, algorithm and expiry checked out. */
public record VerifiedToken(
        String username,
        String principalName,
        String role,
        String jti,
        int tokenVersion,
        Instant issuedAt,
        Instant expiresAt) {}
