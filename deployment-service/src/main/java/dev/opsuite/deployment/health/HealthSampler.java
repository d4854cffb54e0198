package dev.opsuite.deployment.health;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.api.AcceptedView;
import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.modes.ModeAvailability;
import dev.opsuite.deployment.modes.ToolStatus;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Refreshes the health snapshot every 2 s off the request path, so the health endpoint never waits. */
@ApplicationScoped
public class HealthSampler {
    private static final Logger LOG = Logger.getLogger(HealthSampler.class);

    private final Db db;
    private final ModeAvailability availability;
    private final DeploymentConfig config;
    private final ResourceSampler resources;
    private volatile HealthSnapshot.Resources lastResources = new HealthSnapshot.Resources(0, 0, 0, false);
    private volatile HealthSnapshot.Statistics lastStats = new HealthSnapshot.Statistics(0, 0, 0, 0, 0, 0);
    private volatile long active;
    private volatile long queued;
    private volatile boolean databaseReachable = true;
    private volatile OffsetDateTime sampledAt;

    public HealthSampler(Db db, ModeAvailability availability, DeploymentConfig config) {
        this.db = db;
        this.availability = availability;
        this.config = config;
        Path state = Path.of(config.stateDir());
        this.resources = ResourceSampler.system(
                Files.isDirectory(state) ? state : Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        ResourceSampler.Sample s = resources.sample();
        lastResources =
                new HealthSnapshot.Resources(s.cpuPercent(), s.memoryPercent(), s.diskPercent(), s.cgroupLimited());
        try {
            Row r = db.query(
                            "SELECT count(*) FILTER (WHERE status IN ('completed', 'failed', 'cancelled', 'timed_out')) AS total, "
                                    + "count(*) FILTER (WHERE status = 'completed') AS ok, count(*) FILTER (WHERE status = 'failed') AS failed, "
                                    + "count(*) FILTER (WHERE status = 'cancelled') AS cancelled, count(*) FILTER (WHERE status = 'timed_out') AS timed_out, "
                                    + "count(*) FILTER (WHERE status IN ('accepted', 'running')) AS active, count(*) FILTER (WHERE status = 'queued') AS queued, "
                                    + "coalesce(avg(extract(epoch FROM end_time - start_time)) FILTER (WHERE status = 'completed'), 0)::float8 AS avg_time "
                                    + "FROM deployments")
                    .get(0);
            lastStats = new HealthSnapshot.Statistics(
                    r.getLong("total"),
                    r.getLong("ok"),
                    r.getLong("failed"),
                    r.getLong("cancelled"),
                    r.getLong("timed_out"),
                    Math.round(r.getDouble("avg_time") * 10) / 10.0);
            active = r.getLong("active");
            queued = r.getLong("queued");
            databaseReachable = true;
        } catch (RuntimeException e) {
            databaseReachable = false;
            LOG.debugf("health statistics unavailable: %s", e.getMessage());
        }
        sampledAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public HealthSnapshot snapshot() {
        Map<String, ToolStatus> managers = new LinkedHashMap<>();
        availability.snapshot().forEach((mode, status) -> managers.put(mode.wire(), status));
        boolean anyMode = availability.snapshot().values().stream().anyMatch(ToolStatus::isAvailable);
        String status = !databaseReachable ? "degraded" : anyMode ? "ready" : "no_deployment_modes";
        return new HealthSnapshot(
                status,
                OffsetDateTime.now(ZoneOffset.UTC),
                AcceptedView.API_VERSION,
                managers,
                active,
                queued,
                config.maxConcurrent(),
                lastResources,
                lastStats,
                sampledAt);
    }
}
