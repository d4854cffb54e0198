package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.Mode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells the truth about which modes can run here, by actually running each mode's tool ({@link
 * ModePlan#probeTool()}: {@code docker info} for client AND engine, {@code uv --version}, python's venv
 * + ensurepip). Probes run in the background; readers get the last result and never wait.
 */
@ApplicationScoped
public class ModeAvailability {
    private static final Logger LOG = Logger.getLogger(ModeAvailability.class);

    private final ModePlans plans;
    private final DeploymentConfig config;
    private volatile Map<Mode, ToolStatus> current;

    public ModeAvailability(ModePlans plans, DeploymentConfig config) {
        this.plans = plans;
        this.config = config;
        Map<Mode, ToolStatus> initial = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            initial.put(m, ToolStatus.unknown());
        }
        this.current = initial;
    }

    void onStart(@Observes StartupEvent ev) {
        Thread.ofVirtual().name("mode-availability").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    refresh();
                    Thread.sleep(config.availabilityRefresh().toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("mode availability probe failed: %s", e.getMessage());
                }
            }
        });
    }

    public Map<Mode, ToolStatus> snapshot() {
        return current;
    }

    public ToolStatus status(Mode mode) {
        return current.get(mode);
    }

    /** Runs every mode's probe now (blocking, a few seconds at most). */
    public synchronized Map<Mode, ToolStatus> refresh() {
        Map<Mode, ToolStatus> next = new EnumMap<>(Mode.class);
        for (ModePlan plan : plans.all()) {
            next.put(plan.mode(), plan.probeTool());
        }
        current = next;
        return next;
    }
}
