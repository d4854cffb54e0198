package dev.opsuite.devstack.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.devstack.launcher.ReplicatedStack;
import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.devstack.pve.PveTestNode;
import dev.opsuite.events.v1.PveEvent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Work that any replica could pick up is done once (issue 14, item 4): l10n-sync-service's queue
 * with two l10n instances, and the PVE poller with two gateways on one PostgreSQL, polling the PVE
 * test cluster. The poller's lease holder is killed in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedWorkIT {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration LEASE_TTL = Duration.ofSeconds(5);

    static ReliabilityStack stack;
    static ReplicatedStack replicas;
    static PveTestCluster pve;

    @BeforeAll
    static void launch() {
        pve = PveTestCluster.builder().start();
        stack = ReliabilityStack.start(
                "shared-work",
                Map.of("gateway", 2, "l10n", 2),
                "-Dopsuite.pve.poller.interval=" + POLL_INTERVAL.toSeconds() + "s",
                "-Dopsuite.pve.poller.lease-ttl=" + LEASE_TTL.toSeconds() + "s");
        replicas = stack.replicas();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (pve != null) {
            pve.close();
        }
    }

    @Test
    @Order(1)
    void eachQueuedTaskIsLeasedOnceWhicheverReplicaHandsItOut() throws Exception {
        String token = stack.login(replicas.gatewayUrl(0));
        int tasks = 120;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            String gateway = replicas.gatewayUrl(i % 2);
            HttpResponse<String> created = stack.call(
                    gateway,
                    "POST",
                    "/api/v6/queue/tasks",
                    token,
                    ReliabilityStack.JSON.writeValueAsString(
                            Map.of("type", "replica_probe", "payload_json", Map.of("n", i))));
            assertEquals(201, created.statusCode(), created.body());
            ids.add(ReliabilityStack.JSON.readTree(created.body()).get("id").asLong());
        }

        // four external workers race for every task: one on each l10n replica directly, one through
        // each gateway (which balance over both replicas)
        Map<String, String> workers = new LinkedHashMap<>();
        workers.put("l10n-0", replicas.instanceUrl("l10n", 0));
        workers.put("l10n-1", replicas.instanceUrl("l10n", 1));
        workers.put("gateway-0", replicas.gatewayUrl(0));
        workers.put("gateway-1", replicas.gatewayUrl(1));
        Map<Long, List<String>> leasedBy = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> leases = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Map.Entry<String, String> worker : workers.entrySet()) {
                running.add(pool.submit(() -> {
                    List<Long> order = new ArrayList<>(ids);
                    Collections.shuffle(order);
                    for (long id : order) {
                        HttpResponse<String> lease = stack.call(
                                worker.getValue(),
                                "POST",
                                "/api/v6/queue/tasks/" + id + "/lease",
                                token,
                                "{\"lease_owner\":\"" + worker.getKey() + "\",\"lease_duration_seconds\":600}");
                        if (lease.statusCode() == 409) {
                            refused.incrementAndGet();
                            continue;
                        }
                        assertEquals(200, lease.statusCode(), lease.body());
                        leasedBy.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(worker.getKey());
                        leases.computeIfAbsent(worker.getKey(), k -> new AtomicInteger())
                                .incrementAndGet();
                        String leaseToken = ReliabilityStack.JSON
                                .readTree(lease.body())
                                .get("lease_token")
                                .asText();
                        HttpResponse<String> done = stack.call(
                                worker.getValue(),
                                "POST",
                                "/api/v6/queue/tasks/" + id + "/complete",
                                token,
                                ReliabilityStack.JSON.writeValueAsString(Map.of(
                                        "lease_owner",
                                        worker.getKey(),
                                        "lease_token",
                                        leaseToken,
                                        "result",
                                        "success",
                                        "output",
                                        Map.of("by", worker.getKey()))));
                        assertEquals(200, done.statusCode(), done.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(tasks, leasedBy.size(), "every task was leased");
        leasedBy.forEach((id, by) -> assertEquals(1, by.size(), "task " + id + " leased by " + by));
        assertEquals(tasks * (workers.size() - 1), refused.get(), "every other attempt is refused with 409");
        assertTrue(
                leases.getOrDefault("l10n-0", new AtomicInteger()).get() > 0
                        && leases.getOrDefault("l10n-1", new AtomicInteger()).get() > 0,
                "both replicas handed out leases: " + leases);
        String idList = String.join(",", ids.stream().map(String::valueOf).toList());
        assertEquals(
                tasks,
                stack.count(
                        "l10n",
                        "SELECT count(*) FROM queue_tasks WHERE state = 'succeeded' AND attempts = 1 "
                                + "AND id = ANY (string_to_array(?, ',')::bigint[])",
                        idList));
        assertEquals(
                tasks,
                stack.count(
                        "l10n",
                        "SELECT count(*) FROM queue_attempts WHERE task_id = ANY (string_to_array(?, ',')::bigint[])",
                        idList),
                "one attempt per task");
        System.out.printf(
                "[shared-work] %d tasks, 4 workers racing for each: %d leases %s, %d refused (409), every task once%n",
                tasks, leasedBy.size(), leases, refused.get());
    }

    @Test
    @Order(2)
    void theBuiltinWorkersOfBothReplicasRunEachTaskOnce() throws Exception {
        String token = stack.login(replicas.gatewayUrl(1));
        int tasks = 150;
        List<Long> ids = new ArrayList<>();
        // which replica's workers hold leases, sampled while they run (a finished task forgets its owner)
        Map<String, Integer> holding = new ConcurrentHashMap<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                try {
                    for (String owner : stack.strings(
                            "l10n",
                            "SELECT DISTINCT lease_owner FROM queue_tasks WHERE state = 'leased' AND type = ?",
                            "export_stream")) {
                        holding.merge(l10nInstance(owner), 1, Integer::sum);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        // enqueued through both gateways, so both replicas' workers are poked
        for (int i = 0; i < tasks; i++) {
            HttpResponse<String> created = stack.call(
                    replicas.gatewayUrl(i % 2),
                    "POST",
                    "/api/v6/queue/tasks",
                    token,
                    ReliabilityStack.JSON.writeValueAsString(
                            Map.of("type", "export_stream", "payload_json", Map.of("since_id", i, "limit", 1))));
            assertEquals(201, created.statusCode(), created.body());
            ids.add(ReliabilityStack.JSON.readTree(created.body()).get("id").asLong());
        }
        String idList = String.join(",", ids.stream().map(String::valueOf).toList());
        stack.awaitCount(
                "l10n",
                "SELECT count(*) FROM queue_tasks WHERE state IN ('succeeded', 'dead') "
                        + "AND id = ANY (string_to_array(?, ',')::bigint[])",
                idList,
                tasks,
                Duration.ofSeconds(120));
        sampling.set(false);
        sampler.join();
        assertEquals(
                tasks,
                stack.count(
                        "l10n",
                        "SELECT count(*) FROM queue_tasks WHERE state = 'succeeded' AND attempts = 1 "
                                + "AND id = ANY (string_to_array(?, ',')::bigint[])",
                        idList),
                "every task succeeded on its first attempt");
        assertEquals(
                tasks,
                stack.count(
                        "l10n",
                        "SELECT count(*) FROM queue_attempts WHERE outcome = 'success' "
                                + "AND task_id = ANY (string_to_array(?, ',')::bigint[])",
                        idList),
                "one attempt per task");
        assertEquals(
                Set.of("l10n-0", "l10n-1"),
                holding.keySet(),
                "the workers of both replicas (and only they) were seen holding leases: " + holding);
        System.out.printf(
                "[shared-work] %d export_stream tasks run by the built-in workers of both replicas, each once"
                        + " (samples of a replica holding a lease: %s)%n",
                tasks, holding);
    }

    @Test
    @Order(3)
    void thePvePollerPollsFromOneGatewayAndTheOtherTakesOverWhenTheHolderIsKilled() throws Exception {
        String token = stack.login(replicas.gatewayUrl(0));
        HttpResponse<String> registered =
                stack.call(replicas.gatewayUrl(0), "POST", "/api/v1/pve/clusters", token, registration());
        assertEquals(201, registered.statusCode(), registered.body());

        int holder = awaitHolder(-1, Duration.ofSeconds(30));
        // a few rounds after the registration: steady state
        awaitRequests("/api2/json/cluster/status", 2, Duration.ofSeconds(30));
        pve.resetRequestCounts();
        Duration window = Duration.ofSeconds(10);
        Thread.sleep(window.toMillis());
        long rounds = pve.requests("/api2/json/cluster/status");
        assertEquals(holder, holderIndex(), "the lease stayed with one gateway");
        long max = window.toSeconds() / POLL_INTERVAL.toSeconds() + 2;
        assertTrue(rounds >= 3, "the holder polls: " + rounds + " rounds in " + window);
        // both gateways polling would make about twice as many
        assertTrue(
                rounds <= max,
                rounds + " rounds in " + window + " at one per " + POLL_INTERVAL + ": " + pve.requestCounts());
        System.out.printf(
                "[shared-work] PVE poller: gateway-%d holds the lease; %d /cluster/status rounds in %d s (one gateway"
                        + " polls at 1/s; two would make ~%d); requests %s%n",
                holder, rounds, window.toSeconds(), 2 * window.toSeconds(), pve.requestCounts());

        long killedAt = System.nanoTime();
        replicas.kill("gateway", holder);
        // a task that starts and ends while no gateway polls: the dead holder never saw it
        String upid = startPveTask(pve.node(0), 100, "reboot");
        int successor = awaitHolder(holder, LEASE_TTL.plusSeconds(30));
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertNotEquals(holder, successor);
        double limit = LEASE_TTL.toSeconds() + POLL_INTERVAL.toSeconds() + 4;
        assertTrue(seconds <= limit, "taken over " + seconds + " s after the kill, limit " + limit);
        pve.resetRequestCounts();
        Thread.sleep(5_000);
        long after = pve.requests("/api2/json/cluster/status");
        assertTrue(after >= 2 && after <= 5 / POLL_INTERVAL.toSeconds() + 2, "rounds after the takeover: " + after);

        // the successor goes on from where the dead holder left off: the task of the gap is reported once
        List<ConsumerRecord<String, byte[]>> events = stack.records(
                "pve.events.v1",
                r -> upid.equals(r.key()),
                seen -> seen.stream().anyMatch(r -> pveEvent(r).hasTaskFinished()),
                Duration.ofSeconds(20));
        long started = events.stream().filter(r -> pveEvent(r).hasTaskStarted()).count();
        List<PveEvent> finished = events.stream()
                .map(SharedWorkIT::pveEvent)
                .filter(PveEvent::hasTaskFinished)
                .toList();
        assertEquals(1, started, "task_started events of " + upid);
        assertEquals(1, finished.size(), "task_finished events of " + upid);
        assertEquals("OK", finished.get(0).getTaskFinished().getExitStatus());
        System.out.printf(
                "[shared-work] gateway-%d killed (SIGKILL): gateway-%d took the lease %.1f s later (lease %d s, poll"
                        + " every %d s) and polls alone: %d rounds in 5 s; the task run in the gap (%s) reported once"
                        + " (started + finished)%n",
                holder, successor, seconds, LEASE_TTL.toSeconds(), POLL_INTERVAL.toSeconds(), after, upid);
    }

    private static PveEvent pveEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return PveEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a PveEvent: " + e.getMessage(), e);
        }
    }

    /** Starts a guest action on a PVE test node directly (TLS pinned to the node's certificate); returns its UPID. */
    private static String startPveTask(PveTestNode node, int vmid, String action) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry(
                node.name(),
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(node.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.port() + "/api2/json/nodes/" + node.name()
                                + "/qemu/" + vmid + "/status/" + action))
                        .header("Authorization", pve.authorizationHeader())
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return ReliabilityStack.JSON.readTree(answer.body()).get("data").asText();
    }

    private static String registration() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "replicas");
        body.put(
                "nodes",
                pve.nodes().stream()
                        .map(n -> Map.<String, Object>of(
                                "host", "127.0.0.1", "port", n.port(), "fingerprint", n.fingerprint()))
                        .toList());
        body.put("token_id", pve.tokenId());
        body.put("token_secret", pve.tokenSecret());
        body.put("default", true);
        return ReliabilityStack.JSON.writeValueAsString(body);
    }

    /** {@code l10n-<n>} for a built-in worker's lease owner ({@code builtin-<pid>@<host>}), else the owner. */
    private static String l10nInstance(String owner) {
        for (int i = 0; i < replicas.instances("l10n"); i++) {
            String name = ReplicatedStack.instanceId("l10n", i);
            if (replicas.isAlive(name) && owner.startsWith("builtin-" + replicas.pid(name) + "@")) {
                return name;
            }
        }
        return owner;
    }

    /** Which gateway holds the poller lease (by the pid in its holder name), -1 for none or an unknown one. */
    private static int holderIndex() throws Exception {
        String holder = stack.text(
                "gateway", "SELECT holder FROM pve_poller_lease WHERE name = ? AND expires_at > now()", "pve-poller");
        if (holder == null) {
            return -1;
        }
        String pid = holder.substring(0, holder.indexOf('@'));
        for (int i = 0; i < replicas.instances("gateway"); i++) {
            String name = ReplicatedStack.instanceId("gateway", i);
            if (replicas.isAlive(name) && Long.toString(replicas.pid(name)).equals(pid)) {
                return i;
            }
        }
        return -1;
    }

    /** Waits until a gateway other than {@code not} holds the lease; returns its index. */
    private static int awaitHolder(int not, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int holder = holderIndex();
            if (holder >= 0 && holder != not) {
                return holder;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no gateway (other than " + not + ") took the poller lease within " + timeout);
    }

    private static void awaitRequests(String path, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pve.requests(path) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " requested " + pve.requests(path) + " times in " + timeout + ": "
                        + pve.requestCounts());
            }
            Thread.sleep(100);
        }
    }
}
