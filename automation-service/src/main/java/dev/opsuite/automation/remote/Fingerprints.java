package dev.opsuite.automation.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Host key fingerprints exactly as {@code ssh-keygen -l -E sha256} prints them:
 * {@code SHA256:} + base64 (no padding) of the SHA-256 of the key blob.
 */
public final class Fingerprints {
    public static final Pattern FORMAT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private Fingerprints() {}

    public static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fingerprint of an OpenSSH one-line public key ({@code ssh-ed25519 AAAA… comment}). */
    public static String ofPublicKeyLine(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line");
        }
        return sha256(Base64.getDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII)));
    }

    public static boolean isValid(String fingerprint) {
        return fingerprint != null && FORMAT.matcher(fingerprint).matches();
    }
}
