package dev.opsuite.deployment.health;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatistics;
import dev.opsuite.deployment.modes.ModeAvailability;
import dev.opsuite.deployment.modes.ToolStatus;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.RunOnVirtualThread;
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

    private final DeploymentRepository deployments;
    private final ModeAvailability availability;
    private final DeploymentConfig config;
    private final ResourceSampler resources;
    private volatile HealthSnapshot.Resources lastResources = new HealthSnapshot.Resources(0, 0, 0, false);
    private volatile HealthSnapshot.Statistics lastStats = new HealthSnapshot.Statistics(0, 0, 0, 0, 0, 0);
    private volatile long active;
    private volatile long queued;
    private volatile boolean databaseReachable = true;
    private volatile OffsetDateTime sampledAt;

    public HealthSampler(DeploymentRepository deployments, ModeAvailability availability, DeploymentConfig config) {
        this.deployments = deployments;
        this.availability = availability;
        this.config = config;
        Path state = Path.of(config.stateDir());
        this.resources = ResourceSampler.system(
                Files.isDirectory(state) ? state : Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @RunOnVirtualThread
    void sample() {
        ResourceSampler.Sample s = resources.sample();
        lastResources =
                new HealthSnapshot.Resources(s.cpuPercent(), s.memoryPercent(), s.diskPercent(), s.cgroupLimited());
        try {
            DeploymentStatistics st = deployments.statistics();
            lastStats = new HealthSnapshot.Statistics(
                    st.finished(),
                    st.completed(),
                    st.failed(),
                    st.cancelled(),
                    st.timedOut(),
                    Math.round(st.averageCompletedSeconds() * 10) / 10.0);
            active = st.active();
            queued = st.queued();
            databaseReachable = true;
        } catch (RuntimeException e) {
            databaseReachable = false;
            LOG.debugf("health statistics unavailable: %s", e.getMessage());
        }
        sampledAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** @param apiVersion the version of the API the snapshot is shown by */
    public HealthSnapshot snapshot(String apiVersion) {
        Map<String, ToolStatus> managers = new LinkedHashMap<>();
        availability.snapshot().forEach((mode, status) -> managers.put(mode.wire(), status));
        boolean anyMode = availability.snapshot().values().stream().anyMatch(ToolStatus::isAvailable);
        String status = !databaseReachable ? "degraded" : anyMode ? "ready" : "no_deployment_modes";
        return new HealthSnapshot(
                status,
                OffsetDateTime.now(ZoneOffset.UTC),
                apiVersion,
                managers,
                active,
                queued,
                config.maxConcurrent(),
                lastResources,
                lastStats,
                sampledAt);
    }
}
