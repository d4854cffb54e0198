package dev.opsuite.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final byte[] K1 = key(1);
    private static final byte[] K2 = key(2);

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    @Test
    void roundTripsWithVersionPrefixAndFreshNonce() {
        SecretBox box = new SecretBox(Map.of("v1", K1), "v1");
        String a = box.encrypt("s3cr3t-password");
        String b = box.encrypt("s3cr3t-password");
        assertTrue(a.startsWith("v1:"));
        assertNotEquals(a, b);
        assertFalse(a.contains("s3cr3t"));
        assertEquals("s3cr3t-password", box.decrypt(a));
    }

    @Test
    void rotationDecryptsOldVersionsAndEncryptsWithActive() {
        SecretBox old = new SecretBox(Map.of("v1", K1), "v1");
        String legacy = old.encrypt("token");
        SecretBox rotated = new SecretBox(Map.of("v1", K1, "v2", K2), "v2");
        assertEquals("token", rotated.decrypt(legacy));
        assertTrue(rotated.needsRotation(legacy));
        String fresh = rotated.rotate(legacy, null);
        assertTrue(fresh.startsWith("v2:"));
        assertFalse(rotated.needsRotation(fresh));
        assertEquals("token", rotated.decrypt(fresh));
    }

    @Test
    void detectsTampering() {
        SecretBox box = new SecretBox(Map.of("v1", K1), "v1");
        String ct = box.encrypt("payload");
        byte[] raw = Base64.getDecoder().decode(ct.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(SecretBoxException.class, () -> box.decrypt(tampered));
    }

    @Test
    void refusesRelabelledVersionAndWrongContext() {
        SecretBox box = new SecretBox(Map.of("v1", K1, "v2", K1), "v1");
        String ct = box.encrypt("payload");
        assertThrows(SecretBoxException.class, () -> box.decrypt("v2:" + ct.substring(3)));
        String bound = box.encrypt("x".getBytes(StandardCharsets.UTF_8), "credential:1");
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), box.decrypt(bound, "credential:1"));
        assertThrows(SecretBoxException.class, () -> box.decrypt(bound, "credential:2"));
    }

    @Test
    void rejectsUnknownVersionsAndGarbage() {
        SecretBox box = new SecretBox(Map.of("v1", K1), "v1");
        assertThrows(SecretBoxException.class, () -> box.decrypt("v9:AAAA"));
        assertThrows(SecretBoxException.class, () -> box.decrypt("plain text"));
        assertThrows(SecretBoxException.class, () -> box.decrypt("v1:%%%"));
        assertThrows(SecretBoxException.class, () -> box.decrypt("v1:AAAA"));
    }

    @Test
    void configNeeds32ByteKeysAndAKnownActiveVersion() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(Map.of("v1", new byte[16]), "v1"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(Map.of("v1", K1), "v2"));
        SecretBox fromConfig =
                SecretBoxProducer.fromConfig(Map.of("v7", Base64.getEncoder().encodeToString(K2)), null);
        assertEquals("v7", fromConfig.activeVersion());
        assertThrows(
                IllegalArgumentException.class,
                () -> SecretBoxProducer.fromConfig(Map.of("v1", "AA==", "v2", "AA=="), null));
    }

    @Test
    void generatesDevKeyWhenNoneConfigured() {
        SecretBox dev = SecretBoxProducer.fromConfig(Map.of(), null);
        assertEquals("dev", dev.activeVersion());
        assertEquals("x", dev.decrypt(dev.encrypt("x")));
    }

    @Test
    void masksSecretsAndTheirBase64Forms() {
        String secret = "hunter2-pass";
        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String line = "login with " + secret + " header Basic " + b64 + " ok";
        assertEquals("login with *** header Basic *** ok", SecretMasker.mask(line, List.of(secret)));
        assertEquals("port 80 ok", SecretMasker.mask("port 80 ok", List.of("80")));
        assertEquals("nothing", new SecretMasker(List.of()).apply("nothing"));
    }
}
