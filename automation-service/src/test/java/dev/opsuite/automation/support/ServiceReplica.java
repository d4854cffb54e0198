package dev.opsuite.automation.support;

import static io.restassured.RestAssured.given;

import dev.opsuite.devstack.Devstack;
import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.ServiceDatabase;
import dev.opsuite.devstack.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One automation-service replica as its own process: the packaged {@code target/quarkus-app} started
 * with {@code java -jar} the way devstack's launcher starts a service (database role, Kafka, JWT key and
 * the shared encryption key in its environment), on the test JVM's devstack PostgreSQL and Kafka.
 * Every replica of a test JVM shares one database schema and one encryption key, as replicas of one
 * deployment do. Output goes to {@code target/replicas/<instance>.log}.
 */
public final class ServiceReplica implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String SECRETS_KEY = randomKey();

    public final String instanceId;
    public final int port;
    public final Path log;
    private final Process process;

    private ServiceReplica(String instanceId, int port, Path log, Process process) {
        this.instanceId = instanceId;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a replica named {@code instanceId} with {@code settings} (environment variables) on top of the stack's. */
    public static ServiceReplica start(String instanceId, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath()
                    + " is missing: replica tests run after `package` (mvn -pl automation-service verify)");
        }
        Devstack stack = Devstack.shared();
        ServiceDatabase database = stack.ensureSchema("automation", "automation");
        int port = FreePorts.pick();
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.publicKeyLocation());
        env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        env.put("OPSUITE_SECRETS_KEYS_V1", SECRETS_KEY);
        env.put("OPSUITE_AUTOMATION_INSTANCE_ID", instanceId);
        env.putAll(settings);
        try {
            Path logs = Files.createDirectories(Path.of("target/replicas"));
            Path log = logs.resolve(instanceId + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-XX:+ExitOnOutOfMemoryError",
                            "-jar",
                            JAR.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            ServiceReplica replica = new ServiceReplica(instanceId, port, log, builder.start());
            Runtime.getRuntime().addShutdownHook(new Thread(replica::close));
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start replica " + instanceId + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the end of the replica's log otherwise. */
    public ServiceReplica awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "replica " + instanceId + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Api.sleep(250);
        }
        throw new IllegalStateException("replica " + instanceId + " not ready after " + timeout + ":\n" + tail());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** A request to this replica with a token of {@code role}'s test user. */
    public RequestSpecification as(String token) {
        return given().baseUri(url()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** SIGKILL, as a crashed node or an OOM killer would: no shutdown hook, no graceful stop. */
    public void kill9() {
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replica " + instanceId + " survived kill -9");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
