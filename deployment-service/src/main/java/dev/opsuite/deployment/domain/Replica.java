package dev.opsuite.deployment.domain;

import dev.opsuite.deployment.DeploymentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;

/** This replica's name: deployments it runs carry it, and restart recovery only touches its own. */
@ApplicationScoped
public class Replica {
    private final String id;

    public Replica(DeploymentConfig config) {
        this.id = config.instanceId().orElseGet(Replica::hostName);
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
