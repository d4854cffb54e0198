package dev.opsuite.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * One record the database refuses must not hold up the others (it used to stop a consumer for good):
 * it is isolated and dead-lettered alone, everything else is applied in order; an outage is waited out.
 */
class BatchApplierTest {

    private final List<String> deadLettered = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final ConsumerHealth health = new ConsumerHealth(new SimpleMeterRegistry());
    private final BatchApplier applier = new BatchApplier(new RecordingDeadLetters(), config(), health);

    @Test
    void poisonRecordIsDeadLetteredAloneAndTheRestAppliedInOrder() throws Exception {
        List<String> applied = new ArrayList<>();
        List<String> values = IntStream.range(0, 100)
                .mapToObj(i -> i == 37 ? "poison" : "v" + i)
                .toList();
        List<Integer> transactions = new ArrayList<>();
        applier.apply("ingest", items(values), batch -> {
            transactions.add(batch.size());
            if (batch.contains("poison")) {
                throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
            }
            applied.addAll(batch);
        });
        assertEquals(values.stream().filter(v -> !v.equals("poison")).toList(), applied);
        assertEquals(List.of("poison"), deadLettered);
        assertTrue(reasons.get(0).startsWith("failed after 3 attempts: SQLException (SQLState 22021)"), reasons.get(0));
        assertTrue(
                transactions.size() < 30, "isolating one record in 100 took " + transactions.size() + " transactions");
        assertEquals(1, health.snapshot().get("ingest").deadLettered());
        assertEquals(null, health.snapshot().get("ingest").failingSince());
    }

    @Test
    void transientFailureIsRetriedWholeAndNothingIsDeadLettered() throws Exception {
        List<String> applied = new ArrayList<>();
        int[] calls = {0};
        applier.apply("ingest", items(List.of("a", "b", "c")), batch -> {
            if (++calls[0] <= 5) {
                throw new SQLTransientConnectionException("Connection refused", "08001");
            }
            applied.addAll(batch);
        });
        assertEquals(List.of("a", "b", "c"), applied);
        assertEquals(6, calls[0]);
        assertEquals(List.of(), deadLettered);
    }

    @Test
    void logDescriptionNeverQuotesTheStatement() {
        SQLException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO executions VALUES ('secret-value') was aborted", "22021", new int[0]);
        String described = Failures.describe(batch);
        assertTrue(!described.contains("secret-value"), described);
        assertTrue(Failures.isTransient(new SQLException("x", "40P01")));
        assertTrue(!Failures.isTransient(new SQLException("x", "23505")));
        assertTrue(!Failures.isTransient(new IllegalStateException("bad data")));
    }

    private static List<BatchApplier.Item<String>> items(List<String> values) {
        List<BatchApplier.Item<String>> items = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            items.add(new BatchApplier.Item<>(
                    new ConsumerRecord<>("t", 0, i, "k" + i, values.get(i).getBytes()), values.get(i)));
        }
        return items;
    }

    private static InboxConfig config() {
        return new InboxConfig() {
            @Override
            public int maxAttempts() {
                return 3;
            }

            @Override
            public Duration retryBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration maxRetryBackoff() {
                return Duration.ofMillis(4);
            }

            @Override
            public Duration stuckAfter() {
                return Duration.ofSeconds(60);
            }
        };
    }

    private final class RecordingDeadLetters extends DeadLetters {
        RecordingDeadLetters() {
            super(null);
        }

        @Override
        public CompletableFuture<RecordMetadata> send(
                String consumer,
                String topic,
                int partition,
                long offset,
                String key,
                byte[] payload,
                Map<String, String> headers,
                String reason) {
            deadLettered.add(new String(payload));
            reasons.add(reason);
            return CompletableFuture.completedFuture(null);
        }
    }
}
