package dev.opsuite.telemetry.metrics;

import dev.opsuite.telemetry.domain.DatabaseException;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.ExecutionRepository.Outcomes;
import dev.opsuite.telemetry.domain.ExecutionStatus;
import dev.opsuite.telemetry.domain.RollupRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Prometheus gauges over the stored data (refreshed in the background, so a scrape never queries):
 * telemetry_installs{status} (all-time executions by status, status="all" for the total),
 * telemetry_pending_executions, telemetry_success_rate_24h (percent). The ingest lag gauge lives
 * with the consumer.
 */
@ApplicationScoped
public class TelemetryMetrics {
    private static final Logger LOG = Logger.getLogger(TelemetryMetrics.class);
    static final List<String> STATUSES = List.of("all", "success", "failed", "aborted", "installing", "unknown");

    private final RollupRepository rollups;
    private final ExecutionRepository executions;
    private final Map<String, AtomicLong> installs = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong successRate24hBasisPoints = new AtomicLong();

    public TelemetryMetrics(RollupRepository rollups, ExecutionRepository executions, MeterRegistry registry) {
        this.rollups = rollups;
        this.executions = executions;
        for (String status : STATUSES) {
            AtomicLong value = new AtomicLong();
            installs.put(status, value);
            Gauge.builder("telemetry.installs", value, AtomicLong::get)
                    .tag("status", status)
                    .description("Executions recorded, by current status (all time)")
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("telemetry.pending.executions", pending, AtomicLong::get)
                .description("Executions still installing (no terminal report yet)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("telemetry.success.rate.24h", successRate24hBasisPoints, v -> v.get() / 100.0)
                .description("success / (success + failed) of the executions started in the last 24 h, percent")
                .strongReference(true)
                .register(registry);
    }

    @Scheduled(
            every = "${opsuite.telemetry.metrics-refresh:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            Map<String, Long> byStatus = rollups.executionsByStatus();
            installs.forEach((status, value) -> value.set(
                    status.equals("all")
                            ? byStatus.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            : byStatus.getOrDefault(status, 0L)));
            pending.set(executions.countByStatus(ExecutionStatus.INSTALLING));
            Outcomes day = executions.outcomesStartedSince(
                    OffsetDateTime.now(ZoneOffset.UTC).minusHours(24));
            long total = day.success() + day.failed();
            successRate24hBasisPoints.set(total == 0 ? 0 : Math.round(day.success() * 10000.0 / total));
        } catch (DatabaseException e) {
            LOG.debugf("metrics refresh failed: %s", e.getCause().toString());
        }
    }
}
