package dev.opsuite.telemetry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes finished deployments of the suite as executions, in the caller's transaction (the one that
 * records the event in the inbox); the first report of an execution wins, later ones are absorbed.
 * The rollups move in the same transaction.
 */
@ApplicationScoped
public class DeploymentStore {
    private final ExecutionRepository executions;
    private final RollupRepository rollups;

    public DeploymentStore(ExecutionRepository executions, RollupRepository rollups) {
        this.executions = executions;
        this.rollups = rollups;
    }

    /** @return true when the execution was written, false when it was there already */
    public boolean recordFinished(Connection c, Execution finished) throws SQLException {
        if (!executions.insertIfAbsent(c, finished)) {
            return false;
        }
        rollups.apply(c, Rollups.changes(null, finished));
        return true;
    }
}
