package dev.opsuite.gateway.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.gateway.identity.IdentityConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SigningKeyStoreTest {

    @Inject
    SigningKeyStore running;

    @Inject
    IdentityConfig config;

    @Inject
    Pool pool;

    @Inject
    SecretBox secretBox;

    @Test
    void aRestartedGatewayAdoptsTheStoredKeySoIssuedTokensStayValid() {
        SigningKeyStore restarted =
                new SigningKeyStore(config.signingKey(), config.signingKeyLocation(), pool, secretBox);
        assertEquals(running.current().kid(), restarted.current().kid());
        assertEquals(running.current().publicKey(), restarted.current().publicKey());
    }

    @Test
    void theStoredPrivateKeyIsSealed() {
        var row = pool.query("SELECT private_key_sealed, active FROM signing_keys WHERE kid = '"
                        + running.current().kid() + "'")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
        String sealed = row.getString("private_key_sealed");
        assertTrue(row.getBoolean("active"));
        assertTrue(sealed.startsWith(secretBox.activeVersion() + ":"), sealed.substring(0, 8));
        assertFalse(sealed.contains("PRIVATE KEY"));
    }
}
