package dev.opsuite.deployment.apps;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.process.AppInstances;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Removing an app removes what runs it: its serving instances are stopped (whole process trees) before
 * the registration goes, so nothing is left running that the service no longer manages. An app with a
 * deployment queued or under way is refused (409) until that deployment is cancelled or has ended.
 * Blocking (stopping processes waits for them): callers are on virtual threads.
 */
@ApplicationScoped
public class AppRemoval {
    private static final Logger LOG = Logger.getLogger(AppRemoval.class);

    private final AppService apps;
    private final AppLookup lookup;
    private final DeploymentRepository deployments;
    private final AppInstances instances;

    public AppRemoval(AppService apps, AppLookup lookup, DeploymentRepository deployments, AppInstances instances) {
        this.apps = apps;
        this.lookup = lookup;
        this.deployments = deployments;
        this.instances = instances;
    }

    /** @param actor who removes it (the event's initiator) */
    public void remove(String name, String actor) {
        if (lookup.find(name).isEmpty()) {
            throw AppService.notFound(name);
        }
        List<String> active = deployments.activeIds(name);
        if (!active.isEmpty()) {
            throw ApiException.conflict(
                            "deployment_in_progress",
                            "App " + name + " has deployments queued or under way; cancel them (or let them end) first")
                    .withDetail("deployments", active);
        }
        List<Long> stopped = instances.stopAll(name);
        if (!stopped.isEmpty()) {
            LOG.infof("app %s removed: stopped its instances %s", name, stopped);
        }
        AppLookup.await(() -> apps.delete(name, stopped.size(), actor));
    }
}
