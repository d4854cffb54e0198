package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The password of the gateway's {@code admin} user. The gateway creates that user on its first start
 * and stores it in its schema, so the password must live as long as the data does: it is generated
 * once into {@code <home>/admin-password} (owner-only) and reused, unless OPSUITE_ADMIN_PASSWORD is set.
 */
final class AdminPassword {
    static final String ENV = "OPSUITE_ADMIN_PASSWORD";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminPassword() {
    }

    record Resolved(String password, String source) {
    }

    static Resolved resolve(Map<String, String> environment, Path home) {
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Resolved(fromEnv, "from " + ENV);
        }
        Path file = home.resolve("admin-password");
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).trim();
                if (!stored.isEmpty()) {
                    return new Resolved(stored, "stored in " + file);
                }
            }
            String generated = generate();
            Files.createDirectories(home);
            Files.writeString(file, generated + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return new Resolved(generated, "generated, stored in " + file);
        } catch (IOException e) {
            throw new DevstackException("Cannot read or store the admin password in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
