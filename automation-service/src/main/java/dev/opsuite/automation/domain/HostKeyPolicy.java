package dev.opsuite.automation.domain;

import java.util.Arrays;
import java.util.Optional;

/** pinned: only a node's recorded fingerprint is accepted; tofu: the first key seen is recorded. */
public enum HostKeyPolicy {
    PINNED("pinned"),
    TOFU("tofu");

    private final String wire;

    HostKeyPolicy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<HostKeyPolicy> of(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
