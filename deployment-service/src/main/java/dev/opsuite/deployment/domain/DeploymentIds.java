package dev.opsuite.deployment.domain;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** {@code <mode>_<yyyyMMdd>_<HHmmss>_<8 hex>}, the random part from a secure source. */
public final class DeploymentIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeploymentIds() {}

    public static String next(Mode mode) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return mode.wire() + "_" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "_"
                + HexFormat.of().formatHex(random);
    }
}
