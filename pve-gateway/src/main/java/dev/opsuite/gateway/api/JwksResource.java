package dev.opsuite.gateway.api;

import dev.opsuite.gateway.token.SigningKey;
import dev.opsuite.gateway.token.SigningKeyStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The public key every service verifies tokens with (smallrye-jwt reads JWKS and picks by kid). */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeyStore keys;

    public JwksResource(SigningKeyStore keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        SigningKey key = keys.current();
        Map<String, Object> jwk = Map.of(
                "kty", "RSA", "use", "sig", "alg", "RS256", "kid", key.kid(), "n", key.modulus(), "e", key.exponent());
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(Map.of("keys", List.of(jwk))).cacheControl(cache).build();
    }
}
