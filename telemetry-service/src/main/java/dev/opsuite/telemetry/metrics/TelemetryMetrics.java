package dev.opsuite.telemetry.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
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

    private final DataSource dataSource;
    private final Map<String, AtomicLong> installs = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong successRate24hBasisPoints = new AtomicLong();

    public TelemetryMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> byStatus = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT status, sum(executions) FROM rollup_apps_daily GROUP BY status");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
            installs.forEach((status, value) -> value.set(
                    status.equals("all")
                            ? byStatus.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            : byStatus.getOrDefault(status, 0L)));
            try (PreparedStatement s =
                            c.prepareStatement("SELECT count(*) FROM executions WHERE status = 'installing'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                pending.set(rs.getLong(1));
            }
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT count(*) FILTER (WHERE status = 'success'),"
                                    + " count(*) FILTER (WHERE status = 'failed') FROM executions WHERE started_at >= now() - interval '24 hours'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                long ok = rs.getLong(1);
                long failed = rs.getLong(2);
                successRate24hBasisPoints.set(ok + failed == 0 ? 0 : Math.round(ok * 10000.0 / (ok + failed)));
            }
        } catch (SQLException e) {
            LOG.debugf("metrics refresh failed: %s", e.toString());
        }
    }
}
