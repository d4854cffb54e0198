package dev.opsuite.automation.task;

import dev.opsuite.automation.AutomationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This replica's name in {@code tasks.owner_instance}: configured, else host name, pid and a random suffix. */
@ApplicationScoped
public class InstanceId {
    private final String id;

    public InstanceId(AutomationConfig config) {
        this.id = config.instanceId().orElseGet(InstanceId::generate);
    }

    public String get() {
        return id;
    }

    private static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "automation";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
