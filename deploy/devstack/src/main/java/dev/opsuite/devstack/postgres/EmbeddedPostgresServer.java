package dev.opsuite.devstack.postgres;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.PostgresEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL (binaries from the Maven registry, via zonky) listening on loopback. Either
 * ephemeral (fresh temporary data directory, removed on close) or persistent (a fixed data directory
 * that survives restarts; initdb only runs when it is empty). Root is handled by zonky, see {@link RootCheck}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /** zonky's initdb creates this trust-authenticated superuser. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory null for an ephemeral server in zonky's temporary directory
     * @param port          0 for a free port
     * @param logFile       server and initdb output go here (appended)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile) {
        RootCheck.requireUsableAsCurrentUser();
        boolean persistent = dataDirectory != null;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setRegisterShutdownHook(false) // Devstack stops it, after Kafka and the services
                    .setPGStartupWait(Duration.ofSeconds(90)) // 2 shared cores: be patient
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setDataDirectoryCustomizer(EmbeddedPostgresServer::writeClientAuthentication)
                    // five services x (JDBC + reactive pools) in dev, plus tools
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (persistent) {
                Files.createDirectories(dataDirectory);
                StalePostmaster.stopIfRunning(dataDirectory);
                // zonky passes -F (fsync off) and synchronous_commit=off; data that is kept deserves durability
                builder.setDataDirectory(dataDirectory.toFile())
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on");
            } else {
                // throwaway data: durability buys nothing and costs test time
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException | UncheckedIOException e) {
            throw new DevstackException(
                    "PostgreSQL did not start" + (persistent ? " in " + dataDirectory : "") + ": " + e.getMessage()
                            + " (server log: " + logFile + ")",
                    e);
        } catch (RuntimeException e) {
            if (e instanceof DevstackException) {
                throw e;
            }
            throw new DevstackException(
                    "PostgreSQL did not start: " + e.getMessage() + " (server log: " + logFile + ")", e);
        }
    }

    /**
     * The superuser may log in without a password over loopback (the embedded server is a local dev
     * tool); every service role must present its password (SCRAM), so a wrong one fails here as it
     * would in production. Rewritten on every start: initdb's default trusts everybody.
     */
    private static void writeClientAuthentication(File dataDirectory) {
        String hba = """
                # written by opsuite devstack on every start
                # TYPE  DATABASE  USER      ADDRESS        METHOD
                local   all       postgres                 trust
                host    all       postgres  127.0.0.1/32   trust
                host    all       postgres  ::1/128        trust
                local   all       all                      scram-sha-256
                host    all       all       127.0.0.1/32   scram-sha-256
                host    all       all       ::1/128        scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Admin view of database {@code database} on this server. */
    public PostgresEndpoint endpoint(String database) {
        return new PostgresEndpoint("localhost", port(), database, SUPERUSER, null);
    }

    @Override
    public void close() {
        try {
            postgres.close(); // pg_ctl stop -m fast; removes the data directory when ephemeral
        } catch (IOException e) {
            throw new DevstackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
