package dev.opsuite.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Logging in, creating users and tokens, and reading JWTs, over the gateway's real HTTP API. */
public final class TestAuth {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String PASSWORD = "s3cret-passw0rd";

    private TestAuth() {}

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when()
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
    }

    public static String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user with {@link #PASSWORD} and returns its id. */
    public static long createUser(String username, String role) {
        Number id = given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role))
                .when()
                .post("/api/v1/auth/users")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        return id.longValue();
    }

    /** A fresh user of that role, signed in. */
    public static String tokenFor(String role) {
        String name = uniqueName(role);
        createUser(name, role);
        return login(name, PASSWORD);
    }

    /** Creates an API token as the given session and returns its secret. */
    public static String createApiToken(String sessionToken, String name, String role) {
        return given().auth()
                .oauth2(sessionToken)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", role))
                .when()
                .post("/api/v1/auth/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("data.token");
    }

    public static JsonObject header(String jwt) {
        return part(jwt, 0);
    }

    public static JsonObject claims(String jwt) {
        return part(jwt, 1);
    }

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(
                new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    /** Verifies the RS256 signature with the key the gateway publishes at /.well-known/jwks.json. */
    public static boolean signatureMatchesJwks(String jwt) throws Exception {
        String kid = header(jwt).getString("kid");
        Map<String, Object> jwk = given().when()
                .get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .extract()
                .path("keys.find { it.kid == '" + kid + "' }");
        if (jwk == null) {
            return false;
        }
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
                        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")))));
        String[] parts = jwt.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    }
}
