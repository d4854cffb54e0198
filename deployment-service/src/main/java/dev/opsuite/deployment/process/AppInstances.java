package dev.opsuite.deployment.process;

import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.DeploymentConfig;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The app process serving each app+environment (uv/fallback modes). */
@ApplicationScoped
public class AppInstances {
    private final BlockingSql db;
    private final DeploymentConfig config;

    public AppInstances(BlockingSql db, DeploymentConfig config) {
        this.db = db;
        this.config = config;
    }

    public record Instance(String app, String environment, String deploymentId, long pid, Long processStart) {}

    public Optional<Instance> current(String app, String environment) {
        return db
                .query(
                        "SELECT app, environment, deployment_id, pid, process_start FROM app_instances WHERE app = $1 AND environment = $2",
                        app,
                        environment)
                .stream()
                .findFirst()
                .map(AppInstances::map);
    }

    /** Stops the serving instance (whole tree) and forgets it; @return the stopped PID, if one was alive. */
    public Optional<Long> stop(String app, String environment) {
        Optional<Instance> current = current(app, environment);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Instance i = current.get();
        Optional<ProcessHandle> handle = ProcessTree.find(i.pid(), i.processStart());
        handle.ifPresent(h -> ProcessTree.terminate(h, config.killGrace()));
        db.update(
                "DELETE FROM app_instances WHERE app = $1 AND environment = $2 AND pid = $3",
                app,
                environment,
                i.pid());
        return handle.map(ProcessHandle::pid);
    }

    /** Stops every instance of the app, in every environment; @return the PIDs that were alive. */
    public List<Long> stopAll(String app) {
        List<String> environments = db.query("SELECT environment FROM app_instances WHERE app = $1", app).stream()
                .map(r -> r.getString("environment"))
                .toList();
        List<Long> stopped = new ArrayList<>();
        for (String environment : environments) {
            stop(app, environment).ifPresent(stopped::add);
        }
        return stopped;
    }

    public void record(SqlClient tx, String app, String environment, String deploymentId, ProcessHandle handle) {
        BlockingSql.update(
                tx,
                "INSERT INTO app_instances (app, environment, deployment_id, pid, process_start) VALUES ($1, $2, $3, $4, $5) "
                        + "ON CONFLICT (app, environment) DO UPDATE SET deployment_id = excluded.deployment_id, pid = excluded.pid, "
                        + "process_start = excluded.process_start, started_at = now()",
                app,
                environment,
                deploymentId,
                handle.pid(),
                ProcessTree.startMillis(handle));
    }

    private static Instance map(Row r) {
        return new Instance(
                r.getString("app"),
                r.getString("environment"),
                r.getString("deployment_id"),
                r.getLong("pid"),
                r.getLong("process_start"));
    }
}
