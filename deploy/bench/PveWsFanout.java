import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentProgressed;
import dev.opsuite.events.v1.DeploymentStatus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * WebSocket fan-out benchmark client (run by pve-ws-fanout.sh with the gateway's class path):
 * opens N progress sockets (Vert.x WebSocket client) subscribed to one deployment, then produces R deployment events onto
 * Kafka the way deployment-service does (protobuf + CloudEvents headers) and measures, per socket
 * and event, the time from the producer's send to the message arriving on the socket.
 *
 * args: wsUrl token kafkaBootstrap sockets rounds
 * prints: "fanout: sockets=N rounds=R delivered=D missing=M p50=…ms p99=…ms max=…ms"
 */
public final class PveWsFanout {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String bootstrap = args[2];
        int sockets = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String taskId = "docker_bench_" + UUID.randomUUID().toString().substring(0, 8);

        long[] sentAt = new long[rounds + 2];
        long[] first = new long[rounds + 2];
        long[] last = new long[rounds + 2];
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch[] roundDone = new CountDownLatch[rounds + 2];
        for (int i = 0; i < roundDone.length; i++) {
            roundDone[i] = new CountDownLatch(sockets);
        }

        // Vert.x's WebSocket client (netty event loops), so a thousand sockets are read in parallel
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets + 10));
        URI base = URI.create(url);
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            WebSocket ws = client.connect(new WebSocketConnectOptions()
                            .setHost(base.getHost())
                            .setPort(base.getPort())
                            .setURI(base.getPath() + "?token=" + token))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            ws.textMessageHandler(text -> {
                long now = System.nanoTime();
                int at = text.indexOf("\"progress\":");
                if (at > 0 && text.contains(taskId)) {
                    int progress = Integer.parseInt(text.substring(at + 11).split("[,}]")[0].trim());
                    if (progress >= 1 && progress < sentAt.length && sentAt[progress] != 0) {
                        if (progress >= 2) {
                            latencies.add(now - sentAt[progress]);
                            synchronized (first) {
                                if (first[progress] == 0 || now < first[progress]) {
                                    first[progress] = now;
                                }
                                last[progress] = Math.max(last[progress], now);
                            }
                        }
                        roundDone[progress].countDown();
                    }
                }
            });
            ws.writeTextMessage("{\"action\":\"subscribe\",\"task_id\":\"" + taskId + "\"}")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            open.add(ws);
        }

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            // round 1 only proves every socket is subscribed (and warms the path); rounds 2.. are measured
            for (int round = 1; round <= rounds + 1; round++) {
                Instant now = Instant.now();
                DeploymentEvent event = DeploymentEvent.newBuilder()
                        .setDeploymentId(taskId)
                        .setApp("bench")
                        .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_RUNNING)
                        .setProgress(round)
                        .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                        .setProgressed(DeploymentProgressed.newBuilder().setCompletedSteps(round).setTotalSteps(100))
                        .build();
                CloudEvent ce = new CloudEvent(UUID.randomUUID().toString(), "deployment-service",
                        "dev.opsuite.deployment.progressed.v1", now, taskId, CloudEvent.PROTOBUF, null, null);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("deployment.events.v1", taskId, event.toByteArray());
                ce.toHeaders().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                sentAt[round] = System.nanoTime();
                producer.send(record).get();
                if (!roundDone[round].await(30, TimeUnit.SECONDS)) {
                    System.err.println("round " + round + ": only " + (sockets - roundDone[round].getCount()) + " of "
                            + sockets + " sockets got the event");
                }
                Thread.sleep(200);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int expected = sockets * rounds;
        System.out.printf("fanout: sockets=%d rounds=%d delivered=%d missing=%d p50=%.1fms p99=%.1fms max=%.1fms%n",
                sockets, rounds, sorted.size(), expected - sorted.size(),
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        // per event: when the first socket had it (Kafka + consumer) and how long until the last one had it (fan-out)
        List<Long> firsts = new ArrayList<>();
        List<Long> spreads = new ArrayList<>();
        for (int round = 2; round <= rounds + 1; round++) {
            if (first[round] != 0) {
                firsts.add(first[round] - sentAt[round]);
                spreads.add(last[round] - first[round]);
            }
        }
        Collections.sort(firsts);
        Collections.sort(spreads);
        System.out.printf("per-event: first-socket p50=%.1fms max=%.1fms; first-to-last p50=%.1fms max=%.1fms%n",
                pct(firsts, 0.5), pct(firsts, 1.0), pct(spreads, 0.5), pct(spreads, 1.0));
        open.forEach(WebSocket::close);
        vertx.close();
        System.exit(0);
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
