package dev.opsuite.deployment.domain;

import java.util.Locale;

/** Lifecycle of a deployment; wire values are the lower-case names. */
public enum DeploymentStatus {
    QUEUED,
    ACCEPTED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeploymentStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean isActive() {
        return this == ACCEPTED || this == RUNNING;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }

    public dev.opsuite.events.v1.DeploymentStatus proto() {
        return dev.opsuite.events.v1.DeploymentStatus.valueOf("DEPLOYMENT_STATUS_" + name());
    }
}
