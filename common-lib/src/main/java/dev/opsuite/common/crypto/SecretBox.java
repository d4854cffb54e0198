package dev.opsuite.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest with a versioned key ring. Ciphertext format:
 * {@code <version>:<base64(12-byte nonce | ciphertext | 16-byte tag)>}, e.g. {@code v2:q83v…}. New
 * values are encrypted with the active version; any known version decrypts (rotation). The version
 * is authenticated as associated data, so a ciphertext cannot be relabelled to another key.
 */
public final class SecretBox {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String activeVersion;
    private final SecureRandom random = new SecureRandom();

    /** @param keys version -> 32-byte key */
    public SecretBox(Map<String, byte[]> keys, String activeVersion) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        Map<String, SecretKeySpec> ring = new LinkedHashMap<>();
        keys.forEach((version, key) -> {
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("invalid key version name: " + version);
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("key " + version + " must be 32 bytes (AES-256), got " + key.length);
            }
            ring.put(version, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!ring.containsKey(activeVersion)) {
            throw new IllegalArgumentException(
                    "active key version " + activeVersion + " is not in the key ring " + ring.keySet());
        }
        this.keys = Map.copyOf(ring);
        this.activeVersion = activeVersion;
    }

    public String activeVersion() {
        return activeVersion;
    }

    public Set<String> versions() {
        return keys.keySet();
    }

    public String encrypt(String plaintext) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), null);
    }

    /** @param context optional associated data binding the ciphertext to its owner (e.g. "credential:42") */
    public String encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeVersion), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeVersion, context));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return activeVersion + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String ciphertext) {
        return new String(decrypt(ciphertext, null), StandardCharsets.UTF_8);
    }

    public byte[] decrypt(String ciphertext, String context) {
        int colon = ciphertext == null ? -1 : ciphertext.indexOf(':');
        if (colon <= 0) {
            throw new SecretBoxException("not a SecretBox ciphertext");
        }
        String version = ciphertext.substring(0, colon);
        SecretKeySpec key = keys.get(version);
        if (key == null) {
            throw new SecretBoxException("unknown key version " + version);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("malformed ciphertext");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("ciphertext too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(version, context));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("ciphertext failed authentication (tampered, wrong key or wrong context)");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("decryption failed");
        }
    }

    /** True when the value was encrypted with an older key and should be re-encrypted. */
    public boolean needsRotation(String ciphertext) {
        return ciphertext != null && !ciphertext.startsWith(activeVersion + ":");
    }

    /** Decrypts with whatever version and encrypts with the active one. */
    public String rotate(String ciphertext, String context) {
        return encrypt(decrypt(ciphertext, context), context);
    }

    private static byte[] aad(String version, String context) {
        return ("opsuite-secretbox|" + version + "|" + (context == null ? "" : context))
                .getBytes(StandardCharsets.UTF_8);
    }
}
