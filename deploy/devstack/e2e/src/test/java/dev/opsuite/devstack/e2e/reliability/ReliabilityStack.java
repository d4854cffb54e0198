package dev.opsuite.devstack.e2e.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.devstack.DevstackOptions;
import dev.opsuite.devstack.Directories;
import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.PostgresEndpoint;
import dev.opsuite.devstack.ServiceDatabase;
import dev.opsuite.devstack.launcher.LaunchConfig;
import dev.opsuite.devstack.launcher.ReplicatedStack;
import dev.opsuite.devstack.launcher.RepoRoot;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@link ReplicatedStack} with what the reliability tests do to it and read from it: reports and
 * deployments through the gateway, rows from each service's schema, records and consumer groups
 * from Kafka.
 */
final class ReliabilityStack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ReplicatedStack stack;
    private final HttpClient http;
    private final List<Path> appDirs = new ArrayList<>();
    private String adminToken;
    private volatile String lastRefusal;
    private volatile boolean stopIngest;

    private ReliabilityStack(ReplicatedStack stack) {
        this.stack = stack;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Starts PostgreSQL, Kafka, the gateway(s) and {@code replicas} instances, data and logs under
     * target/{@code name}, which is emptied first: every run starts from a fresh database.
     */
    static ReliabilityStack start(String name, Map<String, Integer> replicas, String... jvmOptions) {
        Path home = Path.of("target", name).toAbsolutePath();
        if (Files.exists(home)) {
            Directories.deleteTree(home);
        }
        ReliabilityStack stack = create(name, replicas, null, null, jvmOptions);
        long t0 = System.nanoTime();
        stack.stack.start();
        System.out.printf("[%s] stack ready in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        return stack;
    }

    /**
     * The same stack, not started, on a PostgreSQL and a Kafka the caller runs (and may stop and
     * restart); null = embedded ones on free ports.
     */
    static ReliabilityStack create(
            String name, Map<String, Integer> replicas, PostgresEndpoint postgres, String kafka, String... jvmOptions) {
        Map<String, String> env = new HashMap<>(System.getenv());
        List<String> options = new ArrayList<>(List.of(
                "-Xmx320m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1",
                // thousands of reports from one test client: the edge's and the service's per-client limits are not
                // under test
                "-Dopsuite.gateway.routes.telemetry-ingest.rate-limit.per-second=0",
                // SharedWorkIT's workers race for hundreds of queue tasks through the gateways
                "-Dopsuite.gateway.routes.l10n.rate-limit.per-second=0",
                "-Dopsuite.telemetry.rate-limit.enabled=false"));
        options.addAll(List.of(jvmOptions));
        env.put("OPSUITE_SERVICE_JAVA_OPTS", String.join(" ", options));
        Path home = Path.of("target", name).toAbsolutePath();
        LaunchConfig config = LaunchConfig.freePorts(RepoRoot.locate(), home, env);
        if (postgres != null || kafka != null) {
            config = new LaunchConfig(
                    config.repoRoot(),
                    config.home(),
                    new DevstackOptions(home, 0, 0, 0, postgres, kafka, DevstackOptions.DATABASE),
                    config.ports(),
                    config.environment(),
                    true,
                    config.readyTimeout(),
                    false);
        }
        return new ReliabilityStack(
                new ReplicatedStack(config, replicas, line -> System.out.println("[" + name + "] " + line)));
    }

    ReplicatedStack replicas() {
        return stack;
    }

    // ---- HTTP through the gateway

    /**
     * Posts {@code count} telemetry reports through the gateway ({@code concurrency} in flight), each
     * its own execution {@code <run>-<i>}; returns how many were answered 202.
     */
    int ingest(String run, int count, int concurrency) throws InterruptedException {
        return ingest(run, 0, count, concurrency, new AtomicInteger());
    }

    /**
     * As {@link #ingest(String, int, int)} from index {@code from}; refusals (non-202, timeouts) are
     * counted in {@code refused}. Plain blocking connections with hard connect/read timeouts on
     * {@code concurrency} threads: a report is answered, refused or timed out, never left hanging.
     */
    int ingest(String run, int from, int count, int concurrency, AtomicInteger refused) throws InterruptedException {
        return ingest(run, from, count, concurrency, refused, false);
    }

    /**
     * With {@code resend}, a refused report is sent again (every 250 ms, for up to 2 minutes) as a
     * client told "503, retry later" does; {@code refused} then counts refused attempts.
     */
    int ingest(String run, int from, int count, int concurrency, AtomicInteger refused, boolean resend)
            throws InterruptedException {
        stopIngest = false;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        try {
            for (int t = 0; t < concurrency; t++) {
                senders.execute(() -> {
                    for (int i = next.getAndIncrement(); i < from + count && !stopIngest; i = next.getAndIncrement()) {
                        String report = report(run + "-" + i);
                        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                        int status = postReport(report);
                        while (status != 202 && resend && !stopIngest && System.nanoTime() < giveUp) {
                            refused.incrementAndGet();
                            try {
                                Thread.sleep(250);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                            status = postReport(report);
                        }
                        if (status == 202) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                });
            }
        } finally {
            senders.shutdown();
        }
        if (!senders.awaitTermination(30, TimeUnit.MINUTES)) {
            senders.shutdownNow();
            throw new AssertionError("ingest did not finish within 30 minutes");
        }
        return accepted.get();
    }

    /** Makes a running {@link #ingest} stop sending (a test that failed half-way). */
    void stopIngest() {
        stopIngest = true;
    }

    /** The report's status code, or -1 when no answer came within the timeouts. */
    private int postReport(String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri("/telemetry").toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(30_000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 202) {
                    lastRefusal = status + " " + answer;
                }
            }
            return status;
        } catch (IOException e) {
            lastRefusal = e.toString();
            return -1;
        }
    }

    /** How the last refused report was answered (status and body, or the client's exception). */
    String lastRefusal() {
        return lastRefusal;
    }

    private static String report(String executionId) {
        return "{\"random_id\":\"" + executionId + "\",\"execution_id\":\"" + executionId + "\",\"type\":\"lxc\","
                + "\"nsapp\":\"replicas\",\"status\":\"installing\",\"ct_type\":1,\"disk_size\":8,"
                + "\"core_count\":1,\"ram_size\":512,\"os_type\":\"debian\",\"os_version\":\"12\","
                + "\"method\":\"default\",\"pve_version\":\"8.4.1\",\"repo_source\":\"ProxmoxVE\"}";
    }

    HttpResponse<String> postJson(String path, String body, Map<String, String> headers) throws Exception {
        return postJsonAsync(path, body, headers).get(60, TimeUnit.SECONDS);
    }

    CompletableFuture<HttpResponse<String>> postJsonAsync(String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + adminToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private synchronized String adminToken() throws Exception {
        if (adminToken == null) {
            String body = JSON.writeValueAsString(Map.of("username", "admin", "password", stack.adminPassword()));
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                throw new AssertionError("admin login failed: " + login.statusCode() + " " + login.body());
            }
            adminToken = JSON.readTree(login.body()).at("/data/token").asText();
        }
        return adminToken;
    }

    // ---- HTTP to a given gateway or instance, with a given token

    /** A fresh session on the gateway at {@code base} (admin); returns its token. */
    String login(String base) throws Exception {
        return login(base, "admin", stack.adminPassword());
    }

    /** A fresh session of {@code username} on the gateway at {@code base}; returns its token. */
    String login(String base, String username, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new AssertionError(
                    username + " login at " + base + " failed: " + login.statusCode() + " " + login.body());
        }
        return JSON.readTree(login.body()).at("/data/token").asText();
    }

    /** {@code method path} at {@code base} with {@code token}; a JSON {@code body} or null. */
    HttpResponse<String> call(String base, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The client the stack's helpers use (HTTP/1.1), for SSE and WebSocket followers. */
    HttpClient http() {
        return http;
    }

    /**
     * Registers a Python app whose health URL ({@code http://127.0.0.1:<port>/health}) answers only
     * after it has printed {@code warming <i>} for {@code WARM_LINES} lines (env, 0.2 s apart): a
     * deployment of it stays in its health-check step, logging, for as long as the test wants.
     */
    String registerWarmingApp(String name, int port) throws Exception {
        Path dir = Files.createTempDirectory("opsuite-replicas-app-");
        appDirs.add(dir);
        Files.writeString(dir.resolve("app.py"), """
                import http.server, os, time
                port = int(os.environ["PORT"])
                for i in range(int(os.environ.get("WARM_LINES", "0"))):
                    print("warming", i, flush=True)
                    time.sleep(0.2)
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(b"ok")
                    def log_message(self, *args):
                        pass
                print("serving on", port, flush=True)
                http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
                """);
        Files.writeString(dir.resolve("requirements.txt"), "# stdlib only\n");
        String body = JSON.writeValueAsString(Map.of(
                "name",
                name,
                "source_path",
                dir.toString(),
                "start_command",
                "python app.py",
                "health_url",
                "http://127.0.0.1:" + port + "/health",
                "health_timeout_seconds",
                600));
        HttpResponse<String> created = postJson("/api/deployment/apps", body, Map.of());
        if (created.statusCode() != 201) {
            throw new AssertionError("app registration failed: " + created.statusCode() + " " + created.body());
        }
        return name;
    }

    /** A fallback-mode deployment of a {@link #registerWarmingApp warming app} on {@code port}. */
    static String warmingDeploymentBody(String app, int port, int warmLines) throws IOException {
        return JSON.writeValueAsString(Map.of(
                "app",
                app,
                "mode",
                "fallback",
                "environment",
                "production",
                "config",
                Map.of(
                        "environment_variables",
                        Map.of("PORT", Integer.toString(port), "WARM_LINES", Integer.toString(warmLines)))));
    }

    static int freePort() {
        return FreePorts.pick();
    }

    /** Registers a small stdlib-only Python web app (fallback mode: a venv, no download); returns its name. */
    String registerPythonApp(String name) throws Exception {
        Path dir = Files.createTempDirectory("opsuite-replicas-app-");
        appDirs.add(dir);
        Files.writeString(dir.resolve("app.py"), """
                import http.server, os
                port = int(os.environ.get("PORT", "0"))
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(b"ok")
                    def log_message(self, *args):
                        pass
                print("serving on", port, flush=True)
                http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
                """);
        Files.writeString(dir.resolve("requirements.txt"), "# stdlib only\n");
        String body = JSON.writeValueAsString(
                Map.of("name", name, "source_path", dir.toString(), "start_command", "python app.py"));
        HttpResponse<String> created = postJson("/api/deployment/apps", body, Map.of());
        if (created.statusCode() != 201) {
            throw new AssertionError("app registration failed: " + created.statusCode() + " " + created.body());
        }
        return name;
    }

    String deploymentBody(String app, String environment) throws IOException {
        int port = FreePorts.pick();
        return JSON.writeValueAsString(Map.of(
                "app",
                app,
                "mode",
                "fallback",
                "environment",
                environment,
                "skip_health_check",
                true,
                "config",
                Map.of("environment_variables", Map.of("PORT", Integer.toString(port)))));
    }

    /** Waits until the deployment is completed, failed, cancelled or timed out; returns that status. */
    String awaitTerminal(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> terminal = Set.of("completed", "failed", "cancelled", "timed_out");
        String status = null;
        while (System.nanoTime() < deadline) {
            status = text("deployment", "SELECT status FROM deployments WHERE id = ?", id);
            if (terminal.contains(status)) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("deployment " + id + " still " + status + " after " + timeout);
    }

    // ---- PostgreSQL

    int count(String service, String sql, String arg) throws SQLException {
        return Integer.parseInt(text(service, sql, arg));
    }

    /** Waits until {@code sql} counts {@code expected}; returns the last count (which may be more). */
    int awaitCount(String service, String sql, String arg, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = count(service, sql, arg);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            n = count(service, sql, arg);
        }
        if (n < expected) {
            throw new AssertionError(sql + " [" + arg + "] counted " + n + " of " + expected + " after " + timeout);
        }
        return n;
    }

    String text(String service, String sql, String arg) throws SQLException {
        List<String> rows = strings(service, sql, arg);
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<String> strings(String service, String sql, String arg) throws SQLException {
        ServiceDatabase db = stack.database(service);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    /**
     * Commits {@code rows} "deployment finished" events to deployment-service's outbox in one
     * transaction (as its domain code does, under its role), so both relays find them at once.
     * Deployment ids are {@code obx-<run>-<i>}; returns the CloudEvents ids.
     */
    List<String> commitFinishedDeployments(String run, int rows) throws Exception {
        ServiceDatabase db = stack.database("deployment");
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO outbox (topic, record_key, headers, payload) VALUES (?, ?, ?::jsonb, ?)")) {
                for (int i = 0; i < rows; i++) {
                    String deploymentId = "obx-" + run + "-" + i;
                    Map<String, String> headers = new CloudEvent(
                                    UUID.randomUUID().toString(),
                                    "deployment-service",
                                    "dev.opsuite.deployment.finished.v1",
                                    Instant.now(),
                                    deploymentId,
                                    CloudEvent.PROTOBUF,
                                    null,
                                    null)
                            .toHeaders();
                    insert.setString(1, "deployment.events.v1");
                    insert.setString(2, deploymentId);
                    insert.setString(3, JSON.writeValueAsString(headers));
                    insert.setBytes(4, finished(deploymentId).toByteArray());
                    insert.addBatch();
                    ids.add(headers.get(CloudEvent.H_ID));
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return ids;
    }

    private static DeploymentEvent finished(String deploymentId) {
        Instant ended = Instant.now();
        return DeploymentEvent.newBuilder()
                .setDeploymentId(deploymentId)
                .setApp("replicas-outbox")
                .setEnvironment("production")
                .setMode("fallback")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                .setProgress(100)
                .setStartedAt(ts(ended.minusSeconds(5)))
                .setOccurredAt(ts(ended))
                .setFinished(DeploymentFinished.newBuilder()
                        .setFinalStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                        .setExitCode(0)
                        .setEndedAt(ts(ended))
                        .setDurationSeconds(5))
                .build();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder()
                .setSeconds(i.getEpochSecond())
                .setNanos(i.getNano())
                .build();
    }

    // ---- Kafka

    /**
     * Every record of {@code topic} matching {@code wanted}, read from the beginning until
     * {@code atLeast} matched and then two more seconds of quiet (so a late duplicate is seen too).
     */
    List<ConsumerRecord<String, byte[]>> records(
            String topic, Predicate<ConsumerRecord<String, byte[]>> wanted, int atLeast, Duration timeout) {
        return records(topic, wanted, matched -> matched.size() >= atLeast, timeout);
    }

    /**
     * Every record of {@code topic} matching {@code wanted}, read from the beginning until
     * {@code complete} holds for them and then two more seconds of quiet.
     */
    List<ConsumerRecord<String, byte[]>> records(
            String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted,
            Predicate<List<ConsumerRecord<String, byte[]>>> complete,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(r)) {
                        matched.add(r);
                    }
                }
                if (quietUntil == Long.MAX_VALUE && complete.test(matched)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        if (!complete.test(matched)) {
            throw new AssertionError(topic + ": only " + matched.size() + " matching records after " + timeout);
        }
        return matched;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static DeploymentEvent deploymentEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return DeploymentEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a DeploymentEvent on " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    /** The group once it is stable with {@code members} members. */
    ConsumerGroupDescription stableGroup(String group, int members, Duration timeout) throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            ConsumerGroupDescription d = null;
            while (System.nanoTime() < deadline) {
                d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (d.state() == ConsumerGroupState.STABLE && d.members().size() == members) {
                    return d;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("group " + group + " not stable with " + members + " members: " + d);
        }
    }

    int partitions(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        return Admin.create(p);
    }

    String kafka() {
        return stack.infrastructure().devstack().kafkaBootstrapServers();
    }

    /** 200 from an instance's /q/health/ready (by name, {@code <service>-<n>}), without waiting long. */
    boolean ready(String name) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(stack.urlOf(name) + "/q/health/ready"))
                                            .timeout(Duration.ofSeconds(2))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create(stack.gatewayUrl() + path);
    }

    /** Stops everything, and the Python apps the deployments left serving. */
    @Override
    public void close() {
        try {
            for (String pid : strings("deployment", "SELECT pid::text FROM app_instances WHERE ? IS NOT NULL", "x")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        } catch (SQLException | RuntimeException e) {
            System.out.println("could not list the deployed apps' processes: " + e.getMessage());
        }
        stack.close();
        appDirs.forEach(Directories::deleteTree);
    }
}
