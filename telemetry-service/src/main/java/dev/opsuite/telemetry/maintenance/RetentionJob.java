package dev.opsuite.telemetry.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.domain.DatabaseException;
import dev.opsuite.telemetry.domain.ExecutionEventRepository;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes raw events, and finished executions, older than N days; the daily rollups (and so every
 * dashboard figure) are kept. Off unless {@code opsuite.telemetry.retention.enabled=true}; an
 * admin can run it on demand.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final Transactions transactions;
    private final ExecutionEventRepository events;
    private final ExecutionRepository executions;
    private final TelemetryConfig.Retention config;

    public RetentionJob(
            Transactions transactions,
            ExecutionEventRepository events,
            ExecutionRepository executions,
            TelemetryConfig config) {
        this.transactions = transactions;
        this.events = events;
        this.executions = executions;
        this.config = config.retention();
    }

    public record Result(
            int days,
            @JsonProperty("deleted_events") int deletedEvents,
            @JsonProperty("deleted_executions") int deletedExecutions) {}

    @Scheduled(
            every = "${opsuite.telemetry.retention.interval:6h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            Result r = run(config.days());
            LOG.infof(
                    "retention (%d days): %d events, %d executions deleted",
                    r.days(), r.deletedEvents(), r.deletedExecutions());
        } catch (DatabaseException e) {
            LOG.warnf("retention failed: %s", e.getCause().toString());
        }
    }

    public int configuredDays() {
        return config.days();
    }

    public Result run(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("retention days must be >= 1");
        }
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
        return transactions.run("retention", c -> {
            int deletedEvents = events.deleteReceivedBefore(c, cutoff);
            int deletedExecutions = executions.deleteFinishedBefore(c, cutoff);
            return new Result(days, deletedEvents, deletedExecutions);
        });
    }
}
