package dev.opsuite.gateway.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API token secrets: {@code opsk_} + 256 random bits (base64url). The prefix lets the gateway tell
 * them from JWTs without trying to parse, and lets secret scanners find leaked ones. With that much
 * entropy a plain SHA-256 is a safe way to store them (no brute force to slow down).
 */
public final class ApiTokenSecret {

    public static final String PREFIX = "opsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenSecret() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeApiToken(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
