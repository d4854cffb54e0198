package dev.opsuite.telemetry.maintenance;

import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.domain.ExecutionRows;
import dev.opsuite.telemetry.domain.RollupChange;
import dev.opsuite.telemetry.domain.Rollups;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Executions that never sent a terminal report (the client died, the host lost power) would stay
 * "installing" forever and skew the pending counts: after {@code stuck-after} without news they
 * become {@code unknown} with category {@code timeout}. A late real report still wins.
 */
@ApplicationScoped
public class StuckExecutionSweeper {
    private static final Logger LOG = Logger.getLogger(StuckExecutionSweeper.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final Duration stuckAfter;
    private final boolean scheduled;

    public StuckExecutionSweeper(DataSource dataSource, TelemetryConfig config) {
        this.dataSource = dataSource;
        this.stuckAfter = config.sweeper().stuckAfter();
        this.scheduled = config.sweeper().enabled();
    }

    @Scheduled(
            every = "${opsuite.telemetry.sweeper.interval:5m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!scheduled) {
            return;
        }
        try {
            int swept = sweep(stuckAfter);
            if (swept > 0) {
                LOG.infof("sweeper: %d stuck executions marked unknown/timeout", swept);
            }
        } catch (SQLException e) {
            LOG.warnf("sweeper failed: %s", e.toString());
        }
    }

    /** @return how many executions were marked unknown/timeout */
    public int sweep(Duration olderThan) throws SQLException {
        int total = 0;
        while (true) {
            int n = sweepBatch(olderThan);
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    private int sweepBatch(Duration olderThan) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Map<String, Object>> stuck = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM executions WHERE status = 'installing'"
                        + " AND updated_at < ? ORDER BY execution_id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
                    s.setObject(1, now.minus(olderThan));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            stuck.add(ExecutionRows.read(rs));
                        }
                    }
                }
                List<RollupChange> rollups = new ArrayList<>();
                for (Map<String, Object> before : stuck) {
                    Map<String, Object> after = new LinkedHashMap<>(before);
                    after.put("status", "unknown");
                    after.put("error_category", "timeout");
                    after.put("swept", true);
                    after.put("finished_at", now);
                    after.put("updated_at", now);
                    after.put("error_pattern", null);
                    ExecutionRows.update(c, (String) before.get("execution_id"), after);
                    rollups.addAll(Rollups.changes(before, after));
                }
                Rollups.apply(c, Rollups.combine(rollups));
                c.commit();
                return stuck.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
