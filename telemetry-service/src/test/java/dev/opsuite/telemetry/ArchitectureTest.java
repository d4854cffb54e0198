package dev.opsuite.telemetry;

import dev.opsuite.devstack.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The suite's package rules (ARCHITECTURE.md §8) hold in this service. */
class ArchitectureTest {

    @Test
    void packagesFollowTheSuitesRules() {
        ArchitectureRules.assertHold("dev.opsuite.telemetry");
    }
}
