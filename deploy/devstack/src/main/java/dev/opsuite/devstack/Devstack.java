package dev.opsuite.devstack;

import dev.opsuite.devstack.kafka.KafkaBroker;
import dev.opsuite.devstack.postgres.EmbeddedPostgresServer;
import dev.opsuite.devstack.postgres.ExtensionProvisioner;
import dev.opsuite.devstack.postgres.SchemaProvisioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The local infrastructure every service needs: one PostgreSQL database ({@code opsuite}) with a
 * schema + login role per service, and one Kafka broker. Used by the test resource (one shared,
 * throwaway instance per JVM: {@link #shared()}), by the launcher behind `make run` (persistent data,
 * fixed ports) and by the end-to-end tests.
 *
 * <pre>{@code
 * try (Devstack stack = Devstack.start(DevstackOptions.ephemeral())) {
 *     ServiceDatabase db = stack.ensureSchema("telemetry");
 *     String kafka = stack.kafkaBootstrapServers();
 * }
 * }</pre>
 */
public final class Devstack implements AutoCloseable {
    private final PostgresEndpoint postgres;
    private final String kafkaBootstrapServers;
    private final Path home;
    private final EmbeddedPostgresServer embeddedPostgres; // null when external or attached
    private final KafkaBroker embeddedKafka; // null when external or attached
    private final boolean deleteHome;
    private volatile boolean closed;

    private Devstack(
            PostgresEndpoint postgres,
            String kafkaBootstrapServers,
            Path home,
            EmbeddedPostgresServer embeddedPostgres,
            KafkaBroker embeddedKafka,
            boolean deleteHome) {
        this.postgres = postgres;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.home = home;
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedKafka = embeddedKafka;
        this.deleteHome = deleteHome;
    }

    /**
     * Starts (or connects to) PostgreSQL and Kafka, in parallel, and creates the database. The caller
     * owns the result and must close it; nothing is registered to stop it at JVM exit.
     */
    public static Devstack start(DevstackOptions options) {
        Path home;
        try {
            home = options.ephemeralData() ? Files.createTempDirectory("opsuite-devstack-") : options.home();
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new DevstackException("Cannot create the devstack directory: " + e.getMessage(), e);
        }
        CompletableFuture<KafkaBroker> kafka = options.externalKafka() != null
                ? CompletableFuture.completedFuture(null)
                : startInBackground(() -> startKafka(options, home));
        EmbeddedPostgresServer pg = null;
        try {
            PostgresEndpoint endpoint;
            if (options.externalPostgres() != null) {
                endpoint = options.externalPostgres();
            } else {
                pg = EmbeddedPostgresServer.start(
                        options.ephemeralData() ? null : home.resolve("postgres"),
                        options.postgresPort(),
                        home.resolve("logs").resolve("postgres.log"));
                endpoint = pg.endpoint(options.database());
            }
            new SchemaProvisioner(endpoint).ensureDatabase();
            KafkaBroker broker = kafka.join();
            String bootstrap = broker != null ? broker.bootstrapServers() : options.externalKafka();
            return new Devstack(endpoint, bootstrap, home, pg, broker, options.ephemeralData());
        } catch (RuntimeException e) {
            kafka.thenAccept(b -> {
                if (b != null) {
                    b.close();
                }
            });
            if (pg != null) {
                pg.close();
            }
            if (options.ephemeralData()) {
                quietlyDelete(home);
            }
            RuntimeException cause =
                    e instanceof CompletionException && e.getCause() instanceof RuntimeException c ? c : e;
            throw cause instanceof DevstackException
                    ? cause
                    : new DevstackException("devstack did not start: " + cause, cause);
        }
    }

    /** On a thread of its own that keeps the caller's context class loader (pool threads do not). */
    private static <T> CompletableFuture<T> startInBackground(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.complete(task.get());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "devstack-kafka-start");
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static KafkaBroker startKafka(DevstackOptions options, Path home) {
        Path dir = home.resolve("kafka");
        Path log = home.resolve("logs").resolve("kafka.log");
        return options.kafkaPort() == 0
                ? KafkaBroker.startEphemeral(dir, log)
                : KafkaBroker.startPersistent(dir, options.kafkaPort(), options.kafkaControllerPort(), log);
    }

    /**
     * The one throwaway stack of this JVM, started on first use and stopped when the JVM exits. Shared
     * across class loaders (Quarkus loads test code in several): the endpoints are published as system
     * properties, and later callers in any class loader attach to them instead of starting another.
     */
    public static Devstack shared() {
        return SharedDevstack.get();
    }

    /** Connects to an already running stack (nothing is stopped on close). */
    static Devstack attach(PostgresEndpoint postgres, String kafkaBootstrapServers) {
        return new Devstack(postgres, kafkaBootstrapServers, null, null, null, false);
    }

    /** The admin view of the shared database. */
    public PostgresEndpoint postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Where data and logs live (null when attached to a stack started elsewhere). */
    public Path home() {
        return home;
    }

    /** Schema + login role {@code name}, password = name (the dev convention). Idempotent. */
    public ServiceDatabase ensureSchema(String name) {
        return ensureSchema(name, name);
    }

    /** Schema + login role {@code name} with the given password (reset to it if the role exists). Idempotent. */
    public ServiceDatabase ensureSchema(String name, String password) {
        return new SchemaProvisioner(postgres).ensureSchema(name, password);
    }

    /** Installs {@code extension} into schema {@code schema} as the admin (service roles cannot). Idempotent. */
    public void ensureExtension(String schema, String extension) {
        new ExtensionProvisioner(postgres).ensureExtension(schema, extension);
    }

    /** Stops Kafka, then PostgreSQL (whatever this instance started); removes throwaway data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (embeddedKafka != null) {
            try {
                embeddedKafka.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (embeddedPostgres != null) {
            try {
                embeddedPostgres.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (deleteHome) {
            quietlyDelete(home);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void quietlyDelete(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (RuntimeException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }

    @Override
    public String toString() {
        return "Devstack[" + postgres + ", kafka=" + kafkaBootstrapServers + "]";
    }
}
