package dev.opsuite.telemetry.maintenance;

import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.domain.DatabaseException;
import dev.opsuite.telemetry.domain.Execution;
import dev.opsuite.telemetry.domain.ExecutionLifecycle;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.RollupChange;
import dev.opsuite.telemetry.domain.RollupRepository;
import dev.opsuite.telemetry.domain.Rollups;
import dev.opsuite.telemetry.domain.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    private final Transactions transactions;
    private final ExecutionRepository executions;
    private final RollupRepository rollups;
    private final Duration stuckAfter;
    private final boolean scheduled;

    public StuckExecutionSweeper(
            Transactions transactions,
            ExecutionRepository executions,
            RollupRepository rollups,
            TelemetryConfig config) {
        this.transactions = transactions;
        this.executions = executions;
        this.rollups = rollups;
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
        } catch (DatabaseException e) {
            LOG.warnf("sweeper failed: %s", e.getCause().toString());
        }
    }

    /** @return how many executions were marked unknown/timeout */
    public int sweep(Duration olderThan) {
        int total = 0;
        while (true) {
            int n = sweepBatch(olderThan);
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    private int sweepBatch(Duration olderThan) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return transactions.run("sweeping stuck executions", c -> {
            List<Execution> stuck = executions.lockStuck(c, now.minus(olderThan), BATCH);
            List<Execution> timedOut = new ArrayList<>(stuck.size());
            List<RollupChange> deltas = new ArrayList<>();
            for (Execution before : stuck) {
                Execution after = ExecutionLifecycle.timedOut(before, now);
                timedOut.add(after);
                deltas.addAll(Rollups.changes(before, after));
            }
            executions.updateAll(c, timedOut);
            rollups.apply(c, Rollups.combine(deltas));
            return stuck.size();
        });
    }
}
