package dev.opsuite.devstack;

import java.util.function.Predicate;

/**
 * Which PostgreSQL + Kafka the shared test stack runs on. Embedded (zonky PostgreSQL, a Kafka broker
 * JVM) is the default, and what CI and machines without Docker use. {@code -Dopsuite.devstack=containers}
 * asks for Testcontainers' PostgreSQL and Kafka modules instead; that is used only when a Docker engine
 * answers and Testcontainers is on the test class path, otherwise the stack stays embedded and says why.
 */
public enum DevstackBackend {
    EMBEDDED,
    CONTAINERS;

    public static final String PROPERTY = "opsuite.devstack";
    static final String TESTCONTAINERS_MARKER = "org.testcontainers.containers.PostgreSQLContainer";

    /** The decision and, when it is not what was asked for, why. */
    public record Selection(DevstackBackend backend, String reason) {}

    /** From the system property, the environment (DOCKER_HOST) and the class path. */
    public static Selection select() {
        return select(
                System.getProperty(PROPERTY),
                DockerEngine.locate(System.getenv()),
                className -> isOnClassPath(className, DevstackBackend.class.getClassLoader()));
    }

    static Selection select(String requested, DockerEngine engine, Predicate<String> onClassPath) {
        if (requested == null || requested.isBlank() || requested.equals("embedded")) {
            return new Selection(EMBEDDED, "embedded PostgreSQL and Kafka (the default)");
        }
        if (!requested.equals("containers")) {
            throw new DevstackException("-D" + PROPERTY + "=" + requested
                    + " is not a devstack backend: use embedded (default) or containers");
        }
        if (engine == null) {
            return new Selection(
                    EMBEDDED,
                    "containers asked for, but no Docker engine is configured (DOCKER_HOST, /var/run/docker.sock): embedded instead");
        }
        if (!engine.answers()) {
            return new Selection(
                    EMBEDDED,
                    "containers asked for, but the Docker engine at " + engine
                            + " does not answer GET /_ping: embedded instead");
        }
        if (!onClassPath.test(TESTCONTAINERS_MARKER)) {
            return new Selection(
                    EMBEDDED,
                    "containers asked for, but Testcontainers is not on the test class path (add org.testcontainers:postgresql"
                            + " and org.testcontainers:kafka as test dependencies): embedded instead");
        }
        return new Selection(CONTAINERS, "Testcontainers PostgreSQL and Kafka on the Docker engine at " + engine);
    }

    /** Looks the class up without initialising it (and without loading anything when it is absent). */
    static boolean isOnClassPath(String className, ClassLoader loader) {
        return loader.getResource(className.replace('.', '/') + ".class") != null;
    }

    /** Starts the selected stack (the caller owns it). */
    static Devstack start(Selection selection) {
        return switch (selection.backend()) {
            case EMBEDDED -> Devstack.start(DevstackOptions.ephemeral());
            case CONTAINERS -> ContainerBackend.start();
        };
    }
}
