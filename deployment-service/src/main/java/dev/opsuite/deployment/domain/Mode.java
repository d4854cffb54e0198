package dev.opsuite.deployment.domain;

import java.util.Locale;
import java.util.Optional;

/** A concrete way to deploy; {@code auto} is a request value resolved to one of these. */
public enum Mode {
    DOCKER(300),
    UV(120),
    FALLBACK(60);

    private final int defaultEstimateSeconds;

    Mode(int defaultEstimateSeconds) {
        this.defaultEstimateSeconds = defaultEstimateSeconds;
    }

    public int defaultEstimateSeconds() {
        return defaultEstimateSeconds;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> parse(String wire) {
        for (Mode m : values()) {
            if (m.wire().equals(wire)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
