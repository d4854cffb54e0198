package dev.opsuite.telemetry.maintenance;

import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.RollupRepository;
import dev.opsuite.telemetry.domain.RollupRepository.RebuiltRows;
import dev.opsuite.telemetry.domain.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Recomputes the rollups of the days from {@code since} on from the stored executions, in one
 * transaction during which writers of executions wait (so no delta is lost or doubled), and logs
 * what it did. Earlier days are left alone: retention may have removed their executions, and their
 * rollups are then the only record.
 */
@ApplicationScoped
public class RollupRebuild {
    private static final Logger LOG = Logger.getLogger(RollupRebuild.class);

    private final Transactions transactions;
    private final ExecutionRepository executions;
    private final RollupRepository rollups;

    public RollupRebuild(Transactions transactions, ExecutionRepository executions, RollupRepository rollups) {
        this.transactions = transactions;
        this.executions = executions;
        this.rollups = rollups;
    }

    /** What a rebuild wrote: the executions it read and the rollup rows it produced. */
    public record Result(
            LocalDate since,
            long executions,
            long appsRows,
            long rollupRows,
            long dimsRows,
            long errorRows,
            long dayTotalRows,
            long monthlyRows) {}

    public Result rebuild(LocalDate since) {
        long started = System.nanoTime();
        Result result = transactions.run("rebuilding the rollups", c -> {
            executions.lockAgainstWriters(c);
            long read = executions.countStartedSince(c, since.atStartOfDay().atOffset(ZoneOffset.UTC));
            RebuiltRows rows = rollups.rebuild(c, since);
            return new Result(
                    since,
                    read,
                    rows.apps(),
                    rows.daily(),
                    rows.dims(),
                    rows.errors(),
                    rows.dayTotals(),
                    rows.monthly());
        });
        LOG.infof(
                "rollups rebuilt from %s: %d executions -> %d per-app rows, %d daily rows, %d all-app rows,"
                        + " %d error rows, %d day-total rows, %d monthly rows in %d ms",
                since,
                result.executions(),
                result.appsRows(),
                result.rollupRows(),
                result.dimsRows(),
                result.errorRows(),
                result.dayTotalRows(),
                result.monthlyRows(),
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }
}
