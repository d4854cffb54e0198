package dev.opsuite.telemetry.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.telemetry.TelemetryConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes raw events, and finished executions, older than N days; the daily rollups (and so every
 * dashboard figure) are kept. Off unless {@code opsuite.telemetry.retention.enabled=true}; an
 * admin can run it on demand.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final DataSource dataSource;
    private final TelemetryConfig.Retention config;

    public RetentionJob(DataSource dataSource, TelemetryConfig config) {
        this.dataSource = dataSource;
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
        } catch (SQLException e) {
            LOG.warnf("retention failed: %s", e.toString());
        }
    }

    public int configuredDays() {
        return config.days();
    }

    public Result run(int days) throws SQLException {
        if (days < 1) {
            throw new IllegalArgumentException("retention days must be >= 1");
        }
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int events;
                int executions;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM execution_events WHERE received_at < ?")) {
                    s.setObject(1, cutoff);
                    events = s.executeUpdate();
                }
                // Only finished executions: a running one may still receive its terminal report.
                try (PreparedStatement s = c.prepareStatement("DELETE FROM executions WHERE started_at < ?"
                        + " AND status <> 'installing' AND updated_at < ?")) {
                    s.setObject(1, cutoff);
                    s.setObject(2, cutoff);
                    executions = s.executeUpdate();
                }
                c.commit();
                return new Result(days, events, executions);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
