package dev.opsuite.gateway.token;

import java.time.Instant;

/** A signed token and the facts about it the caller needs without parsing it again. */
public record IssuedToken(String token, String jti, Instant issuedAt, Instant expiresAt) {}
