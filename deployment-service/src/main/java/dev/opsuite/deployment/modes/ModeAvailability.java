package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.process.Executables;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells the truth about which modes can run here, by actually running the tools: {@code docker info}
 * (client AND engine), {@code uv --version}, and python's venv + ensurepip. Probes run in the
 * background; readers get the last result and never wait.
 */
@ApplicationScoped
public class ModeAvailability {
    private static final Logger LOG = Logger.getLogger(ModeAvailability.class);

    private final Executables executables;
    private final DeploymentConfig config;
    private volatile Map<Mode, ToolStatus> current;

    public ModeAvailability(Executables executables, DeploymentConfig config) {
        this.executables = executables;
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

    /** Runs all probes now (blocking, a few seconds at most). */
    public synchronized Map<Mode, ToolStatus> refresh() {
        Map<Mode, ToolStatus> next = new EnumMap<>(Mode.class);
        next.put(Mode.DOCKER, docker());
        next.put(Mode.UV, uv());
        next.put(Mode.FALLBACK, python("python3"));
        current = next;
        return next;
    }

    private ToolStatus docker() {
        var env = executables.baseEnvironment();
        Probe.Outcome info =
                Probe.run(executables, env, config.probeTimeout(), "docker", "info", "--format", "{{.ServerVersion}}");
        if (info.failure() != null) {
            return ToolStatus.unavailable(info.failure());
        }
        if (!info.ok()) {
            String why = info.lastLine();
            return ToolStatus.unavailable("docker info failed (exit " + info.exitCode() + "): no usable Docker engine"
                    + (why.isEmpty() ? "" : ": " + why));
        }
        Probe.Outcome compose =
                Probe.run(executables, env, config.probeTimeout(), "docker", "compose", "version", "--short");
        if (!compose.ok()) {
            return ToolStatus.unavailable("docker compose plugin is missing");
        }
        return ToolStatus.available(info.lastLine());
    }

    private ToolStatus uv() {
        Probe.Outcome v =
                Probe.run(executables, executables.baseEnvironment(), config.probeTimeout(), "uv", "--version");
        if (v.failure() != null) {
            return ToolStatus.unavailable(v.failure());
        }
        if (!v.ok()) {
            return ToolStatus.unavailable("uv --version failed (exit " + v.exitCode() + ")");
        }
        String line = v.lastLine();
        return ToolStatus.available(line.startsWith("uv ") ? line.substring(3).strip() : line);
    }

    /** venv alone is not enough on Debian-like systems: without ensurepip, venvs come without pip. */
    ToolStatus python(String python) {
        var env = executables.baseEnvironment();
        Probe.Outcome check = Probe.run(
                executables,
                env,
                config.probeTimeout(),
                python,
                "-c",
                "import sys, venv, ensurepip; print('%d.%d.%d' % sys.version_info[:3])");
        if (check.failure() != null) {
            return ToolStatus.unavailable(check.failure());
        }
        if (!check.ok()) {
            return ToolStatus.unavailable(
                    python + " cannot create virtual environments (venv/ensurepip missing): " + check.lastLine());
        }
        return ToolStatus.available(check.lastLine());
    }
}
