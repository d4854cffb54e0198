package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A secret the stack's data depends on, so it must live as long as the data does: taken from its
 * environment variable when set, else generated once into an owner-only file under the stack's home
 * and reused.
 * <ul>
 *   <li>the gateway's {@code admin} password: the gateway creates that user on its first start;</li>
 *   <li>the services' encryption key ({@code opsuite.secrets.keys.v1}): without a stable key, what a
 *       service encrypted before a restart (the gateway's signing key, stored credentials) could not
 *       be decrypted after it.</li>
 * </ul>
 */
enum StoredSecret {
    ADMIN_PASSWORD("OPSUITE_ADMIN_PASSWORD", "admin-password", StoredSecret::password),
    ENCRYPTION_KEY("OPSUITE_SECRETS_KEYS_V1", "secrets-key-v1", StoredSecret::aesKey);

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String env;
    private final String fileName;
    private final Supplier<String> generator;

    StoredSecret(String env, String fileName, Supplier<String> generator) {
        this.env = env;
        this.fileName = fileName;
        this.generator = generator;
    }

    record Resolved(String value, String source) {}

    Resolved resolve(Map<String, String> environment, Path home) {
        String fromEnv = environment.get(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Resolved(fromEnv, "from " + env);
        }
        Path file = home.resolve(fileName);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).trim();
                if (!stored.isEmpty()) {
                    return new Resolved(stored, "stored in " + file);
                }
            }
            String generated = generator.get();
            Files.createDirectories(home);
            Files.writeString(file, generated + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return new Resolved(generated, "generated, stored in " + file);
        } catch (IOException e) {
            throw new DevstackException("Cannot read or store " + fileName + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String password() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String aesKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
