package dev.opsuite.gateway.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void aConfiguredPemKeyLoadsWithAStableKid() {
        SigningKey generated = SigningKey.generate();
        SigningKey reloaded = SigningKey.of(Pem.readPrivateKey(Pem.privateKey(generated.privateKey())));
        assertEquals(generated.kid(), reloaded.kid());
        assertEquals(generated.publicKey(), reloaded.publicKey());
        assertEquals(generated.publicKey(), Pem.readPublicKey(Pem.publicKey(reloaded.publicKey())));
        assertNotEquals(generated.kid(), SigningKey.generate().kid());
    }

    @Test
    void pkcs1KeysAreRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Pem.readPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));
        assertEquals("PKCS#1 key: convert it with `openssl pkcs8 -topk8 -nocrypt`", e.getMessage());
    }
}
