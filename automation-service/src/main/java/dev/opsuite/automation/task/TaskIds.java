package dev.opsuite.automation.task;

import dev.opsuite.automation.domain.TaskKind;
import java.security.SecureRandom;
import java.time.Instant;

/** {@code <kind>-exec-<epoch seconds>-<6 lower-case letters or digits>}, as the seed shows them. */
public final class TaskIds {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskIds() {}

    public static String next(TaskKind kind) {
        StringBuilder b = new StringBuilder(kind.wire())
                .append("-exec-")
                .append(Instant.now().getEpochSecond())
                .append('-');
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("(ssh|ansible|script|workflow)-exec-\\d{1,12}-[a-z0-9]{6}");
    }
}
