package dev.opsuite.automation.ansible;

import dev.opsuite.automation.task.Limiter;
import jakarta.enterprise.context.ApplicationScoped;

/** Ansible's {@code max_concurrent}: playbook processes at once on this replica; more runs wait pending. */
@ApplicationScoped
public class AnsibleLimits {
    private final Limiter runs = new Limiter(10);

    public Limiter runs() {
        return runs;
    }
}
