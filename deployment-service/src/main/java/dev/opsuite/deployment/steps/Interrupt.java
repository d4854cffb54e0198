package dev.opsuite.deployment.steps;

/** Why a deployment stopped early, if it did. */
public enum Interrupt {
    NONE,
    CANCELLED,
    TIMED_OUT
}
