package dev.opsuite.deployment.process;

import dev.opsuite.common.persistence.BlockingSql;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Remembers which processes a deployment started, so they can be killed even after a restart. */
@ApplicationScoped
public class ProcessRecords {
    private static final Logger LOG = Logger.getLogger(ProcessRecords.class);

    private final BlockingSql db;

    public ProcessRecords(BlockingSql db) {
        this.db = db;
    }

    public void started(String deploymentId, ProcessHandle handle, String role) {
        try {
            db.update(
                    "INSERT INTO deployment_processes (deployment_id, pid, process_start, role) VALUES ($1, $2, $3, $4) "
                            + "ON CONFLICT DO NOTHING",
                    deploymentId,
                    handle.pid(),
                    ProcessTree.startMillis(handle),
                    role);
        } catch (RuntimeException e) {
            LOG.warnf("could not record pid %d of %s: %s", handle.pid(), deploymentId, e.getMessage());
        }
    }

    public void ended(String deploymentId, long pid) {
        try {
            db.update("DELETE FROM deployment_processes WHERE deployment_id = $1 AND pid = $2", deploymentId, pid);
        } catch (RuntimeException e) {
            LOG.warnf("could not forget pid %d of %s: %s", pid, deploymentId, e.getMessage());
        }
    }

    /** Forgets every process of a finished deployment, in the transaction that finishes it. */
    public void forgetAll(SqlClient tx, String deploymentId) {
        BlockingSql.update(tx, "DELETE FROM deployment_processes WHERE deployment_id = $1", deploymentId);
    }

    /** Terminates every recorded, still-living process tree of a deployment (PID reuse checked by start time). */
    public void killAll(String deploymentId, Duration grace) {
        for (Recorded p : of(deploymentId)) {
            ProcessTree.find(p.pid(), p.processStart()).ifPresent(h -> {
                LOG.warnf("killing leftover %s process %d of deployment %s", p.role(), p.pid(), deploymentId);
                ProcessTree.terminate(h, grace);
            });
        }
    }

    public record Recorded(String deploymentId, long pid, Long processStart, String role) {}

    public List<Recorded> of(String deploymentId) {
        return db
                .query(
                        "SELECT deployment_id, pid, process_start, role FROM deployment_processes WHERE deployment_id = $1",
                        deploymentId)
                .stream()
                .map(ProcessRecords::map)
                .toList();
    }

    private static Recorded map(Row r) {
        return new Recorded(
                r.getString("deployment_id"), r.getLong("pid"), r.getLong("process_start"), r.getString("role"));
    }
}
