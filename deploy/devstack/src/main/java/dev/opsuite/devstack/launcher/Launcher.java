package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.ServiceDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/devstack/target/devstack-launcher.jar run|infra [--ephemeral]}: the process
 * behind `make run`. Runs until Ctrl-C (SIGINT) or SIGTERM; the shutdown hook then stops the services,
 * Kafka and PostgreSQL in that order.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        // zonky and kafka-clients log through SLF4J; the launcher reports through its own console lines
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");

        List<String> arguments = List.of(args);
        String mode = arguments.isEmpty() ? "help" : arguments.get(0);
        boolean ephemeral = arguments.contains("--ephemeral");
        if (!mode.equals("run") && !mode.equals("infra")) {
            usage();
            System.exit(mode.equals("help") || mode.equals("--help") ? 0 : 2);
        }

        StackLauncher stack;
        try {
            Path root = RepoRoot.locate();
            Map<String, String> env = System.getenv();
            LaunchConfig config = ephemeral ? LaunchConfig.freePorts(root, env) : LaunchConfig.makeRun(root, env);
            stack = new StackLauncher(mode.equals("infra") ? config.infrastructureOnly() : config, Launcher::say);
        } catch (DevstackException | IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            say("devstack: stopped");
                            stopped.countDown();
                        },
                        "devstack-stop"));

        try {
            stack.start();
        } catch (DevstackException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("devstack: failed to start:");
            e.printStackTrace();
            System.exit(1);
        }
        printSummary(stack, mode.equals("infra"));
        try {
            stopped.await(); // until the shutdown hook has run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printSummary(StackLauncher stack, boolean infraOnly) {
        LaunchConfig config = stack.config();
        StringBuilder out = new StringBuilder("\n");
        if (!infraOnly) {
            out.append("opsuite is running\n");
            out.append("  gateway     ").append(stack.gatewayUrl()).append('\n');
            out.append("  PVE facade  ")
                    .append(stack.facadeUrl())
                    .append("   (self-signed certificate: curl -k, proxmoxer verify_ssl=False)\n");
            out.append("  admin       user ")
                    .append(stack.adminUser())
                    .append(", password ")
                    .append(stack.adminPassword())
                    .append("   (")
                    .append(stack.adminPasswordSource())
                    .append(")\n");
            StringBuilder services = new StringBuilder();
            for (ServiceSpec spec : ServiceSpec.upstreams()) {
                services.append(services.isEmpty() ? "" : ", ")
                        .append(spec.name())
                        .append(" :")
                        .append(config.port(spec.name()));
            }
            out.append("  services    ").append(services).append('\n');
        } else {
            out.append("opsuite infrastructure is running (no services)\n");
        }
        out.append("  postgres    ")
                .append(stack.devstack().postgres().jdbcUrl())
                .append("   roles = schemas: ");
        StringBuilder roles = new StringBuilder();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ServiceDatabase db = stack.database(spec.name());
            roles.append(roles.isEmpty() ? "" : ", ")
                    .append(db.username())
                    .append('/')
                    .append(db.password());
        }
        out.append(roles).append('\n');
        out.append("  kafka       ")
                .append(stack.devstack().kafkaBootstrapServers())
                .append('\n');
        out.append("  logs        ").append(config.logDirectory()).append('\n');
        out.append("Press Ctrl-C to stop.\n");
        // one stable line for scripts and tests that start the launcher as a process
        StringBuilder ports = new StringBuilder();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.append(ports.isEmpty() ? "" : ",")
                    .append(spec.name())
                    .append(':')
                    .append(config.port(spec.name()));
        }
        out.append("devstack: READY gateway=")
                .append(infraOnly ? "-" : stack.gatewayUrl())
                .append(" ports=")
                .append(infraOnly ? "-" : ports)
                .append(" kafka=")
                .append(stack.devstack().kafkaBootstrapServers())
                .append(" postgres=")
                .append(stack.devstack().postgres().jdbcUrl());
        say(out.toString());
    }

    private static void usage() {
        say("""
                usage: java -jar deploy/devstack/target/devstack-launcher.jar <run|infra> [--ephemeral]

                  run          PostgreSQL + Kafka + the five services; waits until all are ready; Ctrl-C stops all
                  infra        PostgreSQL + Kafka only (schemas/roles created), for debugging
                  --ephemeral  free ports and throwaway data instead of the fixed dev ports and .devstack/

                Environment:
                  OPSUITE_PG_URL, OPSUITE_PG_ADMIN_USER, OPSUITE_PG_ADMIN_PASSWORD   use an existing PostgreSQL
                  KAFKA_BOOTSTRAP_SERVERS                                          use an existing Kafka
                  OPSUITE_ADMIN_PASSWORD        the gateway admin's password (default: generated once, kept in .devstack)
                  OPSUITE_GATEWAY_UPSTREAM_<TELEMETRY|DEPLOYMENT|L10N|AUTOMATION>  gateway upstream URLs
                  OPSUITE_SERVICE_JAVA_OPTS     JVM options of the services (default -Xmx512m)
                  OPSUITE_READY_TIMEOUT_SECONDS how long a service may take to become ready (default 240)
                """);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
