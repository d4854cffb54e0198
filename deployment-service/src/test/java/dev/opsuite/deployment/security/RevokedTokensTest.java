package dev.opsuite.deployment.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.events.v1.TokenRevocation;
import dev.opsuite.events.v1.TokenRevoked;
import dev.opsuite.events.v1.UserTokensRevoked;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A token the gateway revoked is refused here too, within seconds, when the service is called
 * directly: the gateway is never the only lock. Revocations arrive as the gateway publishes them on
 * gateway.revocations.v1 (before, a logged-out or demoted user's token kept working until it expired).
 */
@QuarkusTest
class RevokedTokensTest {
    private static final String TOPIC = "gateway.revocations.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aLoggedOutTokenIsRefusedWithinSeconds() throws Exception {
        String token = TestTokens.issue("logout-" + UUID.randomUUID().toString().substring(0, 6), "operator");
        assertEquals(200, status(token));
        String jti = claim(token, "jti");
        publish(
                jti,
                TokenRevocation.newBuilder()
                        .setOccurredAt(now(Instant.now()))
                        .setToken(TokenRevoked.newBuilder()
                                .setJti(jti)
                                .setExpiresAt(now(Instant.now().plus(Duration.ofHours(1)))))
                        .build());
        awaitStatus(token, 401);
        assertEquals(200, status(TestTokens.issue("someone-else", "operator")), "other tokens still work");
    }

    @Test
    void everyTokenOfADemotedOrDisabledUserIsRefused() throws Exception {
        String user = "demoted-" + UUID.randomUUID().toString().substring(0, 6);
        String first = TestTokens.issue(user, "operator");
        String second = TestTokens.issue(user, "operator");
        assertEquals(200, status(first));
        publish(
                user,
                TokenRevocation.newBuilder()
                        .setOccurredAt(now(Instant.now()))
                        .setUser(UserTokensRevoked.newBuilder()
                                .setUsername(user)
                                .setMinTokenVersion(1)
                                .setUntil(now(Instant.now().plus(Duration.ofHours(8))))
                                .setReason("role or status changed"))
                        .build());
        awaitStatus(first, 401);
        assertEquals(401, status(second));
    }

    private void publish(String key, TokenRevocation revocation) {
        new TestKafka(bootstrap).produce(TOPIC, key, Map.of(), revocation.toByteArray());
    }

    private static void awaitStatus(String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = status(token);
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = status(token);
        }
        assertEquals(expected, last, "the revoked token was not refused within 10 s");
    }

    private static int status(String token) {
        return given().auth().oauth2(token).get("/api/deployments").statusCode();
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return new ObjectMapper().readTree(payload).path(name).asText();
    }

    private static Timestamp now(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
