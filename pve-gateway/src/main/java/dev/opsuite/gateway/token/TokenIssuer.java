package dev.opsuite.gateway.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs the suite's RS256 tokens: {@code iss=opsuite}, {@code sub} and {@code upn}, {@code groups=[role]},
 * {@code iat}, {@code exp}, {@code jti}, and the key id in the header so verifiers can pick the key
 * from the JWKS.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String ISSUER = "opsuite";
    /** The user's token generation; see users.token_version. */
    public static final String TOKEN_VERSION_CLAIM = "tv";

    private final SigningKeyStore keys;

    public TokenIssuer(SigningKeyStore keys) {
        this.keys = keys;
    }

    /**
     * @param principalName the {@code upn}: the username for sessions, {@code user!token} for API tokens
     * @param extraClaims   additional claims (e.g. {@code api_token_id}); may be empty
     */
    public IssuedToken issue(
            String username,
            String principalName,
            String role,
            int tokenVersion,
            Duration ttl,
            Map<String, Object> extraClaims) {
        // whole seconds: that is all a JWT can carry, and it keeps exp - iat exactly the ttl
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        SigningKey key = keys.current();
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(username)
                .upn(principalName)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(expires)
                .claim("jti", jti)
                .claim(TOKEN_VERSION_CLAIM, tokenVersion);
        extraClaims.forEach(claims::claim);
        String token = claims.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new IssuedToken(token, jti, now, expires);
    }
}
