package dev.opsuite.gateway.token;

import dev.opsuite.common.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies tokens against the gateway's own public key, in process: the gateway never fetches its
 * own JWKS over HTTP. Only RS256 is accepted (so {@code alg=none} and HMAC tricks fail), the issuer
 * must be {@code opsuite}, and sub, exp, iat and jti must be present.
 */
@ApplicationScoped
public class TokenVerifier {

    private final SigningKeyStore keys;
    private volatile Parser parser;

    private record Parser(String kid, DefaultJWTParser parser) {}

    public TokenVerifier(SigningKeyStore keys) {
        this.keys = keys;
    }

    public VerifiedToken verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser().parser().parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailedException(
                    expired(e) ? "token expired" : "token rejected: " + rootMessage(e), e);
        }
        Optional<String> role = Roles.highest(jwt.getGroups() == null ? Set.of() : jwt.getGroups());
        if (role.isEmpty()) {
            throw new AuthenticationFailedException("token has no known role");
        }
        String upn = jwt.getName() != null ? jwt.getName() : jwt.getSubject();
        return new VerifiedToken(
                jwt.getSubject(),
                upn,
                role.get(),
                jwt.getTokenID(),
                tokenVersion(jwt),
                Instant.ofEpochSecond(jwt.getIssuedAtTime()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /** The user's token generation at issue time ({@code tv}); tokens without one were not issued here. */
    private static int tokenVersion(JsonWebToken jwt) {
        Object tv = jwt.getClaim(TokenIssuer.TOKEN_VERSION_CLAIM);
        if (tv instanceof JsonNumber n) {
            return n.intValue();
        }
        if (tv instanceof Number n) {
            return n.intValue();
        }
        throw new AuthenticationFailedException("token lacks its token version");
    }

    private Parser parser() {
        SigningKey key = keys.current();
        Parser p = parser;
        if (p == null || !p.kid().equals(key.kid())) {
            JWTAuthContextInfo context = new JWTAuthContextInfo(key.publicKey(), TokenIssuer.ISSUER);
            context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
            context.setRequiredClaims(Set.of("sub", "exp", "iat", "jti"));
            context.setRequireNamedPrincipal(true);
            p = new Parser(key.kid(), new DefaultJWTParser(context));
            parser = p;
        }
        return p;
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
