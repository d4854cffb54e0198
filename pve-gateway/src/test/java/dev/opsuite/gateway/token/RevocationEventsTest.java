package dev.opsuite.gateway.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.events.v1.TokenRevocation;
import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every revocation the gateway makes leaves, in the same transaction, an outbox record on
 * gateway.revocations.v1 that the services read: they are called directly too, and must refuse
 * what the gateway refuses.
 */
@QuarkusTest
class RevocationEventsTest {

    @Inject
    Pool pool;

    @Test
    void logoutPublishesTheTokenRevocation() throws Exception {
        String token = TestAuth.tokenFor("operator");
        String jti = claim(token, "jti");
        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(200);
        TokenRevocation event = single(jti);
        assertEquals(jti, event.getToken().getJti());
        assertTrue(event.getToken().getExpiresAt().getSeconds() > System.currentTimeMillis() / 1000);
    }

    @Test
    void demotionDisablingPasswordChangeAndDeletionRevokeAllOfTheUsersTokens() {
        String name = TestAuth.uniqueName("revoked");
        long id = TestAuth.createUser(name, "operator");
        String admin = TestAuth.adminToken();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("role", "viewer"))
                .put("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .put("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("password", "An0ther-passw0rd"))
                .put("/api/v1/auth/users/" + id + "/password")
                .then()
                .statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/auth/users/" + id).then().statusCode(200);

        List<TokenRevocation> events = all(name);
        assertEquals(4, events.size(), events.toString());
        List<Integer> floors =
                events.stream().map(e -> e.getUser().getMinTokenVersion()).toList();
        assertEquals(List.of(1, 2, 3, Integer.MAX_VALUE), floors);
        assertEquals(
                List.of("role or status changed", "role or status changed", "password changed", "user deleted"),
                events.stream().map(e -> e.getUser().getReason()).toList());
        assertTrue(events.stream().allMatch(e -> e.getUser().getUsername().equals(name)));
    }

    private TokenRevocation single(String key) throws Exception {
        List<TokenRevocation> events = all(key);
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private List<TokenRevocation> all(String key) {
        List<TokenRevocation> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT payload FROM outbox WHERE topic = $1 AND record_key = $2 ORDER BY id")
                .execute(Tuple.of(RevocationEvents.TOPIC, key))
                .await()
                .indefinitely()) {
            try {
                out.add(TokenRevocation.parseFrom(row.getBuffer("payload").getBytes()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return new ObjectMapper().readTree(payload).path(name).asText();
    }
}
