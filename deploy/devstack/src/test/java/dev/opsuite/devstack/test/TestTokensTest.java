package dev.opsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestTokensTest {

    @Test
    void issuedTokenIsSignedWithTheKeyWhosePublicHalfIsPublished() throws Exception {
        String token = TestTokens.issue("alice", "operator");
        String[] parts = token.split("\\.");
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", decode(parts[0]));
        assertTrue(verifies(token), "signature must verify with the published public key");

        String claims = decode(parts[1]);
        assertEquals("opsuite", string(claims, "iss"));
        assertEquals("alice", string(claims, "sub"));
        assertEquals("alice", string(claims, "upn"));
        assertTrue(claims.contains("\"groups\":[\"operator\"]"), claims);
        assertFalse(string(claims, "jti").isBlank());
        long exp = number(claims, "exp");
        long iat = number(claims, "iat");
        assertEquals(Duration.ofHours(1).toSeconds(), exp - iat);
        assertTrue(Math.abs(iat - Instant.now().getEpochSecond()) < 60);
    }

    @Test
    void customLifetimeSetsExpiry() {
        String claims =
                decode(TestTokens.issue("bob", "viewer", Duration.ofMinutes(5)).split("\\.")[1]);
        assertEquals(300, number(claims, "exp") - number(claims, "iat"));
    }

    @Test
    void everyTokenHasItsOwnId() {
        assertNotEquals(
                string(decode(TestTokens.issue("a", "viewer").split("\\.")[1]), "jti"),
                string(decode(TestTokens.issue("a", "viewer").split("\\.")[1]), "jti"));
    }

    @Test
    void resignedTokenKeepsForeignClaimsAndVerifies() throws Exception {
        String foreign = TestTokens.resigned(
                TestTokens.issue("dave", "viewer"), claims -> claims.replaceFirst("^\\{", "{\"tv\":7,"));
        assertTrue(verifies(foreign));
        String claims = decode(foreign.split("\\.")[1]);
        assertEquals(7, number(claims, "tv"));
        assertEquals("dave", string(claims, "sub"));
    }

    @Test
    void expiredCopyIsValidlySignedWithTheSameClaimsButExpired() throws Exception {
        String original = TestTokens.issue("erin", "operator");
        String copy = TestTokens.expiredCopy(original);
        assertTrue(verifies(copy));
        String before = decode(original.split("\\.")[1]);
        String after = decode(copy.split("\\.")[1]);
        assertEquals(string(before, "jti"), string(after, "jti"));
        assertTrue(number(after, "exp") < Instant.now().getEpochSecond() - 3000, after);
    }

    @Test
    void expiredTokenIsValidlySignedButExpiredBeyondClockSkew() throws Exception {
        String token = TestTokens.expired("carol", "admin");
        assertTrue(verifies(token));
        assertTrue(number(decode(token.split("\\.")[1]), "exp") < Instant.now().getEpochSecond() - 3000);
    }

    @Test
    void tamperedTokenClaimsAdminButNoLongerVerifies() throws Exception {
        String original = TestTokens.issue("dave", "viewer");
        String tampered = TestTokens.tampered(original);
        assertTrue(decode(tampered.split("\\.")[1]).contains("\"groups\":[\"admin\"]"));
        assertEquals(original.split("\\.")[2], tampered.split("\\.")[2]);
        assertFalse(verifies(tampered));
    }

    @Test
    void algNoneTokenHasNoSignature() {
        String token = TestTokens.algNone("eve", "admin");
        assertTrue(token.endsWith("."));
        assertEquals("{\"alg\":\"none\",\"typ\":\"JWT\"}", decode(token.split("\\.")[0]));
        assertEquals("eve", string(decode(token.split("\\.")[1]), "sub"));
    }

    @Test
    void escapesClaimValues() {
        assertEquals("\"a\\\"b\\\\c\\n\"", TestTokens.json("a\"b\\c\n"));
    }

    static boolean verifies(String token) throws Exception {
        String pem = Files.readString(Path.of(URI.create(TestTokens.publicKeyLocation())));
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        int lastDot = token.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String string(String json, String claim) {
        Matcher m = Pattern.compile("\"" + claim + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), claim + " missing in " + json);
        return m.group(1);
    }

    private static long number(String json, String claim) {
        Matcher m = Pattern.compile("\"" + claim + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), claim + " missing in " + json);
        return Long.parseLong(m.group(1));
    }
}
