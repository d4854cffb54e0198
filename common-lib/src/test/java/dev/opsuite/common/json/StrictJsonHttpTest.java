package dev.opsuite.common.json;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON bodies mean exactly what they say, or they are a 400 in the dialect — never a 500, never a guess. */
@QuarkusTest
class StrictJsonHttpTest {

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/probe/items")
                .then();
    }

    @Test
    void duplicateKeyIs400NamingTheKey() {
        post("{\"name\":\"x\",\"count\":1,\"name\":\"y\"}")
                .statusCode(400)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"))
                .body("code", equalTo("malformed_json"))
                .body("detail", equalTo("Duplicate key 'name' in JSON body"));
    }

    @Test
    void scalarsAreNotCoercedIntoOtherTypes() {
        post("{\"name\":true,\"count\":1}").statusCode(400).body("details.name", equalTo("expected a string"));
        post("{\"name\":1.5,\"count\":1}").statusCode(400).body("details.name", equalTo("expected a string"));
        post("{\"name\":\"x\",\"count\":\"5\"}").statusCode(400).body("details.count", equalTo("expected an integer"));
        post("{\"name\":\"x\",\"count\":1.5}").statusCode(400).body("details.count", equalTo("expected an integer"));
        post("{\"name\":\"x\",\"count\":null}").statusCode(400).body("details.count", equalTo("expected an integer"));
        post("{\"name\":\"x\",\"count\":3}").statusCode(201).body("name", equalTo("x"));
    }

    @Test
    void textPostgresCannotStoreIs400() {
        post("{\"name\":\"a\\u0000b\",\"count\":1}")
                .statusCode(400)
                .body("detail", equalTo("JSON text of \"name\" contains U+0000 (NUL), which cannot be stored"))
                .body("details.name", equalTo("contains U+0000 (NUL), which cannot be stored"));
        post("{\"name\":\"\\ud800\",\"count\":1}")
                .statusCode(400)
                .body("detail", equalTo("JSON text of \"name\" contains an unpaired UTF-16 surrogate"));
        post("{\"name\":\"\\udc00x\",\"count\":1}").statusCode(400);
        post("{\"name\":\"\\ud800\\u0041\",\"count\":1}").statusCode(400);
        post("{\"name\":\"x\",\"count\":1,\"extra\":\"\\u0000\"}").statusCode(400);
        byte[] encodedSurrogate = "{\"name\":\"\u0001\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
        encodedSurrogate[9] = (byte) 0xED;
        byte[] body = new byte[encodedSurrogate.length + 2];
        System.arraycopy(encodedSurrogate, 0, body, 0, 10);
        body[10] = (byte) 0xA0;
        body[11] = (byte) 0x80;
        System.arraycopy(encodedSurrogate, 10, body, 12, encodedSurrogate.length - 10);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/probe/items")
                .then()
                .statusCode(400);
    }

    @Test
    void escapedBackslashesAndRealPairsAreFine() {
        post("{\"name\":\"\\\\u0000 is how you write NUL\",\"count\":1}")
                .statusCode(201)
                .body("name", equalTo("\\u0000 is how you write NUL"));
        post("{\"name\":\"\\ud83d\\ude00 and \uD83D\uDE00\",\"count\":1}")
                .statusCode(201)
                .body("name", equalTo("\uD83D\uDE00 and \uD83D\uDE00"));
    }
}
