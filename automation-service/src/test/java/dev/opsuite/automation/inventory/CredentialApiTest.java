package dev.opsuite.automation.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.KeyPair;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CredentialApiTest {

    @Test
    void storesSecretsEncryptedAndNeverReturnsThem() {
        KeyPair key = KeyPair.generate(Path.of("target/test-keys"), "cred-api", "ed25519", "s3cret-phrase");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "cred-api-" + System.nanoTime());
        body.put("username", "deploy");
        body.put("auth_type", "privatekey");
        body.put("private_key", key.privateKey());
        body.put("passphrase", "s3cret-phrase");
        body.put("password", "hunter2-password");
        Response created = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"));
        long id = created.<Integer>path("data.id");
        assertEquals(true, created.path("data.has_private_key"));
        assertEquals(true, created.path("data.has_passphrase"));
        assertEquals(true, created.path("data.has_password"));
        String all = created.asString()
                + Api.operator()
                        .get("/api/v1/automation/credentials?page_size=100")
                        .asString()
                + Api.operator().get("/api/v1/automation/credentials/" + id).asString();
        assertFalse(all.contains("hunter2-password"));
        assertFalse(all.contains("s3cret-phrase"));
        assertFalse(all.contains("PRIVATE KEY"));

        String stored = TestDb.strings(
                        "SELECT concat_ws('|', password_enc, private_key_enc, passphrase_enc) FROM credentials WHERE id = ?",
                        id)
                .get(0);
        assertFalse(stored.contains("hunter2"), stored);
        assertFalse(stored.contains("OPENSSH"), stored);
        assertTrue(stored.split("\\|")[0].matches("[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+"), stored);

        // an empty secret on update keeps the stored one; the other fields change
        Response updated = Api.ok(Api.admin()
                .body(Map.of("username", "ops", "password", "", "private_key", ""))
                .put("/api/v1/automation/credentials/" + id));
        assertEquals("ops", updated.path("data.username"));
        assertEquals(true, updated.path("data.has_private_key"));
        assertEquals(
                stored.split("\\|")[0],
                TestDb.strings("SELECT password_enc FROM credentials WHERE id = ?", id)
                        .get(0));
        Api.ok(Api.admin().delete("/api/v1/automation/credentials/" + id));
        assertEquals(
                404, Api.admin().get("/api/v1/automation/credentials/" + id).statusCode());
    }

    @Test
    void refusesAKeyThatCannotBeReadOrDecrypted() {
        KeyPair key = KeyPair.generate(Path.of("target/test-keys"), "cred-locked", "ed25519", "right-phrase");
        Response wrong = Api.admin()
                .body(Map.of(
                        "name", "locked",
                        "username", "u",
                        "auth_type", "privatekey",
                        "private_key", key.privateKey(),
                        "passphrase", "wrong-phrase"))
                .post("/api/v1/automation/credentials");
        assertEquals(422, wrong.statusCode(), wrong.asString());
        assertFalse(wrong.asString().contains("wrong-phrase"));
        Response garbage = Api.admin()
                .body(Map.of("name", "garbage", "username", "u", "auth_type", "privatekey", "private_key", "nope"))
                .post("/api/v1/automation/credentials");
        assertEquals(422, garbage.statusCode(), garbage.asString());
        Response missing = Api.admin()
                .body(Map.of("name", "nopw", "username", "u", "auth_type", "password"))
                .post("/api/v1/automation/credentials");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.<String>path("error").contains("password"));
    }

    @Test
    void viewersCannotSeeCredentials() {
        assertEquals(
                403, Api.as(Api.VIEWER).get("/api/v1/automation/credentials").statusCode());
    }
}
